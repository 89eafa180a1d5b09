import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { assessmentFor } from './assessment-access.ts';
import { AssessmentRepository } from './assessment-repository.ts';
import { toAssessmentView, type AssessmentView } from './assessment-view.ts';
import { ConsultationRepository } from './consultation-repository.ts';

/** One assessment with its answers, flags and consultation (assessment.read in its region). */
export async function getAssessment(ctx: Pick<AppContext, 'db' | 'clock' | 'cipher'>, rc: RequestContext, id: string): Promise<AssessmentView> {
  const a = await assessmentFor(ctx, rc, id, 'assessment.read');
  const flags = (await new AssessmentRepository(ctx.db).flagsOf([a.id])).get(a.id) ?? [];
  const [consultation] = await new ConsultationRepository(ctx.db).ofAssessments([a.id]);
  return toAssessmentView(ctx.cipher, a, flags, consultation);
}

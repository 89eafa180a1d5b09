import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { personFor } from './assessment-access.ts';
import { AssessmentRepository } from './assessment-repository.ts';
import { toAssessmentView, type AssessmentView } from './assessment-view.ts';
import { ConsultationRepository } from './consultation-repository.ts';

/**
 * A person's assessments, newest first: drafts, submitted results and superseded versions (amendedBy set),
 * each with flags and consultation (assessment.read in the person's region).
 */
export async function listPersonAssessments(
  ctx: Pick<AppContext, 'db' | 'clock' | 'cipher'>,
  rc: RequestContext,
  input: { personId: string; limit: number },
): Promise<AssessmentView[]> {
  const person = await personFor(ctx, rc, input.personId, 'assessment.read');
  const repo = new AssessmentRepository(ctx.db);
  const rows = await repo.listForPerson(person.id, input.limit);
  const ids = rows.map((r) => r.id);
  const flags = await repo.flagsOf(ids);
  const consultations = new Map((await new ConsultationRepository(ctx.db).ofAssessments(ids)).map((c) => [c.assessmentId, c]));
  return rows.map((r) => toAssessmentView(ctx.cipher, r, flags.get(r.id) ?? [], consultations.get(r.id)));
}

import { AppError, ErrorCode, getInstrument, validateAnswers } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { assessmentFor } from './assessment-access.ts';
import { AssessmentRepository } from './assessment-repository.ts';
import { bodyField } from './start-assessment.ts';

/**
 * Saves the answers of a draft (autosave; blanks allowed). A submitted assessment is immutable:
 * INVALID_STATE (409). Not audited per keystroke; the submission is.
 */
export async function saveDraftAnswers(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  rc: RequestContext,
  input: { id: string; answers: (number | null)[] },
): Promise<{ id: string; savedAt: Date }> {
  const draft = await assessmentFor(ctx, rc, input.id, 'assessment.administer');
  if (draft.status !== 'draft') throw new AppError(ErrorCode.INVALID_STATE, 'A submitted assessment cannot be changed; amend it instead');
  try {
    validateAnswers(getInstrument(draft.instrument, draft.instrumentVersion).definition, input.answers);
  } catch (error) {
    bodyField(error);
  }
  const now = ctx.clock();
  if (!(await new AssessmentRepository(ctx.db).saveDraftAnswers(draft.id, input.answers, now))) {
    throw new AppError(ErrorCode.INVALID_STATE, 'A submitted assessment cannot be changed; amend it instead');
  }
  return { id: draft.id, savedAt: now };
}

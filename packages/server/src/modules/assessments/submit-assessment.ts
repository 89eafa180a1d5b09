import { AppError, ErrorCode } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { PersonRepository } from '../persons/person-repository.ts';
import { assessmentFor, roleOf } from './assessment-access.ts';
import { AssessmentRepository } from './assessment-repository.ts';
import { completeAssessment, type CompletedAssessment } from './complete-assessment.ts';
import { requireAssessmentConsent } from './require-consent.ts';

/**
 * Submits a draft: scores it, stores the result with every risk flag and its reason, the timeline
 * event, crisis signals and the consultation request, all in one transaction. From then on it is
 * immutable. A second submission of the same draft is CONFLICT (409) and writes nothing. The consent
 * is checked again: a withdrawal since the draft was started stops the submission.
 */
export async function submitAssessment(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  rc: RequestContext,
  input: { id: string; answers?: (number | null)[] | undefined },
): Promise<CompletedAssessment> {
  const draft = await assessmentFor(ctx, rc, input.id, 'assessment.administer');
  if (draft.status !== 'draft') throw new AppError(ErrorCode.CONFLICT, 'This assessment has already been submitted');
  const person = await new PersonRepository(ctx.db).find(draft.personId);
  if (!person) throw new Error('assessment of a missing person');
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const locked = await new AssessmentRepository(tx).findForUpdate(draft.id);
    if (locked?.status !== 'draft') throw new AppError(ErrorCode.CONFLICT, 'This assessment has already been submitted');
    const consentId = await requireAssessmentConsent(tx, person.id, now, ctx.config.timeZone);
    const answers = input.answers ?? locked.answers;
    const done = await completeAssessment(tx, {
      draftId: locked.id,
      row: {
        personId: locked.personId,
        regionCode: locked.regionCode,
        instrument: locked.instrument,
        instrumentVersion: locked.instrumentVersion,
        mode: locked.mode,
        language: locked.language,
        answers,
        consentId,
        administeredBy: locked.administeredBy,
        version: 1,
        previousId: null,
        amendmentReasonEnc: null,
        at: now,
      },
      sex: person.sex,
      actorId: rc.actor.accountId,
      consultationSeverity: ctx.config.assessments.consultationSeverity,
    });
    await appendAudit(tx, {
      at: now,
      accountId: rc.actor.accountId,
      username: rc.actor.username,
      role: roleOf(rc),
      action: 'assessment.submit',
      resourceType: 'assessment',
      resourceId: done.id,
      regionCode: locked.regionCode,
      clientIp: rc.clientIp,
      details: {
        personId: locked.personId,
        instrument: locked.instrument,
        severity: done.result.severity,
        flags: done.flags.map((f) => f.flag),
        consultationId: done.consultationId,
      },
    });
    return done;
  });
}

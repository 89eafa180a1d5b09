import { AppError, ErrorCode } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { PersonRepository } from '../persons/person-repository.ts';
import { assessmentFor, roleOf } from './assessment-access.ts';
import { ASSESSMENT_CONTEXT } from './assessment-crypto.ts';
import { AssessmentRepository } from './assessment-repository.ts';
import { completeAssessment, type CompletedAssessment } from './complete-assessment.ts';

/**
 * Corrects a submitted assessment: a new version with the corrected answers and the reason, linked to
 * the version it corrects; both are kept (the old one unchanged) and the amendment is audited. Only the
 * newest version can be amended (CONFLICT otherwise). An amendment corrects the record of an assessment
 * already made under consent; it is not a new assessment, so a later withdrawal does not block it.
 */
export async function amendAssessment(
  ctx: Pick<AppContext, 'db' | 'clock' | 'cipher' | 'config'>,
  rc: RequestContext,
  input: { id: string; answers: (number | null)[]; reason: string },
): Promise<CompletedAssessment & { previousId: string; version: number }> {
  const original = await assessmentFor(ctx, rc, input.id, 'assessment.administer');
  if (original.status !== 'submitted') throw new AppError(ErrorCode.INVALID_STATE, 'Only a submitted assessment can be amended; edit the draft');
  const reason = input.reason.trim();
  if (reason.length < 2) throw new AppError(ErrorCode.VALIDATION, 'Say why the assessment is amended', { field: 'body.reason' });
  const person = await new PersonRepository(ctx.db).find(original.personId);
  if (!person) throw new Error('assessment of a missing person');
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const repo = new AssessmentRepository(tx);
    await repo.findForUpdate(original.id);
    const fresh = await repo.find(original.id);
    if (fresh?.amendedBy) throw new AppError(ErrorCode.CONFLICT, 'A newer version exists: amend that one', { details: { newerId: fresh.amendedBy } });
    const version = original.version + 1;
    const done = await completeAssessment(tx, {
      row: {
        personId: original.personId,
        regionCode: original.regionCode,
        instrument: original.instrument,
        instrumentVersion: original.instrumentVersion,
        mode: original.mode,
        language: original.language,
        answers: input.answers,
        consentId: original.consentId,
        administeredBy: rc.actor.accountId,
        version,
        previousId: original.id,
        amendmentReasonEnc: ctx.cipher.encrypt(reason, ASSESSMENT_CONTEXT.amendmentReason),
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
      action: 'assessment.amend',
      resourceType: 'assessment',
      resourceId: done.id,
      regionCode: original.regionCode,
      clientIp: rc.clientIp,
      details: {
        previousId: original.id,
        version,
        instrument: original.instrument,
        severityBefore: original.severity,
        severityAfter: done.result.severity,
        changedItems: input.answers.map((a, i) => (a === original.answers[i] ? -1 : i + 1)).filter((i) => i > 0),
      },
    });
    return { ...done, previousId: original.id, version };
  });
}

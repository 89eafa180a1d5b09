import { AppError, ErrorCode, getInstrument, type Locale } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import { PersonRepository } from '../persons/person-repository.ts';
import { completeAssessment } from './complete-assessment.ts';
import { LinkRepository } from './link-repository.ts';
import { throttlePublic, usableLink } from './public-link.ts';
import { requireAssessmentConsent } from './require-consent.ts';

/**
 * The person's answers through a one-time link. In one transaction: the link is locked and checked
 * (unused, not expired or revoked), consent is checked again, the result is scored and stored in the
 * person's record with flags, timeline, crisis signal and consultation, and the link is marked used.
 * A second submission is GONE (reason used). Every item must be answered, except items the manual lets
 * a respondent skip. The respondent gets no score back: results are discussed with staff.
 */
export async function submitPublicAssessment(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  input: { token: string; clientIp: string; answers: (number | null)[]; language?: Locale | undefined },
): Promise<{ received: true }> {
  const tokenHash = await throttlePublic(ctx, input.token, input.clientIp);
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    const link = await usableLink(tx, tokenHash, now, true);
    const { definition } = getInstrument(link.instrument, link.instrumentVersion);
    if (input.answers.length === definition.items.length) {
      const blank = definition.items.findIndex((item, i) => input.answers[i] === null && item.appliesTo === undefined && item.skipWhen === undefined);
      if (blank >= 0) throw new AppError(ErrorCode.VALIDATION, `Please answer question ${blank + 1}`, { field: `body.answers[${blank}]` });
    }
    const person = await new PersonRepository(tx).find(link.personId);
    if (!person) throw new Error('link to a missing person');
    const consentId = await requireAssessmentConsent(tx, person.id, now, ctx.config.timeZone);
    const done = await completeAssessment(tx, {
      row: {
        personId: person.id,
        regionCode: link.regionCode,
        instrument: link.instrument,
        instrumentVersion: link.instrumentVersion,
        mode: 'self',
        language: input.language ?? link.language,
        answers: input.answers,
        consentId,
        administeredBy: null,
        version: 1,
        previousId: null,
        amendmentReasonEnc: null,
        at: now,
      },
      sex: person.sex,
      actorId: null,
      consultationSeverity: ctx.config.assessments.consultationSeverity,
    });
    if (!(await new LinkRepository(tx).markUsed(link.id, done.id, now))) {
      throw new AppError(ErrorCode.GONE, 'This link has already been used', { details: { reason: 'used' } });
    }
    await appendAudit(tx, {
      at: now,
      action: 'assessment.self_submit',
      resourceType: 'assessment',
      resourceId: done.id,
      regionCode: link.regionCode,
      clientIp: input.clientIp,
      details: { linkId: link.id, personId: person.id, instrument: link.instrument, flags: done.flags.map((f) => f.flag) },
    });
  });
  return { received: true };
}

import { AppError, CONSENT_REFUSAL_MESSAGES, ErrorCode } from '@anxin/domain';
import type { Queryable } from '../../db/database.ts';
import { ConsentRepository } from './consent-repository.ts';
import { consentCheck } from './has-valid-consent.ts';

/**
 * Refuses with CONSENT_REQUIRED (details.reason: none | withdrawn | guardian_required) unless the person
 * has a valid consent for assessment at `at`; returns the consent the assessment rests on.
 */
export async function requireAssessmentConsent(q: Queryable, personId: string, at: Date, timeZone: string): Promise<string> {
  const check = await consentCheck(q, personId, 'assessment', at, timeZone);
  if (!check.valid) {
    throw new AppError(ErrorCode.CONSENT_REQUIRED, CONSENT_REFUSAL_MESSAGES[check.reason], { details: { reason: check.reason } });
  }
  const live = (await new ConsentRepository(q).listForPerson(personId, 'assessment')).find(
    (c) => c.givenAt.getTime() <= at.getTime() && (c.withdrawnAt === null || c.withdrawnAt.getTime() > at.getTime()),
  );
  if (!live) throw new Error('valid consent without a live consent row');
  return live.id;
}

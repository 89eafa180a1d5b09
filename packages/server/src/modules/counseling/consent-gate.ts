import { AppError, ErrorCode } from '@anxin/domain';
import type { Queryable } from '../../db/database.ts';
import { consentCheck } from '../assessments/has-valid-consent.ts';

/**
 * Counseling needs the person's consent for the purpose 'counseling' (the assessment module's consents and its
 * hasValidConsent/consentCheck). A person whose counseling consent was withdrawn, or a minor under 14 whose consent
 * lacks a guardian, gets no session: CONSENT_REQUIRED naming the participant. A person with no counseling consent
 * recorded at all is not refused here: consent to counseling is often taken verbally at the first session and
 * recorded with it; the refusal is for an explicit "no" (a withdrawal) or an invalid consent.
 */
export async function assertCounselingConsentNotWithdrawn(
  q: Queryable,
  personIds: string[],
  at: Date,
  timeZone: string,
  field: (i: number) => string,
): Promise<void> {
  for (const [i, personId] of personIds.entries()) {
    const check = await consentCheck(q, personId, 'counseling', at, timeZone);
    if (check.valid || check.reason === 'none') continue;
    throw new AppError(
      ErrorCode.CONSENT_REQUIRED,
      check.reason === 'withdrawn'
        ? 'The person has withdrawn consent to counseling; no session can be recorded'
        : 'The person is a minor: counseling consent must come from a guardian',
      { field: field(i), details: { reason: check.reason } },
    );
  }
}

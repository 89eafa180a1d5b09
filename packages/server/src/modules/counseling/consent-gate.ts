import { AppError, ErrorCode } from '@anxin/domain';
import type { Queryable } from '../../db/database.ts';

/**
 * Counseling needs the person's consent for the purpose 'counseling' (table `consents`, assessment module).
 * A person whose counseling consent was withdrawn (their latest one for the purpose is withdrawn) gets no
 * further sessions: CONSENT_REQUIRED, naming the participant. A person with no recorded counseling consent is
 * not refused here, because consent to counseling is often taken verbally at the first session and recorded
 * with it; the refusal is for a withdrawal, which is an explicit "no".
 */
export async function assertCounselingConsentNotWithdrawn(q: Queryable, personIds: string[], at: Date, field: (i: number) => string): Promise<void> {
  if (personIds.length === 0) return;
  const rows = await q.query<{ person_id: string }>(
    `SELECT c.person_id FROM (
       SELECT DISTINCT ON (person_id) person_id, withdrawn_at
         FROM consents
        WHERE person_id = ANY ($1::uuid[]) AND purpose = 'counseling' AND given_at <= $2
        ORDER BY person_id, given_at DESC, created_at DESC) c
      WHERE c.withdrawn_at IS NOT NULL AND c.withdrawn_at <= $2`,
    [personIds, at],
  );
  const withdrawn = new Set(rows.map((r) => r.person_id));
  const i = personIds.findIndex((id) => withdrawn.has(id));
  if (i >= 0) {
    throw new AppError(ErrorCode.CONSENT_REQUIRED, 'The person has withdrawn consent to counseling; no session can be recorded', {
      field: field(i),
    });
  }
}

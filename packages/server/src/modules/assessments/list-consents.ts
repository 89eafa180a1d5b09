import { can } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { PersonRepository } from '../persons/person-repository.ts';
import { personFor } from './assessment-access.ts';
import { ASSESSMENT_CONTEXT } from './assessment-crypto.ts';
import { consentCheck } from './has-valid-consent.ts';
import { ConsentRepository } from './consent-repository.ts';

export interface ConsentView {
  id: string;
  purpose: string;
  textVersion: string;
  method: string;
  givenBy: string;
  guardianName: string | null;
  guardianRelation: string | null;
  witnessName: string | null;
  takenBy: string;
  givenAt: string;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
}

/** A person's consents (consent.record or assessment.read there) and whether assessment is allowed now. */
export async function listConsents(
  ctx: Pick<AppContext, 'db' | 'clock' | 'cipher' | 'config'>,
  rc: RequestContext,
  personId: string,
): Promise<{ items: ConsentView[]; assessment: { valid: boolean; reason: string | null } }> {
  const person = await new PersonRepository(ctx.db).find(personId);
  // Whoever takes consent (grid and social workers included) or reads assessments may see the consents.
  const taker = person !== undefined && can(rc.actor, 'consent.record', { regionCode: person.regionCode });
  await personFor(ctx, rc, personId, taker ? 'consent.record' : 'assessment.read');
  const rows = await new ConsentRepository(ctx.db).listForPerson(personId);
  const check = await consentCheck(ctx.db, personId, 'assessment', ctx.clock(), ctx.config.timeZone);
  const dec = (v: string | null, c: string) => (v === null ? null : ctx.cipher.decrypt(v, c));
  return {
    items: rows.map((r) => ({
      id: r.id,
      purpose: r.purpose,
      textVersion: r.textVersion,
      method: r.method,
      givenBy: r.givenBy,
      guardianName: dec(r.guardianNameEnc, ASSESSMENT_CONTEXT.guardianName),
      guardianRelation: r.guardianRelation,
      witnessName: dec(r.witnessNameEnc, ASSESSMENT_CONTEXT.witnessName),
      takenBy: r.takenBy,
      givenAt: r.givenAt.toISOString(),
      withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
      withdrawalReason: dec(r.withdrawalReasonEnc, ASSESSMENT_CONTEXT.withdrawalReason),
    })),
    assessment: check.valid ? { valid: true, reason: null } : { valid: false, reason: check.reason },
  };
}

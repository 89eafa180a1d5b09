import { AppError, ErrorCode, validateConsent, type ConsentGiver, type ConsentMethod, type ConsentPurpose, type GuardianRelation } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import { localIsoDate } from '../persons/person-crypto.ts';
import { personFor, roleOf } from './assessment-access.ts';
import { ASSESSMENT_CONTEXT } from './assessment-crypto.ts';
import { ConsentRepository } from './consent-repository.ts';

export interface RecordConsentInput {
  personId: string;
  purpose: ConsentPurpose;
  textVersion: string;
  method: ConsentMethod;
  givenBy: ConsentGiver;
  guardianName?: string | undefined;
  guardianRelation?: GuardianRelation | undefined;
  witnessName?: string | undefined;
  /** When consent was given; now when left out. */
  givenAt?: Date | undefined;
}

/**
 * Records an informed consent taken by the caller (consent.record in the person's region). A minor
 * under 14 on the day needs a guardian; verbal consent needs a witness. Names are field-encrypted.
 */
export async function recordConsent(
  ctx: Pick<AppContext, 'db' | 'clock' | 'cipher' | 'config'>,
  rc: RequestContext,
  input: RecordConsentInput,
): Promise<{ id: string }> {
  const person = await personFor(ctx, rc, input.personId, 'consent.record');
  const now = ctx.clock();
  const givenAt = input.givenAt ?? now;
  const tz = ctx.config.timeZone;
  const trimmed = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s.trim());
  const guardianName = trimmed(input.guardianName);
  const witnessName = trimmed(input.witnessName);
  const errors = validateConsent(
    { purpose: input.purpose, textVersion: input.textVersion, method: input.method, givenBy: input.givenBy, guardianName, guardianRelation: input.guardianRelation, witnessName, givenOn: localIsoDate(givenAt, tz) },
    { birthDate: person.birthDate },
    localIsoDate(now, tz),
  );
  if (givenAt.getTime() > now.getTime() && !errors.some((e) => e.field === 'givenAt')) {
    errors.push({ field: 'givenAt', code: 'future_date', message: 'Consent cannot be given in the future' });
  }
  const first = errors[0];
  if (first) {
    throw new AppError(ErrorCode.VALIDATION, first.message, {
      field: `body.${first.field}`,
      details: { errors: errors.map((e) => ({ ...e, field: `body.${e.field}` })) },
    });
  }
  const id = await ctx.db.transaction(async (tx) => {
    const consentId = await new ConsentRepository(tx).insert({
      personId: person.id,
      regionCode: person.regionCode,
      purpose: input.purpose,
      textVersion: input.textVersion,
      method: input.method,
      givenBy: input.givenBy,
      guardianNameEnc: guardianName === undefined ? null : ctx.cipher.encrypt(guardianName, ASSESSMENT_CONTEXT.guardianName),
      guardianRelation: input.guardianRelation ?? null,
      witnessNameEnc: witnessName === undefined ? null : ctx.cipher.encrypt(witnessName, ASSESSMENT_CONTEXT.witnessName),
      takenBy: rc.actor.accountId,
      givenAt,
      at: now,
    });
    await appendTimelineEvent(tx, {
      personId: person.id,
      occurredAt: givenAt,
      kind: 'consent.given',
      refId: consentId,
      summary: { purpose: input.purpose, method: input.method, givenBy: input.givenBy, textVersion: input.textVersion },
      actorId: rc.actor.accountId,
    });
    await appendAudit(tx, {
      at: now,
      accountId: rc.actor.accountId,
      username: rc.actor.username,
      role: roleOf(rc),
      action: 'consent.record',
      resourceType: 'consent',
      resourceId: consentId,
      regionCode: person.regionCode,
      clientIp: rc.clientIp,
      details: { personId: person.id, purpose: input.purpose, method: input.method, givenBy: input.givenBy },
    });
    return consentId;
  });
  return { id };
}

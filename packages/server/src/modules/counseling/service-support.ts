import { AppError, ErrorCode, can, maskName } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { AuditEntry } from '../../audit/audit-log.ts';
import type { Queryable } from '../../db/database.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { localIsoDate } from '../persons/person-crypto.ts';
import { PersonRepository, type PersonRecord } from '../persons/person-repository.ts';

/** Helpers shared by the service-loop modules (counseling, care visits, referrals). */

export const roleOf = (rc: RequestContext): string | null => rc.actor.roles.map((r) => r.role).join(',') || null;

/** The audit fields every service-loop write shares; details are codes and counts only. */
export function auditOf(
  rc: RequestContext,
  at: Date,
  e: Pick<AuditEntry, 'action' | 'resourceType' | 'resourceId' | 'regionCode' | 'details'>,
): AuditEntry {
  return { at, accountId: rc.actor.accountId, username: rc.actor.username, role: roleOf(rc), clientIp: rc.clientIp, ...e };
}

export const todayOf = (ctx: Pick<AppContext, 'clock' | 'config'>): string => localIsoDate(ctx.clock(), ctx.config.timeZone);

/**
 * A person a record is about, as a 4xx naming the field when the id is unknown, merged or deceased before
 * the given date (nobody is counseled or visited after death).
 */
export async function personFor(q: Queryable, personId: string, field: string, on?: string): Promise<PersonRecord> {
  const person = await new PersonRepository(q).find(personId);
  if (!person) throw new AppError(ErrorCode.VALIDATION, 'No such person in the register', { field });
  if (person.mergedInto !== null) {
    throw new AppError(ErrorCode.VALIDATION, 'This record was merged into another; use that one', {
      field,
      details: { mergedInto: person.mergedInto },
    });
  }
  if (on !== undefined && person.deceasedOn !== null && person.deceasedOn < on) {
    throw new AppError(ErrorCode.INVALID_STATE, 'The person is recorded as deceased before this date', { field });
  }
  return person;
}

/** A person's name as the caller may see it: in full with person.read_full there, masked otherwise. */
export function nameFor(rc: RequestContext, name: string, regionCode: string): string {
  return can(rc.actor, 'person.read_full', { regionCode }) ? name : (maskName(name) ?? '');
}

/** Turns domain field errors into one VALIDATION error naming the first body field. */
export function throwIfInvalid(errors: { field: string; message: string; code: string }[]): void {
  const first = errors[0];
  if (!first) return;
  throw new AppError(ErrorCode.VALIDATION, first.message, {
    field: `body.${first.field}`,
    details: { errors: errors.map((e) => ({ ...e, field: `body.${e.field}` })) },
  });
}

/** Decrypts an optional field. */
export const openText = (ctx: Pick<AppContext, 'cipher'>, value: string | null, context: string): string | null =>
  value === null ? null : ctx.cipher.decrypt(value, context);

/** Encrypts an optional free-text field (blank → null). */
export function sealText(ctx: Pick<AppContext, 'cipher'>, value: string | null | undefined, context: string): string | null {
  const v = value?.trim();
  return v ? ctx.cipher.encrypt(v, context) : null;
}

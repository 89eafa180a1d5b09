import { AppError, ErrorCode, type Action } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { AuditEntry } from '../../audit/audit-log.ts';
import type { Queryable } from '../../db/database.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { PersonRepository, type PersonRecord } from '../persons/person-repository.ts';

/** The audit fields that say who acted; callers add action, resource and codes-only details. */
export function auditActor(rc: RequestContext, at: Date): Pick<AuditEntry, 'at' | 'accountId' | 'username' | 'role' | 'clientIp'> {
  return {
    at,
    accountId: rc.actor.accountId,
    username: rc.actor.username,
    role: rc.actor.roles.map((r) => r.role).join(',') || null,
    clientIp: rc.clientIp,
  };
}

/**
 * Loads a person and checks the caller may take `action` in the person's region. A merged-away
 * record answers GONE naming the survivor, so clients go to the record that holds the data now.
 */
export async function personFor(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  rc: RequestContext,
  q: Queryable,
  id: string,
  action: Action,
  options: { allowMerged?: boolean } = {},
): Promise<PersonRecord> {
  const person = await new PersonRepository(q).find(id);
  if (!person) throw new AppError(ErrorCode.NOT_FOUND, 'Person not found');
  await authorize(ctx, rc, action, { regionCode: person.regionCode, resourceType: 'person', resourceId: person.id });
  if (person.mergedInto !== null && !options.allowMerged) {
    throw new AppError(ErrorCode.GONE, 'This record was merged into another', { details: { mergedInto: person.mergedInto } });
  }
  return person;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Keyset cursors: a base64url JSON array of strings, validated on the way back in. */
export function encodeCursor(parts: string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number, field = 'query.cursor'): string[] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === arity && value.every((v) => typeof v === 'string')) return value as string[];
  } catch {
    // fall through
  }
  throw new AppError(ErrorCode.VALIDATION, 'Invalid cursor', { field });
}

export const isUuid = (s: string): boolean => UUID.test(s);

/** `LIKE ANY` patterns for region prefixes. */
export const likePatterns = (prefixes: readonly string[]): string[] => prefixes.map((p) => `${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);

import { randomUUID } from 'node:crypto';

/**
 * A time-ordered UUID (RFC 9562 version 7: 48-bit Unix milliseconds, then random bits). Rows written
 * together get neighbouring keys, so a bulk write appends to the right edge of the primary key (and of
 * other tables' indexes on the reference) instead of touching random pages of an index of millions, which
 * is what gen_random_uuid() keys do once the index no longer fits in memory.
 */
export function timeOrderedUuid(at: number = Date.now()): string {
  const ts = Math.max(0, Math.floor(at)).toString(16).padStart(12, '0').slice(-12);
  return `${ts.slice(0, 8)}-${ts.slice(8, 12)}-7${randomUUID().slice(15)}`;
}

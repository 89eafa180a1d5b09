import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import { CallRepository } from './call-repository.ts';

/** Call notes are kept 3 years (心理援助热线技术指南: records kept at least 3 years), then anonymised. */
export const NOTES_RETENTION_YEARS = 3;

/**
 * Clears notes, the caller's number and hash and any person link of calls offered more than 3 years
 * ago, in batches; the coded record (categories, risk level, dispositions, times) stays for statistics.
 * Idempotent: an anonymised call is not touched again.
 */
export async function anonymiseOldCalls(ctx: Pick<AppContext, 'db' | 'clock'>, batchSize = 1000): Promise<number> {
  const now = ctx.clock();
  const before = new Date(now);
  before.setUTCFullYear(before.getUTCFullYear() - NOTES_RETENTION_YEARS);
  let total = 0;
  for (;;) {
    const n = await ctx.db.transaction(async (tx) => {
      const count = await new CallRepository(tx).anonymiseBefore(before, now, batchSize);
      if (count > 0) await appendAudit(tx, { at: now, action: 'hotline.calls_anonymise', details: { calls: count, before: before.toISOString() } });
      return count;
    });
    total += n;
    if (n < batchSize) return total;
  }
}

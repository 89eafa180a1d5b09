import type { AppContext } from '../../app-context.ts';
import { RollupRebuildRepository } from './rollup-rebuild-repository.ts';

export interface RebuildReport {
  /** The back-fill functions called, in order (one per figure family). */
  families: string[];
  /** Aggregated change rows the back-fills produced (figure × community × day). */
  changeRows: number;
  dayRows: number;
  monthRows: number;
  totalRows: number;
  /** Wall time of each step, in milliseconds. */
  timings: Record<string, number>;
}

/**
 * Recomputes every rollup from the base tables: an admin repair, and the way to fill the rollups after a
 * bulk load with the triggers disabled. One transaction: it empties the change log and the folded tables,
 * calls every family's `rollup_backfill_<family>()`, and builds the day rows level by level (community
 * first, each higher level from the one below), then the month rows and the totals.
 *
 * Writers to the counted tables wait for it: their triggers append to `rollup_delta`, which the rebuild
 * holds exclusively, so a change either committed before the rebuild read the base tables (and is in
 * it) or is logged after it (and is added by the next fold); nothing is counted twice or lost.
 * Dashboard reads wait too (the tables they read are being rewritten). At 10M persons this takes minutes.
 */
export async function rebuildRollups(
  ctx: Pick<AppContext, 'db'>,
  onStep?: (step: string, ms: number) => void,
  /**
   * Benchmarks only: leave these families' back-fills out (their figures stay empty until the next full
   * rebuild), e.g. while another process is still bulk-loading their table.
   */
  options: { excludeFamilies?: readonly string[] } = {},
): Promise<RebuildReport> {
  return ctx.db.transaction(async (tx) => {
    const repo = new RollupRebuildRepository(tx);
    const timings: Record<string, number> = {};
    const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
      const t0 = Date.now();
      const out = await fn();
      timings[name] = Date.now() - t0;
      onStep?.(name, timings[name]);
      return out;
    };
    await step('lock_and_empty', () => repo.lockAndEmpty());
    const families = (await repo.backfillFunctions()).filter((f) => !options.excludeFamilies?.includes(f));
    for (const f of families) await step(f, () => repo.callBackfill(f));
    const changeRows = await repo.changeRows();
    await step('day_month_total_rows', () => repo.buildRows());
    const counts = await step('indexes', () => repo.finish());
    return { families, changeRows, ...counts, timings };
  });
}

import { addMonths } from '@anxin/domain/register/iso-date.ts';
import type { AppContext } from '../../app-context.ts';
import { RollupRebuildRepository } from './rollup-rebuild-repository.ts';
import { ROLLUP_TABLE_SETS } from './rollup-tables.ts';

export interface RebuildReport {
  /** The back-fill functions called, in order (one per figure family). */
  families: string[];
  /** Change rows the back-fills produced (per figure × community × day; population: per result × group). */
  changeRows: number;
  /** Rows written, dashboard figures and population status together (totals: figures only). */
  dayRows: number;
  monthRows: number;
  totalRows: number;
  /**
   * Wall time of each step, in milliseconds: `lock_and_empty`, each back-fill by name,
   * `day_month_total_rows` (every family's month slices and the totals) and `indexes`.
   */
  timings: Record<string, number>;
}

/**
 * Recomputes every rollup from the base tables: an admin repair, and the way to fill the rollups after a
 * bulk load with the triggers disabled. One transaction: it empties the change logs and the folded
 * tables; then for each family calls its `rollup_backfill_<family>()` and builds that family's day and
 * month rows one calendar month at a time (one statement each, so memory and temporary files stay
 * bounded by one family-month), and empties the log again; then the totals, the indexes.
 *
 * Writers to the counted tables wait for it: their triggers append to the change logs, which the rebuild
 * holds exclusively from before its first read of a base table (all rollup tables at once, see
 * `lockAndEmpty`), so a change either committed before the rebuild read the base tables (and is in it)
 * or is logged after it commits (and is added by the next fold); nothing is counted twice or lost. Dashboard reads wait too (the tables they read are being rewritten). At 10M
 * persons this takes many minutes: run it in a maintenance window.
 *
 * `onStep` reports each step as it ends, and each family-month slice as `<family> <YYYY-MM>` (progress;
 * these are not in `timings`).
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
      timings[name] = (timings[name] ?? 0) + Date.now() - t0;
      onStep?.(name, Date.now() - t0);
      return out;
    };
    await step('lock_and_empty', () => repo.lockAndEmpty());
    const families = (await repo.backfillFunctions()).filter((f) => !options.excludeFamilies?.includes(f));
    let changeRows = 0;
    let dayRows = 0;
    let monthRows = 0;
    for (const family of families) {
      await step(family, () => repo.callBackfill(family));
      const t0 = Date.now();
      for (const tables of ROLLUP_TABLE_SETS) {
        const n = await repo.changeRows(tables);
        if (n === 0) continue;
        changeRows += n;
        await repo.indexByDay(tables);
        for (let month = await repo.nextMonth(tables, null); month !== null; month = await repo.nextMonth(tables, addMonths(month, 1))) {
          const s0 = Date.now();
          const built = await repo.buildMonth(tables, month);
          dayRows += built.dayRows;
          monthRows += built.monthRows;
          onStep?.(`${family} ${month.slice(0, 7)}`, Date.now() - s0);
        }
        await repo.emptyLog(tables);
      }
      timings.day_month_total_rows = (timings.day_month_total_rows ?? 0) + Date.now() - t0;
    }
    const totalRows = await step('day_month_total_rows', () => repo.buildTotals());
    await step('indexes', () => repo.finish());
    return { families, changeRows, dayRows, monthRows, totalRows, timings };
  });
}

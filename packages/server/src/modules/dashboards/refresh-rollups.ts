import type { AppContext } from '../../app-context.ts';
import type { RecurringJob } from '../../jobs/recurring-jobs.ts';
import { RollupRepository } from './rollup-repository.ts';
import { ROLLUP_TABLE_SETS } from './rollup-tables.ts';

const BATCH = 50_000;

/**
 * Folds the rollup change logs (dashboard figures, then population status) into their level rows, batch
 * by batch, each batch in its own transaction. Runs as the recurring job `dashboards.refresh_rollups`
 * (every 15 s); readers never depend on it for correctness (they add pending changes), only for speed.
 * Returns the number of changes folded.
 */
export async function refreshRollups(ctx: Pick<AppContext, 'db'>): Promise<number> {
  let total = 0;
  for (const tables of ROLLUP_TABLE_SETS) {
    for (;;) {
      const n = await ctx.db.transaction((tx) => new RollupRepository(tx).fold(BATCH, tables));
      total += n;
      if (n < BATCH) break;
    }
  }
  return total;
}

/** The recurring job that keeps the level rows within seconds of the change log (freshness target ≤ 60 s). */
export const refreshRollupsJob: RecurringJob = {
  name: 'dashboards.refresh_rollups',
  everySeconds: 15,
  async run(ctx) {
    await refreshRollups(ctx);
  },
};

import { rebuildRollups } from '@anxin/server/modules/dashboards/rebuild-rollups.ts';
import type { CliCommand } from '../command.ts';
import { withContext } from './with-context.ts';

const USAGE = `anxin rollups rebuild [--json]

Recomputes every dashboard rollup from the base tables (admin repair, or after a bulk load with the
rollup triggers disabled): the dashboard figures and the population status. Empties the change logs and
the folded day, month and total rows, then for each figure family calls its rollup_backfill_<family>()
and builds its rows at every region level one calendar month at a time (one statement each, so memory
and temporary files stay bounded by one family-month). One transaction; writers to the counted tables
and dashboard reads wait until it ends (many minutes at 10M persons). Prints each step and each
family-month as it ends, then the families and row counts (--json: only the report, as JSON).`;

export const rollupsCommand: CliCommand = {
  name: 'rollups',
  summary: 'Dashboard rollups: rebuild them from the base tables',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    const json = rest.includes('--json');
    const unknown = rest.filter((a) => a !== '--json');
    if (sub !== 'rebuild' || unknown.length > 0) {
      io.err(`anxin rollups: ${sub === 'rebuild' ? `unknown argument ${unknown[0]}` : `unknown sub-command ${sub ?? '(none)'}`}\nUsage: ${USAGE}\n`);
      return 2;
    }
    return withContext(io, async (ctx) => {
      const report = await rebuildRollups(ctx, json ? undefined : (step, ms) => io.out(`${step}: ${(ms / 1000).toFixed(1)} s\n`));
      if (json) io.out(`${JSON.stringify(report)}\n`);
      else
        io.out(
          `rebuilt from ${report.families.length} families (${report.families.join(', ')}): ${report.changeRows} change rows → ` +
            `${report.dayRows} day rows, ${report.monthRows} month rows, ${report.totalRows} totals\n`,
        );
      return 0;
    });
  },
};

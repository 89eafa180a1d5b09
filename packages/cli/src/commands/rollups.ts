import { rebuildRollups } from '@anxin/server/modules/dashboards/rebuild-rollups.ts';
import type { CliCommand } from '../command.ts';
import { withContext } from './with-context.ts';

const USAGE = `anxin rollups rebuild [--json]

Recomputes every dashboard rollup from the base tables (admin repair, or after a bulk load with the
rollup triggers disabled): empties the change log and the folded day, month and total rows, calls each
figure family's rollup_backfill_<family>() and rebuilds every region level. One transaction; writers to
the counted tables and dashboard reads wait until it ends (minutes at 10M persons). Prints the families,
row counts and step times (--json: as JSON).`;

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

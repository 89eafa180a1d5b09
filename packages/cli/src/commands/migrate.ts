import { migrate, openDatabase } from '@anxin/server';
import { loadCliConfig } from './with-context.ts';
import type { CliCommand } from '../command.ts';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'Apply pending database migrations',
  usage: 'anxin migrate\n\nApplies numbered SQL migrations to DATABASE_URL or the embedded database in ANXIN_DATA_DIR.',
  async run(argv, io) {
    if (argv.length) {
      io.err(`anxin migrate: unexpected argument ${argv[0]}\n`);
      return 2;
    }
    const config = loadCliConfig(io);
    if (!config) return 2;
    const db = await openDatabase(config);
    try {
      const report = await migrate(db);
      for (const name of report.applied) io.out(`applied ${name}\n`);
      io.out(`${report.applied.length} applied, ${report.alreadyApplied} already applied\n`);
      return 0;
    } catch (e) {
      io.err(`anxin migrate: ${(e as Error).message}\n`);
      return 1;
    } finally {
      await db.close();
    }
  },
};

import { ConfigError, loadConfig, migrate, openDatabase } from '@anxin/server';
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
    let config;
    try {
      config = loadConfig(io.env);
    } catch (e) {
      if (e instanceof ConfigError) {
        io.err(`${e.message}\n`);
        return 2;
      }
      throw e;
    }
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

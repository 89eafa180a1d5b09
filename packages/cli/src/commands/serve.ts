import { startServer, type DemoAccount } from '@anxin/server';
import { loadCliConfig } from './with-context.ts';
import type { CliCommand, CliIo } from '../command.ts';

export function printDemoAccounts(io: CliIo, accounts: DemoAccount[]): void {
  if (accounts.length === 0) return;
  const width = Math.max(...accounts.map((a) => a.username.length));
  io.out('\nDemo accounts (username  password  role @ region):\n');
  for (const a of accounts) io.out(`  ${a.username.padEnd(width)}  ${a.password}  ${a.role} @ ${a.regionCode}\n`);
  io.out('\n');
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Start the Anxin server (applies migrations first)',
  usage: `anxin serve [--demo]

Starts the HTTP server on PORT (default 8080). Uses PostgreSQL when DATABASE_URL is set, otherwise an
embedded database in ANXIN_DATA_DIR (default ./data). --demo seeds demonstration data into an empty database.`,
  async run(argv, io) {
    const unknown = argv.filter((a) => a !== '--demo');
    if (unknown.length) {
      io.err(`anxin serve: unknown option ${unknown[0]}\n`);
      return 2;
    }
    const config = loadCliConfig(io);
    if (!config) return 2;
    const server = await startServer(config, { demo: argv.includes('--demo') });
    io.out(`\nAnxin (安心) is running at ${server.url}  (database: ${server.ctx.db.kind === 'pglite' ? `embedded, ${config.dataDir}` : 'PostgreSQL'})\n`);
    if (server.demo?.seeded) printDemoAccounts(io, server.demo.accounts);
    else if (argv.includes('--demo')) io.out('Demo data was seeded earlier; the passwords were printed then (or are ANXIN_DEMO_PASSWORD).\n');
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        server.close().then(resolve, resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return 0;
  },
};

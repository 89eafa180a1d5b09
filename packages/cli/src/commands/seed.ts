import { seedDemo } from '@anxin/server';
import type { CliCommand } from '../command.ts';
import { printDemoAccounts } from './serve.ts';
import { withContext } from './with-context.ts';

export const seedCommand: CliCommand = {
  name: 'seed',
  summary: 'Seed demonstration data (--demo) into an empty database',
  usage: 'anxin seed --demo\n\nSeeds 武汉市 demo organizations, teams and one account per role. Passwords: ANXIN_DEMO_PASSWORD or generated.',
  async run(argv, io) {
    if (argv.length !== 1 || argv[0] !== '--demo') {
      io.err('Usage: anxin seed --demo\n');
      return 2;
    }
    return withContext(io, async (ctx) => {
      const result = await seedDemo(ctx, { password: ctx.config.demoPassword });
      if (!result.seeded) {
        io.out('The database already has accounts; nothing seeded.\n');
        return 0;
      }
      printDemoAccounts(io, result.accounts);
      return 0;
    });
  },
};

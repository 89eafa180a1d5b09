import { isRegionCode, isRole, ROLES } from '@anxin/domain';
import { appendAudit } from '@anxin/server';
import { AccountRepository } from '@anxin/server/modules/accounts/account-repository.ts';
import { MIN_PASSWORD_LENGTH, hashPassword } from '@anxin/server/modules/auth/password-hasher.ts';
import { RegionRepository } from '@anxin/server/modules/regions/region-repository.ts';
import type { CliCommand } from '../command.ts';
import { withContext } from './with-context.ts';

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

export const userCommand: CliCommand = {
  name: 'user',
  summary: 'Create an account (user create)',
  usage: `anxin user create --username NAME --role ROLE --region CODE [--name DISPLAY] [--password PW]

Creates an account with one role scoped to a region (12-digit code; 000000000000 = whole country).
Without --password, reads it from ANXIN_NEW_PASSWORD. Roles: ${ROLES.join(', ')}`,
  async run(argv, io) {
    if (argv[0] !== 'create') {
      io.err('Usage: anxin user create --username NAME --role ROLE --region CODE [--name DISPLAY] [--password PW]\n');
      return 2;
    }
    const username = option(argv, 'username');
    const role = option(argv, 'role');
    const region = option(argv, 'region');
    const password = option(argv, 'password') ?? io.env.ANXIN_NEW_PASSWORD;
    const problems: string[] = [];
    if (!username || !/^[a-z0-9][a-z0-9_.-]{1,63}$/.test(username.toLowerCase())) problems.push('--username: 2–64 letters, digits, _ . -');
    if (!role || !isRole(role)) problems.push(`--role: one of ${ROLES.join(', ')}`);
    if (!region || !isRegionCode(region)) problems.push('--region: a 12-digit region code');
    if (!password || password.length < MIN_PASSWORD_LENGTH) problems.push(`--password: at least ${MIN_PASSWORD_LENGTH} characters`);
    if (problems.length || !username || !role || !isRole(role) || !region || !password) {
      io.err(`anxin user create:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
      return 2;
    }
    return withContext(io, async (ctx) => {
      if (!(await new RegionRepository(ctx.db).find(region))) {
        io.err(`anxin user create: unknown region ${region}\n`);
        return 2;
      }
      const passwordHash = await hashPassword(password);
      try {
        const account = await ctx.db.transaction(async (tx) => {
          const accounts = new AccountRepository(tx);
          if (await accounts.findByUsername(username)) return undefined;
          const a = await accounts.create({ username, displayName: option(argv, 'name') ?? username, passwordHash });
          await accounts.addRole(a.id, role, region);
          await appendAudit(tx, { at: ctx.clock(), action: 'account.create', resourceType: 'account', resourceId: a.id, regionCode: region, reason: 'cli' });
          return a;
        });
        if (!account) {
          io.err(`anxin user create: username ${username} is taken\n`);
          return 2;
        }
        io.out(`created ${account.username} (${role} @ ${region})\n`);
        return 0;
      } catch (e) {
        io.err(`anxin user create: ${(e as Error).message}\n`);
        return 1;
      }
    });
  },
};

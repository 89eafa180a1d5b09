import type { Role } from '@anxin/domain';
import type { AppContext } from '../app-context.ts';
import { AccountRepository, type AccountRecord } from '../modules/accounts/account-repository.ts';
import { hashPassword } from '../modules/auth/password-hasher.ts';
import { RegionRepository } from '../modules/regions/region-repository.ts';

let counter = 0;
export const TEST_PASSWORD = 'correct-horse-battery';

// One hash for every test account: Argon2 is deliberately slow.
let passwordHash: Promise<string> | undefined;

export async function makeAccount(
  ctx: Pick<AppContext, 'db'>,
  options: { role: Role; regionCode: string; username?: string; displayName?: string },
): Promise<AccountRecord> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const accounts = new AccountRepository(ctx.db);
  counter++;
  const account = await accounts.create({
    username: options.username ?? `user${counter}_${options.role}`.slice(0, 60),
    displayName: options.displayName ?? `测试用户${counter}`,
    passwordHash: await passwordHash,
  });
  await accounts.addRole(account.id, options.role, options.regionCode);
  return account;
}

/** Adds a street and a community (with made-up names) below a county, for tests that need them. */
export async function makeCommunity(ctx: Pick<AppContext, 'db'>, countyCode: string, n = 1): Promise<{ street: string; community: string }> {
  const street = `${countyCode.slice(0, 6)}${String(100 + n).padStart(3, '0')}000`;
  const community = `${street.slice(0, 9)}${String(n).padStart(3, '0')}`;
  await new RegionRepository(ctx.db).insertMany([
    { code: street, parentCode: countyCode, level: 'street', name: `测试街道${n}` },
    { code: community, parentCode: street, level: 'community', name: `测试社区${n}` },
  ]);
  return { street, community };
}

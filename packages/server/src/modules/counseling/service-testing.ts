import type { Role } from '@anxin/domain';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { AppContext } from '../../app-context.ts';
import { TEST_PASSWORD, makeAccount } from '../../testing/factories.ts';
import { TestSession } from '../../testing/http-session.ts';
import { AccountRepository } from '../accounts/account-repository.ts';
import { PersonRepository } from '../persons/person-repository.ts';

let n = 0;

/** A registered person living in the given community (no identifiers: the service modules never need them). */
export async function makePerson(ctx: Pick<AppContext, 'db'>, regionCode: string, name = `测试${++n}号`): Promise<string> {
  const id = await new PersonRepository(ctx.db).insert({
    name,
    sex: n % 2 === 0 ? 'female' : 'male',
    birthDate: '1980-01-01',
    nationalIdEnc: null,
    nationalIdBidx: null,
    phoneEnc: null,
    phoneBidx: null,
    addressEnc: null,
    regionCode,
    deceasedOn: null,
    createdBy: null,
    at: new Date('2026-01-01T00:00:00Z'),
  });
  if (id === undefined) throw new Error('person not inserted');
  return id;
}

/** Signs in a new account with one role (optionally acting for an organization) and returns its session. */
export async function signIn(
  ctx: Pick<AppContext, 'db'>,
  app: FastifyInstance,
  username: string,
  role: Role,
  regionCode: string,
  organizationId: string | null = null,
): Promise<{ session: TestSession; accountId: string }> {
  const account = await makeAccount(ctx, { role, regionCode, username });
  if (organizationId !== null) await new AccountRepository(ctx.db).addRole(account.id, role, regionCode, organizationId);
  const session = new TestSession(app);
  expect((await session.login(username, TEST_PASSWORD)).statusCode).toBe(200);
  return { session, accountId: account.id };
}

export async function count(ctx: Pick<AppContext, 'db'>, table: string): Promise<number> {
  const rows = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]?.n ?? 0;
}

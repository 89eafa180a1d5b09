import { gridCode } from '@anxin/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalateOverdueCases } from '../modules/crisis/escalate-overdue-cases.ts';
import { listCrisisBoard } from '../modules/crisis/list-crisis-board.ts';
import { listKeyPersons } from '../modules/crisis/list-key-persons.ts';
import { makeAccount, makeCommunity } from '../testing/factories.ts';
import { createTestContext, type TestContext } from '../testing/test-context.ts';
import { backends } from '../testing/test-database.ts';
import { RegionRepository } from '../modules/regions/region-repository.ts';
import { seedCrisis } from './seed-crisis.ts';

describe.each(backends())('crisis demo data on %s', (backend) => {
  let ctx: TestContext;
  let grid: string;
  const accounts: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await createTestContext(backend);
    const { community } = await makeCommunity(ctx, '420102000000');
    grid = gridCode(community, 1);
    await new RegionRepository(ctx.db).insertMany([{ code: grid, parentCode: community, level: 'grid', name: '第1网格' }]);
    accounts.psychiatrist = (await makeAccount(ctx, { role: 'psychiatrist', regionCode: '420100000000' })).id;
    accounts.counselor = (await makeAccount(ctx, { role: 'counselor', regionCode: '420102000000' })).id;
    accounts.grid_worker = (await makeAccount(ctx, { role: 'grid_worker', regionCode: grid })).id;
    await ctx.db.transaction((tx) => seedCrisis(tx, { at: ctx.clock(), cipher: ctx.cipher, accounts, grid }));
  });
  afterAll(async () => ctx.close());

  const rc = (accountId: string, role: 'counselor' | 'grid_worker', regionCode: string) => ({
    actor: { accountId, username: role, roles: [{ role, regionCode }] },
    clientIp: '127.0.0.1',
    requestId: 't',
  });

  it('puts a waiting case, an overdue anonymous one and a managed key person on the board', async () => {
    const board = await listCrisisBoard(ctx, rc(accounts.counselor ?? '', 'counselor', '420102000000'), {});
    expect(board.items.map((c) => [c.status, c.level, c.overdue])).toEqual([
      ['reported', 'imminent', true],
      ['reported', 'high', false],
      ['grid_management', 'high', false],
    ]);
    const kp = await listKeyPersons(ctx, rc(accounts.grid_worker ?? '', 'grid_worker', grid), {});
    expect(kp.items).toHaveLength(1);
    expect(kp.items[0]).toMatchObject({ checkEveryDays: 7, underManagement: true, overdue: false, contactPhone: '027-85551234' });
  });

  it('tells the on-call counsellor about the open cases', async () => {
    await escalateOverdueCases(ctx);
    const rows = await ctx.db.query<{ n: number }>(`SELECT count(*) AS n FROM notifications WHERE account_id = $1 AND kind = 'crisis.new_case'`, [accounts.counselor]);
    expect(Number(rows[0]?.n)).toBe(2);
  });
});

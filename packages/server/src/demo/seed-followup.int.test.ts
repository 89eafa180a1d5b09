import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeCommunity } from '../testing/factories.ts';
import { createTestContext, type TestContext } from '../testing/test-context.ts';
import { backends } from '../testing/test-database.ts';
import { findInvariantViolations } from '../modules/followup/followup-invariants.ts';
import { makeTeam } from '../modules/followup/followup-test-support.ts';
import { seedFollowUp } from './seed-followup.ts';

describe.each(backends())('follow-up demo data on %s', (backend) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(backend);
  });
  afterAll(async () => ctx.close());

  it('does nothing without a grid worker; otherwise one task due today, one overdue, one this week, one later; invariants hold; idempotent', async () => {
    expect(await ctx.db.transaction((tx) => seedFollowUp(tx, { at: ctx.clock(), gridWorkerId: undefined, grid: undefined }))).toBe(0);
    const { community } = await makeCommunity(ctx, '420102000000', 1);
    const grid = `${community}001`;
    await ctx.db.query(`INSERT INTO regions (code, parent_code, level, name) VALUES ($1, $2, 'grid', '第一网格')`, [grid, community]);
    const worker = await makeAccount(ctx, { role: 'grid_worker', regionCode: grid });
    await makeTeam(ctx.db, { name: '演示基层服务队', kind: 'grassroots_service', regionCode: community, covers: [community], members: [{ accountId: worker.id }] });
    const run = () => ctx.db.transaction((tx) => seedFollowUp(tx, { at: ctx.clock(), gridWorkerId: worker.id, grid }));
    expect(await run()).toBe(4);
    const tasks = await ctx.db.query<{ due_date: string; status: string; worker_id: string }>(
      `SELECT due_date, status, worker_id FROM followup_tasks ORDER BY due_date`,
    );
    // the test clock is 2026-03-02
    expect(tasks.map((t) => [t.due_date, t.status])).toEqual([
      ['2026-02-23', 'overdue'],
      ['2026-03-02', 'due'],
      ['2026-03-05', 'due'], // its window opens three days before
      ['2026-04-01', 'scheduled'],
    ]);
    expect(tasks.every((t) => t.worker_id === worker.id)).toBe(true);
    expect(await findInvariantViolations(ctx.db)).toEqual([]);
    expect(await run()).toBe(0);
  });
});

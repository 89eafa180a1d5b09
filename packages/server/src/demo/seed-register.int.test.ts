import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCommunity } from '../testing/factories.ts';
import { createTestContext, type TestContext } from '../testing/test-context.ts';
import { backends } from '../testing/test-database.ts';
import { OrganizationRepository } from '../modules/organizations/organization-repository.ts';
import { seedRegister } from './seed-register.ts';

describe.each(backends())('demo register seed on %s', (backend) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(backend);
    const { street, community } = await makeCommunity(ctx, '420102000000', 1);
    await makeCommunity(ctx, '420103000000', 2);
    const orgs = new OrganizationRepository(ctx.db);
    await orgs.create({ type: 'designated_hospital', name: '武汉市金银潭医院', regionCode: '420100000000' });
    const care = await orgs.create({ type: 'primary_care', name: '测试社区卫生服务中心', regionCode: street });
    await orgs.addCoverage(care.id, community);
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('registers ~150 people with discharged episodes handed over to primary care, and is idempotent', async () => {
    const first = await ctx.db.transaction((tx) => seedRegister(tx, { at: ctx.clock(), cipher: ctx.cipher }));
    expect(first.persons).toBeGreaterThan(140);
    expect(first.episodes).toBeGreaterThan(20);
    const n = async (sql: string): Promise<number> => Number((await ctx.db.query<{ n: number }>(sql))[0]?.n ?? 0);
    expect(await n(`SELECT count(*)::int AS n FROM handovers WHERE reason = 'discharge' AND to_org_id IS NOT NULL`)).toBeGreaterThan(5);
    expect(await n(`SELECT count(*)::int AS n FROM handovers WHERE medication_handover`)).toBeGreaterThan(0);
    expect(await n(`SELECT count(*)::int AS n FROM persons WHERE region_code NOT LIKE '420102%' AND region_code NOT LIKE '420103%'`)).toBe(0);
    const again = await ctx.db.transaction((tx) => seedRegister(tx, { at: ctx.clock(), cipher: ctx.cipher }));
    expect(again.persons).toBeLessThan(5); // only people without a national ID could be added again
  });
});

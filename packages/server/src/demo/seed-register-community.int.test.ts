import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeCommunity } from '../testing/factories.ts';
import { createTestContext, type TestContext } from '../testing/test-context.ts';
import { backends } from '../testing/test-database.ts';
import { seedRegisterCommunity } from './seed-register-community.ts';

describe.each(backends())('register community demo data on %s', (backend) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(backend);
  });
  afterAll(async () => ctx.close());

  it('seeds arrivals, a signed and a lapsed contract and one duplicate pair; nothing without a grid; idempotent', async () => {
    const run = (grid: string | undefined, org: string | null, doctorId: string | undefined) =>
      ctx.db.transaction((tx) => seedRegisterCommunity(tx, { at: ctx.clock(), cipher: ctx.cipher, grid, primaryCareOrgId: org, doctorId }));
    expect(await run(undefined, null, undefined)).toBe(0);
    const { street, community } = await makeCommunity(ctx, '420102000000', 1);
    const grid = `${community}001`;
    await ctx.db.query(`INSERT INTO regions (code, parent_code, level, name) VALUES ($1, $2, 'grid', '第一网格')`, [grid, community]);
    const [org] = await ctx.db.query<{ id: string }>(`INSERT INTO organizations (type, name, region_code) VALUES ('primary_care', '测试中心', $1) RETURNING id`, [street]);
    const doctor = await makeAccount(ctx, { role: 'primary_care_doctor', regionCode: street });
    expect(await run(grid, org?.id ?? null, doctor.id)).toBe(6);

    const handovers = await ctx.db.query<{ reason: string; medication_handover: boolean; to_org_id: string }>(
      'SELECT reason, medication_handover, to_org_id FROM handovers ORDER BY reason',
    );
    expect(handovers).toEqual([
      { reason: 'discharge', medication_handover: true, to_org_id: org?.id },
      { reason: 'registered', medication_handover: false, to_org_id: org?.id },
    ]);
    const pairs = await ctx.db.query<{ keys: string[] }>("SELECT keys FROM duplicate_candidates WHERE status = 'pending'");
    expect(pairs).toHaveLength(1);
    expect(pairs[0]?.keys.every((k) => k.startsWith('nb:'))).toBe(true);
    const stored = await ctx.db.query<{ phone_enc: string | null }>('SELECT phone_enc FROM persons');
    expect(JSON.stringify(stored)).not.toContain('13871230001');
    expect(await run(grid, org?.id ?? null, doctor.id)).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCommunity, makeAccount } from '../testing/factories.ts';
import { createTestContext, type TestContext } from '../testing/test-context.ts';
import { backends } from '../testing/test-database.ts';
import { count, makePerson } from '../modules/counseling/service-testing.ts';
import { OrganizationRepository } from '../modules/organizations/organization-repository.ts';
import { seedService } from './seed-service.ts';

describe.each(backends())('service demo data on %s', (backend) => {
  let ctx: TestContext;
  let accounts: Record<string, string>;
  let orgs: { mentalHealth: string; civilAffairs: string; primaryCare: string };

  beforeAll(async () => {
    ctx = await createTestContext(backend);
    const o = new OrganizationRepository(ctx.db);
    orgs = {
      mentalHealth: (await o.create({ type: 'mental_health_institution', name: '精卫中心', regionCode: '420100000000' })).id,
      civilAffairs: (await o.create({ type: 'civil_affairs', name: '民政局', regionCode: '420100000000' })).id,
      primaryCare: (await o.create({ type: 'primary_care', name: '社区卫生服务中心', regionCode: '420102000000' })).id,
    };
    accounts = {
      counselor: (await makeAccount(ctx, { role: 'counselor', regionCode: '420102000000' })).id,
      social_worker: (await makeAccount(ctx, { role: 'social_worker', regionCode: '420102000000' })).id,
      doctor: (await makeAccount(ctx, { role: 'primary_care_doctor', regionCode: '420102000000' })).id,
    };
  });
  afterAll(async () => ctx.close());

  it('writes nothing without persons', async () => {
    expect(await ctx.db.transaction((tx) => seedService(tx, { at: ctx.clock(), cipher: ctx.cipher, accounts, orgs }))).toBe(0);
    expect(await count(ctx, 'counseling_sessions')).toBe(0);
  });

  it('seeds a plan, an individual and a group session, hand-outs, a care visit with an aid request and a referral', async () => {
    const { community } = await makeCommunity(ctx, '420102000000', 1);
    for (let i = 0; i < 3; i++) await makePerson(ctx, community);
    expect(await ctx.db.transaction((tx) => seedService(tx, { at: ctx.clock(), cipher: ctx.cipher, accounts, orgs }))).toBe(3);
    expect(await count(ctx, 'counseling_plans')).toBe(1);
    expect(await count(ctx, 'counseling_sessions')).toBe(2);
    expect(await count(ctx, 'counseling_session_participants')).toBe(4);
    expect(await count(ctx, 'toolkit_handouts')).toBe(2);
    expect(await count(ctx, 'care_visits')).toBe(1);
    const kinds = await ctx.db.query<{ kind: string; status: string }>('SELECT kind, status FROM referrals ORDER BY kind');
    expect(kinds).toEqual([
      { kind: 'aid', status: 'sent' },
      { kind: 'clinical', status: 'sent' },
    ]);
  });
});

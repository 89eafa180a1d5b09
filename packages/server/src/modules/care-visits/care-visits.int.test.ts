import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCommunity } from '../../testing/factories.ts';
import type { TestSession } from '../../testing/http-session.ts';
import { createTestApp, createTestContext, type TestContext } from '../../testing/test-context.ts';
import { backends } from '../../testing/test-database.ts';
import { count, makePerson, signIn } from '../counseling/service-testing.ts';
import { OrganizationRepository } from '../organizations/organization-repository.ts';

describe.each(backends())('care visits and aid requests on %s', (backend) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  const as: Record<string, TestSession> = {};
  const ids: Record<string, string> = {};
  let civil: string;
  let socialOrg: string;
  let person: string;
  let elsewhere: string;
  let visit: string;
  let aid: string;

  beforeAll(async () => {
    ctx = await createTestContext(backend);
    app = await createTestApp(ctx);
    const { community: a1 } = await makeCommunity(ctx, '420102000000', 1);
    const { community: a2 } = await makeCommunity(ctx, '420102000000', 2);
    const orgs = new OrganizationRepository(ctx.db);
    civil = (await orgs.create({ type: 'civil_affairs', name: '江岸区测试民政局', regionCode: '420102000000' })).id;
    socialOrg = (await orgs.create({ type: 'social_work', name: '江岸测试社工站', regionCode: '420102000000' })).id;
    for (const [name, role, region, o] of [
      ['grid_1', 'grid_worker', a1, null],
      ['grid_2', 'grid_worker', a2, null],
      ['civil_officer', 'civil_affairs_officer', '420102000000', civil],
      ['social', 'social_worker', '420102000000', socialOrg],
    ] as const) {
      const s = await signIn(ctx, app, name, role, region, o);
      as[name] = s.session;
      ids[name] = s.accountId;
    }
    person = await makePerson(ctx, a1, '吴秀英');
    elsewhere = await makePerson(ctx, a2, '郑海');
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  const visitBody = (over: Record<string, unknown> = {}) => ({
    personId: person,
    visitDate: '2026-03-01',
    recoverySituation: 'stable',
    economicSituation: 'low_income',
    needs: [{ type: 'financial_assistance', urgency: 'urgent' }, { type: 'employment' }],
    notes: '家中仅靠母亲退休金生活',
    ...over,
  });

  it('a grid worker records a visit on a phone-sized form and raises an aid request to civil affairs in one go', async () => {
    const res = await as.grid_1!.request(
      'POST',
      '/api/care-visits',
      visitBody({ aidRequests: [{ needType: 'financial_assistance', toOrganizationId: civil, note: '申请临时救助' }] }),
    );
    expect(res.statusCode).toBe(201);
    visit = res.json().id as string;
    expect(res.json().aidRequestIds).toHaveLength(1);
    aid = res.json().aidRequestIds[0] as string;
    const raw = await ctx.db.query<{ notes_enc: string }>('SELECT notes_enc FROM care_visits WHERE id = $1', [visit]);
    expect(raw[0]?.notes_enc).not.toContain('退休金');
    const queue = (await as.civil_officer!.request('GET', '/api/referrals?direction=incoming&kind=aid')).json();
    expect(queue.items).toHaveLength(1);
    expect(queue.items[0]).toMatchObject({ id: aid, kind: 'aid', topic: 'financial_assistance', urgency: 'urgent', from: null, careVisitId: visit, reason: '申请临时救助' });
    const mine = (await as.grid_1!.request('GET', '/api/referrals?direction=outgoing')).json();
    expect(mine.items.map((r: { id: string }) => r.id)).toEqual([aid]);
    expect((await as.grid_2!.request('GET', '/api/referrals?direction=outgoing')).json().items).toEqual([]);
    const kinds = await ctx.db.query<{ kind: string }>('SELECT kind FROM person_timeline WHERE person_id = $1 ORDER BY id', [person]);
    expect(kinds.map((k) => k.kind)).toEqual(['care_visit.recorded', 'referral.aid_requested']);
  });

  it('civil affairs handles the request and records the outcome; the worker sees it on the person and closes it', async () => {
    for (const [event, text] of [['accept'], ['see'], ['return_with_advice', '已纳入临时救助，发放 2000 元']] as const) {
      const res = await as.civil_officer!.request('POST', `/api/referrals/${aid}/events`, { event, ...(text ? { text } : {}) });
      expect(res.statusCode, event).toBe(200);
    }
    const visits = (await as.grid_1!.request('GET', `/api/persons/${person}/care-visits`)).json().items as {
      id: string;
      notes: string;
      aidRequests: { status: string; outcome: string | null }[];
    }[];
    expect(visits[0]).toMatchObject({ id: visit, notes: '家中仅靠母亲退休金生活' });
    expect(visits[0]?.aidRequests).toEqual([expect.objectContaining({ status: 'returned_with_advice', outcome: '已纳入临时救助，发放 2000 元', toName: '江岸区测试民政局' })]);
    const closed = await as.grid_1!.request('POST', `/api/referrals/${aid}/events`, { event: 'close' });
    expect(closed.json()).toMatchObject({ status: 'closed', sides: ['sender'] });
    // Another grid worker is no party to it.
    expect((await as.grid_2!.request('POST', `/api/referrals/${aid}/events`, { event: 'close' })).statusCode).toBe(404);
  });

  it('raises a later aid request from the visit, once per need, from the worker’s organization', async () => {
    const res = await as.social!.request('POST', `/api/care-visits/${visit}/aid-requests`, { needType: 'employment', toOrganizationId: civil });
    expect(res.statusCode).toBe(201);
    const outgoing = (await as.social!.request('GET', '/api/referrals?direction=outgoing')).json().items as { from: { id: string } | null }[];
    expect(outgoing[0]?.from?.id).toBe(socialOrg);
    const twice = await as.social!.request('POST', `/api/care-visits/${visit}/aid-requests`, { needType: 'employment', toOrganizationId: civil });
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'ALREADY_EXISTS']);
    const notFound = await as.social!.request('POST', `/api/care-visits/${visit}/aid-requests`, { needType: 'housing', toOrganizationId: civil });
    expect([notFound.statusCode, notFound.json().error.field]).toEqual([400, 'body.needType']);
  });

  it('refuses bad visits with a 4xx naming the field and writes nothing (no half-written visit)', async () => {
    const before = [await count(ctx, 'care_visits'), await count(ctx, 'referrals'), await count(ctx, 'person_timeline')];
    const cases: [Record<string, unknown>, number, string][] = [
      [{ visitDate: '2026-03-03' }, 400, 'body.visitDate'],
      [{ economicSituation: 'rich' }, 400, 'body.economicSituation'],
      [{ needs: [{ type: 'housing' }, { type: 'housing' }] }, 400, 'body.needs[1].type'],
      [{ aidRequests: [{ needType: 'housing', toOrganizationId: civil }] }, 400, 'body.aidRequests[0].needType'],
      [{ aidRequests: [{ needType: 'employment', toOrganizationId: '00000000-0000-4000-8000-000000000000' }] }, 400, 'body.aidRequests[0].toOrganizationId'],
    ];
    for (const [change, status, field] of cases) {
      const res = await as.grid_1!.request('POST', '/api/care-visits', visitBody(change));
      expect([res.statusCode, res.json().error.field], JSON.stringify(change)).toEqual([status, field]);
    }
    const outside = await as.grid_1!.request('POST', '/api/care-visits', visitBody({ personId: elsewhere }));
    expect([outside.statusCode, outside.json().error.code]).toEqual([403, 'OUT_OF_JURISDICTION']);
    expect([await count(ctx, 'care_visits'), await count(ctx, 'referrals'), await count(ctx, 'person_timeline')]).toEqual(before);
  });

  it('lists visits within the jurisdiction only', async () => {
    expect((await as.grid_1!.request('GET', '/api/care-visits?mine=true')).json().items.map((v: { id: string }) => v.id)).toEqual([visit]);
    expect((await as.grid_2!.request('GET', '/api/care-visits')).json().items).toEqual([]);
    expect((await as.grid_2!.request('GET', `/api/persons/${person}/care-visits`)).statusCode).toBe(403);
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, makeAccount, makeCommunity } from '../../testing/factories.ts';
import { TestSession } from '../../testing/http-session.ts';
import { createTestApp, createTestContext, type TestContext } from '../../testing/test-context.ts';
import { backends } from '../../testing/test-database.ts';

describe.each(backends())('region tree API on %s', (backend) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let s: TestSession;
  let community: string;

  beforeAll(async () => {
    ctx = await createTestContext(backend);
    app = await createTestApp(ctx);
    ({ community } = await makeCommunity(ctx, '420102000000'));
    await makeAccount(ctx, { role: 'grid_worker', regionCode: community, username: 'grid1' });
    s = new TestSession(app);
    await s.login('grid1', TEST_PASSWORD);
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  it('lists the real counties of 武汉市 with codes', async () => {
    const res = await s.request('GET', '/api/regions/420100000000/children');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { code: string; name: string; level: string }[];
    expect(items).toEqual(expect.arrayContaining([expect.objectContaining({ code: '420102000000', name: '江岸区', level: 'county' })]));
    expect(items.length).toBeGreaterThanOrEqual(13);
  });

  it('lists ancestors from the country down, even above the caller’s jurisdiction', async () => {
    const res = await s.request('GET', `/api/regions/${community}/ancestors`);
    expect(res.json().items.map((r: { name: string }) => r.name)).toEqual(['中华人民共和国', '湖北省', '武汉市', '江岸区', '测试街道1']);
  });

  it('searches by name below a region', async () => {
    const res = await s.request('GET', `/api/regions?q=${encodeURIComponent('江岸')}&under=420000000000`);
    expect(res.json().items[0]).toMatchObject({ code: '420102000000', name: '江岸区' });
    const none = await s.request('GET', `/api/regions?q=${encodeURIComponent('江岸')}&under=110000000000`);
    expect(none.json().items).toEqual([]);
  });

  it('answers bad and unknown codes with 400 and 404', async () => {
    const bad = await s.request('GET', '/api/regions/4201/children');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toContain('code');
    expect((await s.request('GET', '/api/regions/429999000000')).statusCode).toBe(404);
    expect((await s.request('GET', '/api/regions?q=')).statusCode).toBe(400);
  });

  it('requires sign-in', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/regions/420100000000/children' })).statusCode).toBe(401);
  });
});

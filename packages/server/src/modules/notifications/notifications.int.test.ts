import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, makeAccount } from '../../testing/factories.ts';
import { TestSession } from '../../testing/http-session.ts';
import { createTestApp, createTestContext, type TestContext } from '../../testing/test-context.ts';
import { backends } from '../../testing/test-database.ts';
import { notify } from './notify.ts';
import { ConsoleSmsSender, HttpSmsSender, SmsError, createSmsSender, maskMobile } from './sms-sender.ts';

describe.each(backends())('notifications on %s', (backend) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let alice: string;
  let bob: string;
  const alicesSession = () => sessions.alice!;
  const sessions: Record<string, TestSession> = {};

  beforeAll(async () => {
    ctx = await createTestContext(backend);
    app = await createTestApp(ctx);
    alice = (await makeAccount(ctx, { role: 'grid_worker', regionCode: '420102000000', username: 'alice' })).id;
    bob = (await makeAccount(ctx, { role: 'grid_worker', regionCode: '420102000000', username: 'bob' })).id;
    for (const u of ['alice', 'bob']) {
      const s = new TestSession(app);
      expect((await s.login(u, TEST_PASSWORD)).statusCode).toBe(200);
      sessions[u] = s;
    }
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  it('notify is exactly-once per account and dedupe key, also when concurrent', async () => {
    await Promise.all(
      [1, 2, 3].map(() =>
        ctx.db.transaction((tx) => notify(tx, { accountId: alice, kind: 'followup.due', params: { count: 2 }, link: '/followup', dedupeKey: 'due:2026-03-02', at: ctx.clock() })),
      ),
    );
    // the same key for another account is a different notification
    await ctx.db.transaction((tx) => notify(tx, { accountId: bob, kind: 'followup.due', params: { count: 1 }, dedupeKey: 'due:2026-03-02' }));
    const rows = await ctx.db.query<{ account_id: string }>("SELECT account_id FROM notifications WHERE dedupe_key = 'due:2026-03-02'");
    expect(rows.map((r) => r.account_id).sort()).toEqual([alice, bob].sort());
  });

  it('notify without a key always adds; a rolled-back transaction adds nothing', async () => {
    await ctx.db.transaction((tx) => notify(tx, { accountId: alice, kind: 'test.plain', at: new Date(ctx.clock().getTime() + 1000) }));
    await ctx.db.transaction((tx) => notify(tx, { accountId: alice, kind: 'test.plain', at: new Date(ctx.clock().getTime() + 2000) }));
    await expect(
      ctx.db.transaction(async (tx) => {
        await notify(tx, { accountId: alice, kind: 'test.rolled_back' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const kinds = await ctx.db.query<{ kind: string }>('SELECT kind FROM notifications WHERE account_id = $1', [alice]);
    expect(kinds.filter((k) => k.kind === 'test.plain')).toHaveLength(2);
    expect(kinds.some((k) => k.kind === 'test.rolled_back')).toBe(false);
  });

  it('rejects a bad kind or an external link', async () => {
    await expect(ctx.db.transaction((tx) => notify(tx, { accountId: alice, kind: 'Bad Kind' }))).rejects.toThrow(/kind/);
    await expect(ctx.db.transaction((tx) => notify(tx, { accountId: alice, kind: 'x.y', link: 'https://evil.example' }))).rejects.toThrow(/link/);
  });

  it('GET /api/notifications lists only the caller’s, newest first, paged, with the unread count', async () => {
    const res = await alicesSession().request('GET', '/api/notifications?limit=2');
    expect(res.statusCode).toBe(200);
    const page1 = res.json<{ items: { id: string; kind: string; params: object; readAt: string | null }[]; unread: number; nextCursor: string | null }>();
    expect(page1.unread).toBe(3);
    expect(page1.items.map((i) => i.kind)).toEqual(['test.plain', 'test.plain']);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = (await alicesSession().request('GET', `/api/notifications?limit=2&cursor=${page1.nextCursor}`)).json<typeof page1>();
    expect(page2.items.map((i) => i.kind)).toEqual(['followup.due']);
    expect(page2.items[0]?.params).toEqual({ count: 2 });
    expect(page2.nextCursor).toBeNull();
    const bobs = (await sessions.bob!.request('GET', '/api/notifications')).json<typeof page1>();
    expect(bobs.items).toHaveLength(1);
  });

  it('marks read: own ids, all; another account’s id is 404; no ids is 400; unauthenticated is 401', async () => {
    const list = (await alicesSession().request('GET', '/api/notifications')).json<{ items: { id: string }[] }>();
    const bobsId = (await sessions.bob!.request('GET', '/api/notifications')).json<{ items: { id: string }[] }>().items[0]!.id;
    let res = await alicesSession().request('POST', '/api/notifications/read', { ids: [list.items[0]!.id] });
    expect(res.json()).toEqual({ updated: 1 });
    expect((await alicesSession().request('GET', '/api/notifications?unread=true')).json<{ unread: number; items: unknown[] }>()).toMatchObject({ unread: 2 });
    res = await alicesSession().request('POST', '/api/notifications/read', { ids: [bobsId] });
    expect(res.statusCode).toBe(404);
    res = await alicesSession().request('POST', '/api/notifications/read', {});
    expect(res.statusCode).toBe(400);
    res = await alicesSession().request('POST', '/api/notifications/read', { all: true });
    expect(res.json()).toEqual({ updated: 2 });
    expect((await app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
    // bob's stays unread
    expect((await sessions.bob!.request('GET', '/api/notifications')).json<{ unread: number }>().unread).toBe(1);
  });
});

describe('SMS adapters', () => {
  let server: Server;
  let url: string;
  const received: { headers: IncomingMessage['headers']; body: unknown }[] = [];
  let answer: { status: number; body: string } = { status: 200, body: '{"id":"m-1"}' };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body: JSON.parse(data) as unknown });
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(answer.body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address();
    url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/sms`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  const message = { to: '13812345678', template: 'followup_due', params: { count: 3 }, idempotencyKey: 'sms:1' };

  it('HTTP adapter posts the documented JSON contract with bearer token and idempotency key', async () => {
    const sender = new HttpSmsSender(url, 'secret-token');
    expect(await sender.send(message)).toEqual({ providerId: 'm-1' });
    expect(received[0]?.body).toEqual(message);
    expect(received[0]?.headers.authorization).toBe('Bearer secret-token');
    expect(received[0]?.headers['idempotency-key']).toBe('sms:1');
    expect(received[0]?.headers['content-type']).toBe('application/json');
  });

  it('HTTP adapter: 4xx is final, 5xx and 429 are retryable, unreachable is retryable', async () => {
    const sender = new HttpSmsSender(url, undefined);
    answer = { status: 400, body: '{"error":"bad template"}' };
    await expect(sender.send(message)).rejects.toMatchObject({ retryable: false });
    answer = { status: 503, body: '' };
    await expect(sender.send(message)).rejects.toMatchObject({ retryable: true });
    answer = { status: 429, body: '' };
    await expect(sender.send(message)).rejects.toMatchObject({ retryable: true });
    expect(received.at(-1)?.headers.authorization).toBeUndefined();
    answer = { status: 200, body: '{"id":"m-1"}' };
    await expect(new HttpSmsSender('http://127.0.0.1:1/sms', undefined, 2000).send(message)).rejects.toMatchObject({ retryable: true });
  });

  it('rejects a bad number before sending', async () => {
    const before = received.length;
    await expect(new HttpSmsSender(url, undefined).send({ ...message, to: '12345' })).rejects.toBeInstanceOf(SmsError);
    expect(received.length).toBe(before);
  });

  it('console adapter masks the number; config picks the adapter', async () => {
    const lines: string[] = [];
    const sender = new ConsoleSmsSender((l) => lines.push(l));
    await sender.send(message);
    expect(lines[0]).toContain('to=138****5678');
    expect(lines[0]).not.toContain('13812345678');
    expect(maskMobile('13812345678')).toBe('138****5678');
    expect(createSmsSender({ sms: { adapter: 'console', httpUrl: undefined, httpToken: undefined } }).kind).toBe('console');
    expect(createSmsSender({ sms: { adapter: 'off', httpUrl: undefined, httpToken: undefined } }).kind).toBe('off');
    expect(createSmsSender({ sms: { adapter: 'http', httpUrl: url, httpToken: 't' } }).kind).toBe('http');
    expect(() => createSmsSender({ sms: { adapter: 'http', httpUrl: undefined, httpToken: undefined } })).toThrow(/ANXIN_SMS_HTTP_URL/);
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../audit/audit-log.ts';
import { TEST_PASSWORD, makeAccount } from '../../testing/factories.ts';
import { TestSession } from '../../testing/http-session.ts';
import { createTestApp, createTestContext, type TestContext } from '../../testing/test-context.ts';
import { backends } from '../../testing/test-database.ts';

describe.each(backends())('sign-in and sessions on %s', (backend) => {
  let ctx: TestContext;
  let app: FastifyInstance;

  beforeAll(async () => {
    ctx = await createTestContext(backend);
    app = await createTestApp(ctx);
    await makeAccount(ctx, { role: 'counselor', regionCode: '420102000000', username: 'counselor1', displayName: '王咨询师' });
    await makeAccount(ctx, { role: 'grid_worker', regionCode: '420102000000', username: 'locked1' });
    await makeAccount(ctx, { role: 'grid_worker', regionCode: '420102000000', username: 'expiry1' });
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  it('signs in, sets HttpOnly SameSite=Strict cookies and answers with roles and actions', async () => {
    const s = new TestSession(app);
    const res = await s.login('counselor1', TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.account).toMatchObject({ username: 'counselor1', displayName: '王咨询师' });
    expect(body.roles).toEqual([expect.objectContaining({ role: 'counselor', regionCode: '420102000000', regionName: '江岸区' })]);
    expect(body.actions).toContain('counseling.read_notes');
    expect(body.account).not.toHaveProperty('passwordHash');
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const session = setCookie.find((c) => c.startsWith('anxin_session='));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    expect(setCookie.find((c) => c.startsWith('anxin_csrf='))).not.toMatch(/HttpOnly/i);

    const me = await s.request('GET', '/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().account.username).toBe('counselor1');
  });

  it('answers 401 to a wrong password and to an unknown user, alike', async () => {
    const s = new TestSession(app);
    const wrong = await s.login('counselor1', 'not-the-password');
    const unknown = await s.login('nobody', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('answers 401 to /api/me without a session', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('locks the username after five failures, even for the right password, then lets it in later', async () => {
    const s = new TestSession(app);
    for (let i = 0; i < 5; i++) expect((await s.login('locked1', 'wrong-password')).statusCode).toBe(401);
    const locked = await s.login('locked1', TEST_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
    expect(locked.json().error.details.retryAfterSeconds).toBeGreaterThan(800);
    ctx.clock.advance(16 * 60_000);
    expect((await s.login('locked1', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('ends a session after 30 idle minutes and after 12 hours of activity', async () => {
    const s = new TestSession(app);
    expect((await s.login('expiry1', TEST_PASSWORD)).statusCode).toBe(200);
    ctx.clock.advance(29 * 60_000);
    expect((await s.request('GET', '/api/me')).statusCode).toBe(200);
    ctx.clock.advance(31 * 60_000);
    const idle = await s.request('GET', '/api/me');
    expect(idle.statusCode).toBe(401);
    expect(idle.json().error.code).toBe('SESSION_EXPIRED');

    const busy = new TestSession(app);
    expect((await busy.login('expiry1', TEST_PASSWORD)).statusCode).toBe(200);
    for (let h = 0; h < 12 * 3; h++) {
      ctx.clock.advance(20 * 60_000);
      const res = await busy.request('GET', '/api/me');
      if (h < 12 * 3 - 1) expect(res.statusCode, `after ${(h + 1) * 20} min`).toBe(200);
      else expect(res.statusCode).toBe(401);
    }
  });

  it('does not count the app’s own background polls as activity', async () => {
    const s = new TestSession(app);
    expect((await s.login('expiry1', TEST_PASSWORD)).statusCode).toBe(200);
    const poll = () => s.request('GET', '/api/me', undefined, { headers: { 'x-anxin-background': '1' } });
    ctx.clock.advance(20 * 60_000);
    expect((await poll()).statusCode).toBe(200);
    ctx.clock.advance(20 * 60_000);
    const idle = await poll();
    expect(idle.statusCode).toBe(401);
    expect(idle.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const s = new TestSession(app);
    await s.login('counselor1', TEST_PASSWORD);
    const noToken = await s.request('POST', '/api/auth/logout-all', undefined, { csrf: false });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('CSRF_FAILED');
    expect((await s.request('GET', '/api/me')).statusCode).toBe(200);
  });

  it('logs out everywhere', async () => {
    const phone = new TestSession(app);
    const desk = new TestSession(app);
    await phone.login('counselor1', TEST_PASSWORD);
    await desk.login('counselor1', TEST_PASSWORD);
    expect((await desk.request('POST', '/api/auth/logout-all')).statusCode).toBe(204);
    expect((await phone.request('GET', '/api/me')).statusCode).toBe(401);
    expect((await desk.request('GET', '/api/me')).statusCode).toBe(401);
  });

  it('logs out one session only', async () => {
    const a = new TestSession(app);
    const b = new TestSession(app);
    await a.login('counselor1', TEST_PASSWORD);
    await b.login('counselor1', TEST_PASSWORD);
    expect((await a.request('POST', '/api/auth/logout')).statusCode).toBe(204);
    expect((await a.request('GET', '/api/me')).statusCode).toBe(401);
    expect((await b.request('GET', '/api/me')).statusCode).toBe(200);
  });

  it.each([
    ['malformed JSON', '{"username":', 400, 'MALFORMED_REQUEST', 'body'],
    ['a wrong type', JSON.stringify({ username: 12, password: 'x' }), 400, 'VALIDATION', 'body.username'],
    ['a missing field', JSON.stringify({ username: 'a' }), 400, 'VALIDATION', 'body.password'],
    ['an unknown field', JSON.stringify({ username: 'a', password: 'b', admin: true }), 400, 'VALIDATION', 'body.admin'],
    ['an empty username', JSON.stringify({ username: '', password: 'b' }), 400, 'VALIDATION', 'body.username'],
  ])('answers %s with a 4xx naming the field', async (_what, payload, status, code, field) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload });
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.field).toContain(field);
  });

  it('answers an oversize body with 413 and a non-JSON body with 415', async () => {
    const big = JSON.stringify({ username: 'a', password: 'x'.repeat(2_000_000) });
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: big });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const xml = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(xml.statusCode).toBe(415);
  });

  it('audits sign-ins and failures in an intact chain', async () => {
    const rows = await ctx.db.query<{ action: string; outcome: string }>("SELECT action, outcome FROM audit_log WHERE action = 'auth.login'");
    expect(rows.some((r) => r.outcome === 'success')).toBe(true);
    expect(rows.some((r) => r.outcome === 'failure')).toBe(true);
    expect(rows.some((r) => r.outcome === 'denied')).toBe(true);
    const verified = await verifyAuditChain(ctx.db);
    expect(verified.ok).toBe(true);
  });

  it('sends security headers and a request id', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('serves health, readiness, metrics and OpenAPI', async () => {
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready', database: backend });
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('anxin_http_requests_total');
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/me', '/api/regions/{code}/children']));
    expect((await app.inject({ method: 'GET', url: '/api/nope' })).json().error.code).toBe('NOT_FOUND');
  });
});

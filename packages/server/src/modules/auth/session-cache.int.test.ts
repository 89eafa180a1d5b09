import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { TEST_PASSWORD, makeAccount } from '../../testing/factories.ts';
import { TestSession } from '../../testing/http-session.ts';
import { createTestApp, createTestContext, type TestContext } from '../../testing/test-context.ts';
import { backends } from '../../testing/test-database.ts';

// ANXIN_SESSION_CACHE_MS: a process may reuse a session it read a moment ago. Sign-out here applies at once; a change
// made elsewhere (here: an account disabled straight in the database) applies when the entry runs out.
describe.each(backends())('session cache on %s', (backend) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let n = 0;
  beforeAll(async () => {
    ctx = await createTestContext(backend, { sessionCacheMs: 1000 });
    app = await createTestApp(ctx);
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });
  const signedIn = async () => {
    const account = await makeAccount(ctx, { role: 'counselor', regionCode: '420102000000', username: `cached_${++n}` });
    const s = new TestSession(app);
    expect((await s.login(account.username, TEST_PASSWORD)).statusCode).toBe(200);
    expect((await s.request('GET', '/api/me')).statusCode).toBe(200);
    return { s, account };
  };

  it('reuses a session for at most the configured time: a disabled account is refused once the entry runs out', async () => {
    const { s, account } = await signedIn();
    await ctx.db.query('UPDATE accounts SET disabled_at = now() WHERE id = $1', [account.id]);
    expect((await s.request('GET', '/api/me')).statusCode).toBe(200);
    ctx.clock.advance(1001);
    expect((await s.request('GET', '/api/me')).statusCode).toBe(401);
  });

  it('applies a sign-out in this process at once, and "sign out everywhere" to every session of the account', async () => {
    const { s } = await signedIn();
    expect((await s.request('POST', '/api/auth/logout')).statusCode).toBeLessThan(300);
    expect((await s.request('GET', '/api/me')).statusCode).toBe(401);
    const { s: first, account } = await signedIn();
    const second = new TestSession(app);
    expect((await second.login(account.username, TEST_PASSWORD)).statusCode).toBe(200);
    expect((await second.request('GET', '/api/me')).statusCode).toBe(200);
    expect((await first.request('POST', '/api/auth/logout-all')).statusCode).toBeLessThan(300);
    expect((await second.request('GET', '/api/me')).statusCode).toBe(401);
  });
});

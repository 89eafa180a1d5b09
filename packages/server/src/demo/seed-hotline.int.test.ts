import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount } from '../testing/factories.ts';
import { createTestContext, type TestContext } from '../testing/test-context.ts';
import { backends } from '../testing/test-database.ts';
import { getRoster } from '../modules/hotline/get-roster.ts';
import { ingestCallEvent } from '../modules/hotline/ingest-call-event.ts';
import { signWebhook } from '../modules/hotline/webhook-signature.ts';
import { DEMO_WEBHOOK_SECRET, seedHotline } from './seed-hotline.ts';

describe.each(backends())('hotline demo seed on %s', (backend) => {
  let ctx: TestContext;
  let supervisor: Awaited<ReturnType<typeof makeAccount>>;

  beforeAll(async () => {
    ctx = await createTestContext(backend);
    const counselor = await makeAccount(ctx, { role: 'hotline_counselor', regionCode: '420100000000' });
    supervisor = await makeAccount(ctx, { role: 'hotline_supervisor', regionCode: '420100000000' });
    await ctx.db.transaction((tx) => seedHotline(tx, { at: ctx.clock(), cipher: ctx.cipher, counselorId: counselor.id, supervisorId: supervisor.id }));
    await ctx.db.transaction((tx) => seedHotline(tx, { at: ctx.clock(), cipher: ctx.cipher })); // a second run does nothing
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('seeds one 12356 line with four seats and four weeks of calls', async () => {
    const lines = await ctx.db.query<{ id: string; n: number }>(`SELECT l.id, (SELECT count(*)::int FROM hotline_seats s WHERE s.line_id = l.id) AS n FROM hotline_lines l WHERE number = '12356'`);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.n).toBe(4);
    const calls = await ctx.db.query<{ n: number; filed: number }>(`SELECT count(*)::int AS n, count(*) FILTER (WHERE record_status = 'filed')::int AS filed FROM hotline_calls`);
    expect(calls[0]?.n).toBeGreaterThan(1500);
    expect(calls[0]?.filed).toBeGreaterThan(1300);
  });
  it('has a roster whose only gap is the deliberate Sunday night one', async () => {
    const line = (await ctx.db.query<{ id: string }>(`SELECT id FROM hotline_lines WHERE number = '12356'`))[0]?.id ?? '';
    const rc = { actor: { accountId: supervisor.id, username: supervisor.username, roles: [{ role: 'hotline_supervisor' as const, regionCode: '420100000000' }] }, clientIp: '127.0.0.1', requestId: 't' };
    const roster = await getRoster(ctx, rc as never, line, '2026-03-02');
    expect(roster.gaps).toEqual([{ rule: 'staffed_seats', date: '2026-03-08', fromHour: 0, toHour: 8, have: 1, need: 2 }]);
  });
  it('accepts the simulator’s events signed with the documented demo secret', async () => {
    const body = JSON.stringify({ eventId: 'demo-check', type: 'ringing', line: '12356', callId: 'demo-check', at: ctx.clock().toISOString() });
    const ts = Math.floor(ctx.clock().getTime() / 1000);
    const result = await ingestCallEvent(ctx, { rawBody: body, signature: signWebhook(DEMO_WEBHOOK_SECRET, ts, body), timestamp: String(ts) });
    expect(result.duplicate).toBe(false);
  });
});

import { createTestApp, createTestContext, type TestContext } from '@anxin/server/testing/test-context.ts';
import { HOTLINE_CONTEXT } from '@anxin/server/modules/hotline/hotline-crypto.ts';
import { LineRepository } from '@anxin/server/modules/hotline/line-repository.ts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturingIo } from '../capturing-io.ts';
import { main } from '../main.ts';
import { simulateCalls } from './hotline-simulation.ts';

const SECRET = 'cli-test-secret-abcdefghijklmnop';

const capture = (env: Record<string, string> = {}) => capturingIo(env, false);

describe('hotline simulation model', () => {
  it('is deterministic for a seed and close to the asked arrival rate', () => {
    const input = { callsPerHour: 600, minutes: 60, seats: ['S1', 'S2', 'S3'], ahtSeconds: 300, patienceSeconds: 60, seed: 7 };
    const a = simulateCalls(input);
    expect(simulateCalls(input)).toEqual(a);
    const calls = a.filter((e) => e.type === 'ringing').length;
    expect(calls).toBeGreaterThan(540); // Poisson(600): ±3σ ≈ ±73
    expect(calls).toBeLessThan(660);
    // Every call ends exactly one way; a seat never takes two calls at once.
    const answered = a.filter((e) => e.type === 'answered').length;
    const abandoned = a.filter((e) => e.type === 'abandoned').length;
    expect(answered + abandoned).toBe(calls);
    expect(abandoned).toBeGreaterThan(0); // 600/h × 300 s = 50 erlangs on 3 seats: most callers give up
    const busy = new Map<string, number>();
    for (const e of a) {
      if (e.type === 'answered' && e.seat) {
        expect(busy.get(e.seat) ?? 0).toBe(0);
        busy.set(e.seat, 1);
      }
      if (e.type === 'ended' && e.seat) busy.set(e.seat, 0);
    }
  });
  it('draws handle times with the asked mean (lognormal)', () => {
    const events = simulateCalls({ callsPerHour: 100, minutes: 60 * 24 * 7, seats: Array.from({ length: 200 }, (_, i) => `S${i}`), ahtSeconds: 480, patienceSeconds: 600, seed: 3 });
    const start = new Map<string, number>();
    const handles: number[] = [];
    for (const e of events) {
      if (e.type === 'answered') start.set(e.callId, e.t);
      if (e.type === 'ended') handles.push(e.t - (start.get(e.callId) ?? 0));
    }
    const mean = handles.reduce((x, y) => x + y, 0) / handles.length;
    expect(mean).toBeGreaterThan(450);
    expect(mean).toBeLessThan(510);
    const median = [...handles].sort((x, y) => x - y)[Math.floor(handles.length / 2)] ?? 0;
    expect(median).toBeLessThan(mean); // right-skewed
  });
});

describe('anxin hotline simulate against a test server', () => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    ctx = await createTestContext('pglite');
    ctx.clock.set(new Date()); // the simulator signs with the wall clock
    const lines = new LineRepository(ctx.db);
    const id = await lines.insertLine({
      number: '12356', name: '测试热线', regionCode: '420100000000', organizationId: null, openTime: '00:00', closeTime: '24:00',
      webhookSecretEnc: ctx.cipher.encrypt(SECRET, HOTLINE_CONTEXT.webhookSecret),
    });
    if (!id) throw new Error('no line');
    await lines.insertSeats(id, ['S1', 'S2', 'S3', 'S4']);
    app = await createTestApp(ctx);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  it('sends signed events that the server accepts, and prints a summary', async () => {
    const io = capture();
    const code = await main(['hotline', 'simulate', '--line', '12356', '--calls-per-hour', '1200', '--minutes', '3', '--url', url, '--speed', '0', '--secret', SECRET, '--seed', '11'], io);
    expect(io.stderr).toBe('');
    expect(code).toBe(0);
    expect(io.stdout).toMatch(/calls: +\d+ \(answered \d+, abandoned \d+/);
    expect(io.stdout).toMatch(/0 rejected/);
    const rows = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM hotline_calls');
    const expected = simulateCalls({ callsPerHour: 1200, minutes: 3, seats: ['S1', 'S2', 'S3', 'S4'], ahtSeconds: 480, patienceSeconds: 90, seed: 11 }).filter((e) => e.type === 'ringing').length;
    expect(rows[0]?.n).toBe(expected);
    const drafts = await ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM hotline_calls WHERE record_status = 'draft'");
    expect(drafts[0]?.n).toBeGreaterThan(0);
  });
  it('in real time, lasts the window and ends calls still in progress when it closes', async () => {
    const io = capture();
    const started = Date.now();
    const code = await main(['hotline', 'simulate', '--line', '12356', '--calls-per-hour', '3600', '--minutes', '0.05', '--url', url, '--speed', '1', '--secret', SECRET, '--seed', '9'], io);
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000); // 3 s window; 8-minute calls do not keep it running
    expect(io.stdout).toMatch(/after the window: \d+ events/);
  });
  it('fails with exit 1 and the reason when the secret is wrong', async () => {
    const io = capture();
    const code = await main(['hotline', 'simulate', '--line', '12356', '--calls-per-hour', '600', '--minutes', '1', '--url', url, '--speed', '0', '--secret', 'wrong-secret-000000000000', '--seed', '5'], io);
    expect(code).toBe(1);
    expect(io.stdout).toMatch(/rejected \d+× 401 Bad signature/);
  });
  it('rejects bad usage with exit 2', async () => {
    const io = capture();
    expect(await main(['hotline', 'simulate', '--line', '12356', '--minutes', '1'], io)).toBe(2);
    expect(io.stderr).toMatch(/--calls-per-hour is required/);
    expect(await main(['hotline', 'dance'], capture())).toBe(2);
  });
  it('defaults the URL to 127.0.0.1:$PORT', async () => {
    const port = new URL(url).port;
    const io = capture({ PORT: port });
    const code = await main(['hotline', 'simulate', '--line', '12356', '--calls-per-hour', '120', '--minutes', '1', '--speed', '0', '--secret', SECRET, '--seed', '2'], io);
    expect(io.stdout).toContain(`at http://127.0.0.1:${port}:`);
    expect(code).toBe(0);
  });
});

// Hotline webhook benchmark on real PostgreSQL: the simulator (`anxin hotline simulate`, a separate process)
// drives the signed CTI webhook at 50 000 calls per hour in real time while a wallboard client holds the SSE
// stream; measures webhook latency and the end-to-end wallboard latency (event accepted → snapshot showing
// it), then the ingestion ceiling with the simulator sending as fast as it can.
// Usage: node --import tsx bench/hotline-webhook.ts   (BENCH_PG=postgres://postgres@127.0.0.1:5432,
//        BENCH_MINUTES=2 real-time minutes at 50 000 calls/h, BENCH_CEILING_MINUTES=10 simulated minutes at max speed)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig, openAppContext } from '@anxin/server';
import { buildApp } from '@anxin/server/http/app.ts';
import { HOTLINE_CONTEXT } from '@anxin/server/modules/hotline/hotline-crypto.ts';
import { LineRepository } from '@anxin/server/modules/hotline/line-repository.ts';
import { signWebhook } from '@anxin/server/modules/hotline/webhook-signature.ts';
import { makeAccount, TEST_PASSWORD } from '@anxin/server/testing/factories.ts';

const pg = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
const minutes = Number(process.env.BENCH_MINUTES ?? 2);
const ceilingMinutes = Number(process.env.BENCH_CEILING_MINUTES ?? 10);
const CALLS_PER_HOUR = 50_000;
const SECRET = 'bench-hotline-secret-0123456789';
const dbName = 'anxin_bench_hotline';
const psql = (sql: string): void => {
  const r = spawnSync('psql', [pg, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
};
psql(`DROP DATABASE IF EXISTS ${dbName}`);
psql(`CREATE DATABASE ${dbName}`);
const log = (o: Record<string, unknown>) => console.log(JSON.stringify(o));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? 0);
};

const env = { DATABASE_URL: `${pg}/${dbName}`, ANXIN_DATA_DIR: mkdtempSync(join(tmpdir(), 'anxin-bench-hl-')), ANXIN_ENABLED_PROVINCES: 'none', LOG_LEVEL: 'silent' };
const ctx = await openAppContext(loadConfig(env));
const lines = new LineRepository(ctx.db);
// 50 000 calls/h × 480 s ≈ 6 700 erlangs: the load line gets 7 500 seats; a quiet probe line carries the latency markers.
for (const [number, seats] of [['12356', 7500], ['99999', 2]] as const) {
  const id = await lines.insertLine({ number, name: number, regionCode: '420100000000', organizationId: null, openTime: '00:00', closeTime: '24:00', webhookSecretEnc: ctx.cipher.encrypt(SECRET, HOTLINE_CONTEXT.webhookSecret) });
  if (!id) throw new Error('line');
  await lines.insertSeats(id, Array.from({ length: seats }, (_, i) => `S${i + 1}`));
}
await makeAccount(ctx, { role: 'hotline_supervisor', regionCode: '420100000000', username: 'bench_sup' });
const app = await buildApp(ctx, { logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

// Wallboard client: sign in, hold the stream, remember when each probe-line count first appeared.
const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench_sup', password: TEST_PASSWORD }) });
const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
const seenAt = new Map<number, number>();
const abort = new AbortController();
void (async () => {
  const res = await fetch(`${url}/api/hotline/wallboard/stream`, { headers: { cookie }, signal: abort.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let idx;
    while ((idx = buffer.indexOf('\n\n')) >= 0) {
      const chunk = buffer.slice(0, idx);
      buffer = buffer.slice(idx + 2);
      const data = /^data: (.*)$/m.exec(chunk)?.[1];
      if (!chunk.startsWith('event: snapshot') || !data) continue;
      const snap = JSON.parse(data) as { lines: { number: string; day: { offered: number } }[] };
      const offered = snap.lines.find((l) => l.number === '99999')?.day.offered ?? 0;
      if (!seenAt.has(offered)) seenAt.set(offered, performance.now());
    }
  }
})();

async function probe(n: number): Promise<number> {
  const body = JSON.stringify({ eventId: `probe-${n}`, type: 'ringing', line: '99999', callId: `probe-${n}`, at: new Date().toISOString() });
  const ts = Math.floor(Date.now() / 1000);
  const res = await fetch(`${url}/api/hotline/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-anxin-timestamp': String(ts), 'x-anxin-signature': signWebhook(SECRET, ts, body) }, body });
  if (!res.ok) throw new Error(`probe ${res.status}`);
  const accepted = performance.now();
  for (let i = 0; i < 200 && !seenAt.has(n); i++) await new Promise((r) => setTimeout(r, 25));
  return (seenAt.get(n) ?? Number.NaN) - accepted;
}

function simulator(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['packages/cli/bin/anxin.mjs', 'hotline', 'simulate', '--line', '12356', '--url', url, '--secret', SECRET, '--seats', '7500', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(out))));
  });
}

// 1. Real time at 50 000 calls/h, probes every 5 s.
const t0 = performance.now();
const run = simulator(['--calls-per-hour', String(CALLS_PER_HOUR), '--minutes', String(minutes), '--speed', '1', '--seed', '1']);
const latencies: number[] = [];
let n = 0;
while (performance.now() - t0 < minutes * 60_000 - 3000) {
  await new Promise((r) => setTimeout(r, 5000));
  latencies.push(await probe(++n));
}
const realtime = await run;
log({ step: 'realtime', callsPerHour: CALLS_PER_HOUR, minutes, simulator: realtime.trim().split('\n') });
log({ step: 'wallboard_latency_ms', samples: latencies.length, p50: pct(latencies, 50), p95: pct(latencies, 95), max: Math.round(Math.max(...latencies)) });

// 2. Ceiling: as fast as the server takes them.
const ceiling = await simulator(['--calls-per-hour', String(CALLS_PER_HOUR), '--minutes', String(ceilingMinutes), '--speed', '0', '--concurrency', '32', '--seed', '2']);
log({ step: 'ceiling', simulatedMinutes: ceilingMinutes, simulator: ceiling.trim().split('\n') });
const rows = await ctx.db.query<{ calls: number; events: number }>(`SELECT (SELECT count(*)::int FROM hotline_calls) AS calls, (SELECT count(*)::int FROM hotline_events) AS events`);
const snapStart = performance.now();
const res = await fetch(`${url}/api/hotline/wallboard`, { headers: { cookie } });
await res.json();
log({ step: 'totals', ...rows[0], wallboardSnapshotMs: Math.round(performance.now() - snapStart) });
abort.abort();
await app.close();
await ctx.db.close();

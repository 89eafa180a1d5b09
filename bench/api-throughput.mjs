// API throughput: autocannon, 50 connections, against GET /api/me and the region-children endpoint of a
// real Anxin server on PostgreSQL, next to a bare Fastify route in the same run (the ratio is what counts).
// Usage: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/anxin_bench node bench/api-throughput.mjs
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';

const root = new URL('..', import.meta.url).pathname;
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/anxin_bench';
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const dbName = new URL(url).pathname.slice(1);
spawnSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-c', `DROP DATABASE IF EXISTS ${dbName}`], { stdio: 'ignore' });
spawnSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-c', `CREATE DATABASE ${dbName}`], { stdio: 'inherit' });

const port = 8190;
const server = spawn(process.execPath, ['packages/cli/bin/anxin.mjs', 'serve', '--demo'], {
  cwd: root,
  env: { ...process.env, PORT: String(port), DATABASE_URL: url, ANXIN_DEMO_PASSWORD: 'bench-password', LOG_LEVEL: 'warn', ANXIN_DATA_DIR: mkdtempSync(join(tmpdir(), 'anxin-bench-')) },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
for (let i = 0; i < 120; i++) {
  try {
    if ((await fetch(`${base}/readyz`)).ok) break;
  } catch {}
  await new Promise((r) => setTimeout(r, 500));
}
const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'counselor', password: 'bench-password' }),
});
const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

const bare = Fastify();
bare.get('/bare', async () => ({ account: { id: 'x', username: 'counselor' }, roles: [] }));
await bare.listen({ port: port + 1, host: '127.0.0.1' });

const run = (title, target, headers = {}) =>
  new Promise((resolve, reject) =>
    autocannon({ url: target, connections: 50, duration, headers }, (err, r) =>
      err ? reject(err) : resolve({ title, requestsPerSecond: Math.round(r.requests.average), p99Ms: r.latency.p99, non2xx: r.non2xx, errors: r.errors }),
    ),
  );

const results = [];
results.push(await run('bare Fastify route', `http://127.0.0.1:${port + 1}/bare`));
results.push(await run('GET /api/me', `${base}/api/me`, { cookie }));
results.push(await run('GET /api/regions/420100000000/children', `${base}/api/regions/420100000000/children`, { cookie }));
const bareRps = results[0].requestsPerSecond;
for (const r of results) r.ratioToBare = Number((r.requestsPerSecond / bareRps).toFixed(3));
console.log(JSON.stringify({ connections: 50, durationSeconds: duration, database: 'PostgreSQL', results }, null, 2));
await bare.close();
server.kill('SIGTERM');

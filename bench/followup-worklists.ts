// Follow-up worklists on real PostgreSQL: persons, enrolments and follow-up tasks at scale (open next follow-ups
// plus closed history), then worklist queries (a grid worker's today / week / overdue, a team's open list, a county's
// and a city's overdue list) at 50 concurrent users through real HTTP (Fastify listening in its OWN process, session
// cookies, zod, jurisdiction checks), next to the same repository SQL run raw through a pool of the same size (10) in
// the client process, in the same run. The load client, the server and PostgreSQL are three processes.
//
// Usage:
//   BENCH_TASKS=1000000 node --import tsx bench/followup-worklists.ts        generate anxin_bench_followup, then load
//   BENCH_REUSE=1 node --import tsx bench/followup-worklists.ts              load only, on the database generated earlier
//   BENCH_DATABASE=anxin_bench_scale BENCH_REUSE=1 node --import tsx bench/followup-worklists.ts
//                                     load only, on the shared 10M/30M dataset of bench/scale-dataset.ts (nothing written
//                                     but sessions; the server gets the dataset's key ring from bench/scale-common.ts)
// Other knobs: BENCH_PG (postgres://postgres@127.0.0.1:5432), BENCH_USERS (50), BENCH_SECONDS (20 per phase),
// BENCH_THINK_MS (0: closed loop, each user sends its next request as soon as the last answered),
// BENCH_SERVER_NODE_OPTIONS (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof to profile the server process). ANXIN_* variables
// reach the server (e.g. ANXIN_SESSION_CACHE_MS=1000).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { jurisdictionPrefixes, regionPrefix, type Actor } from '@anxin/domain';
import { addDays } from '@anxin/domain/register/iso-date.ts';
import { FieldCipher, loadConfig, loadOrCreateKeyRing, openAppContext, openDatabase } from '@anxin/server';
import { TYPE_PARSERS } from '@anxin/server/db/database.ts';
import { buildApp } from '@anxin/server/http/app.ts';
import { hashPassword } from '@anxin/server/modules/auth/password-hasher.ts';
import { FollowUpRepository, type WorklistFilter } from '@anxin/server/modules/followup/followup-repository.ts';
import { localDate } from '@anxin/server/modules/followup/followup-common.ts';
import { scaleEnv } from './scale-common.ts';

const tasksTarget = Number(process.env.BENCH_TASKS ?? 1_000_000);
const concurrency = Number(process.env.BENCH_USERS ?? 50);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const thinkMs = Number(process.env.BENCH_THINK_MS ?? 0);
const serverCount = Number(process.env.BENCH_SERVERS ?? 1);
const reuse = process.env.BENCH_REUSE === '1';
const historyPerEnrolment = 3; // closed tasks per enrolment; 1 open + 3 closed = 4 tasks per person
const personsCount = Math.ceil(tasksTarget / (historyPerEnrolment + 1));
const pgBase = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
const dbName = process.env.BENCH_DATABASE ?? 'anxin_bench_followup';
const url = `${pgBase}/${dbName}`;
const PASSWORD = process.env.BENCH_PASSWORD ?? 'bench-password-1';

const log = (o: Record<string, unknown>) => console.log(JSON.stringify(o));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0) * 10) / 10;
};

/**
 * What the server process needs: the database, a data dir (key file) kept per database, and any ANXIN_* given. On
 * the shared scale dataset, its own fixed key ring and settings (bench/scale-common.ts `scaleEnv`), never a new key.
 */
function serverEnv(): Record<string, string> {
  const given = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[0].startsWith('ANXIN_') && typeof e[1] === 'string'));
  if (dbName === 'anxin_bench_scale') return { ...scaleEnv(), ...given, DATABASE_URL: url, LOG_LEVEL: 'silent', ANXIN_JOBS: 'off', BENCH_MIGRATE: process.env.BENCH_MIGRATE ?? '0' };
  const dataDir = join(tmpdir(), `anxin-bench-data-${dbName}`);
  mkdirSync(dataDir, { recursive: true });
  return { ANXIN_DATA_DIR: dataDir, ...given, DATABASE_URL: url, ANXIN_ENABLED_PROVINCES: '42', LOG_LEVEL: 'silent', ANXIN_JOBS: 'off' };
}

// ---- the server process: the real app, listening; prints its port ----
if (process.env.BENCH_ROLE === 'server') {
  // On the shared scale dataset the server does not migrate (reading a dataset must not rewrite its schema, nor wait
  // for another engineer's new migration to run over 30 M rows): the worklist needs nothing newer than it has.
  const config = loadConfig(process.env);
  const ctx =
    process.env.BENCH_MIGRATE === '0'
      ? { config, db: await openDatabase(config), cipher: new FieldCipher(loadOrCreateKeyRing(config.keyFile)), clock: () => new Date() }
      : await openAppContext(config);
  const app = await buildApp(ctx, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  console.log(JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0 }));
  const stop = () => {
    void app.close().then(() => ctx.db.close()).then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  await main();
}

async function generate(): Promise<void> {
  if (dbName === 'anxin_bench_scale') throw new Error('anxin_bench_scale is the shared dataset of bench/scale-dataset.ts: use BENCH_REUSE=1, never regenerate it here');
  const psql = (sql: string): void => {
    const r = spawnSync('psql', [pgBase, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
  };
  psql(`DROP DATABASE IF EXISTS ${dbName}`);
  psql(`CREATE DATABASE ${dbName}`);
  const ctx = await openAppContext(loadConfig(serverEnv()));
  const db = ctx.db;
  const today = localDate(ctx.clock(), ctx.config.timeZone);
  // ---- data: Wuhan's communities, one grid worker each, one grassroots team per street ----
  let t0 = performance.now();
  await db.query(`CREATE TABLE bench_comm AS SELECT row_number() OVER (ORDER BY code) - 1 AS idx, code, parent_code AS street FROM regions WHERE code LIKE '4201%' AND level = 'community'`);
  const ncomm = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM bench_comm'))[0]?.n ?? 0;
  const hash = await hashPassword(PASSWORD);
  await db.query(
    `INSERT INTO accounts (username, display_name, password_hash) SELECT 'grid_' || idx, '网格员' || idx, $1 FROM bench_comm`,
    [hash],
  );
  await db.query(`ALTER TABLE bench_comm ADD COLUMN account_id uuid`);
  await db.query(`UPDATE bench_comm c SET account_id = a.id FROM accounts a WHERE a.username = 'grid_' || c.idx`);
  await db.query(`INSERT INTO role_assignments (account_id, role, region_code) SELECT account_id, 'grid_worker', code FROM bench_comm`);
  await db.query(`INSERT INTO teams (name, kind, region_code) SELECT DISTINCT '基层服务队' || street, 'grassroots_service', street FROM bench_comm`);
  await db.query(`INSERT INTO team_regions (team_id, region_code) SELECT id, region_code FROM teams`);
  await db.query(`ALTER TABLE bench_comm ADD COLUMN team_id uuid`);
  await db.query(`UPDATE bench_comm c SET team_id = t.id FROM teams t WHERE t.region_code = c.street`);
  await db.query(`INSERT INTO team_members (team_id, account_id) SELECT team_id, account_id FROM bench_comm`);
  await db.query(`CREATE INDEX ON bench_comm (idx)`);
  // County doctors and city admins for the regional lists.
  const counties = await db.query<{ code: string }>(`SELECT code FROM regions WHERE parent_code = '420100000000' AND level = 'county' ORDER BY code`);
  for (const [i, c] of counties.entries()) {
    const [a] = await db.query<{ id: string }>(`INSERT INTO accounts (username, display_name, password_hash) VALUES ($1, $1, $2) RETURNING id`, [`doctor_${i}`, hash]);
    await db.query(`INSERT INTO role_assignments (account_id, role, region_code) VALUES ($1, 'primary_care_doctor', $2)`, [a?.id, c.code]);
  }
  for (let i = 0; i < 5; i++) {
    const [a] = await db.query<{ id: string }>(`INSERT INTO accounts (username, display_name, password_hash) VALUES ($1, $1, $2) RETURNING id`, [`city_${i}`, hash]);
    await db.query(`INSERT INTO role_assignments (account_id, role, region_code) VALUES ($1, 'health_admin', '420100000000')`, [a?.id]);
  }
  log({ step: 'accounts', communities: ncomm, counties: counties.length, ms: Math.round(performance.now() - t0) });

  // ---- persons, enrolments, tasks (batched INSERT … SELECT) ----
  t0 = performance.now();
  const batch = 100_000;
  const [{ creator } = { creator: '' }] = await db.query<{ creator: string }>(`SELECT account_id AS creator FROM bench_comm WHERE idx = 0`);
  for (let start = 0; start < personsCount; start += batch) {
    const end = Math.min(personsCount, start + batch) - 1;
    await db.query(
      `INSERT INTO persons (id, name, sex, birth_date, region_code, verification_status)
       SELECT md5('p' || g)::uuid, '居民' || g, CASE WHEN g % 2 = 0 THEN 'male' ELSE 'female' END,
              date '1950-01-01' + (g % 20000), c.code, 'verified'
       FROM generate_series($1::int, $2::int) g JOIN bench_comm c ON c.idx = g % $3`,
      [start, end, ncomm],
    );
    await db.query(
      `INSERT INTO enrolments (id, person_id, program, region_code, team_id, worker_id, enrolled_on, created_by, created_at, updated_at)
       SELECT md5('e' || g)::uuid, md5('p' || g)::uuid,
              (ARRAY['severe_mental_disorder', 'recovered_patient_counseling', 'key_population_other'])[1 + g % 3],
              c.code, c.team_id, c.account_id, $4::date - 400, $5, now(), now()
       FROM generate_series($1::int, $2::int) g JOIN bench_comm c ON c.idx = g % $3`,
      [start, end, ncomm, today, creator],
    );
    // The open next follow-up: due dates spread from 30 days ago to 180 days ahead.
    await db.query(
      `INSERT INTO followup_tasks (enrolment_id, person_id, program, region_code, team_id, worker_id, due_date, window_start, window_end, status, rule, created_at)
       SELECT e.id, e.person_id, e.program, e.region_code, e.team_id, e.worker_id, d, d - 3, d + 3,
              CASE WHEN d + 3 < $3::date THEN 'overdue' WHEN d - 3 <= $3::date THEN 'due' ELSE 'scheduled' END, 'routine', now()
       FROM (SELECT e.*, $3::date + ((hashtext(e.id::text) & 1023) % 211 - 30) AS d
             FROM enrolments e WHERE e.id IN (SELECT md5('e' || g)::uuid FROM generate_series($1::int, $2::int) g)) e`,
      [start, end, today],
    );
    // History: closed follow-ups every ~90 days before.
    await db.query(
      `INSERT INTO followup_tasks (enrolment_id, person_id, program, region_code, team_id, worker_id, due_date, window_start, window_end, status, rule, created_at, closed_at)
       SELECT e.id, e.person_id, e.program, e.region_code, e.team_id, e.worker_id, d, d - 14, d + 14,
              CASE WHEN k = 2 THEN 'unreachable' ELSE 'done' END, 'smd_stable', now(), d::timestamptz
       FROM (SELECT e.*, k, $3::date - 90 * k AS d FROM enrolments e, generate_series(1, ${historyPerEnrolment}) k
             WHERE e.id IN (SELECT md5('e' || g)::uuid FROM generate_series($1::int, $2::int) g)) e`,
      [start, end, today],
    );
    log({ step: 'rows', persons: end + 1, ms: Math.round(performance.now() - t0) });
  }
  await db.query('ANALYZE');
  const [{ tasks = 0, open = 0 } = {}] = await db.query<{ tasks: number; open: number }>(
    `SELECT count(*)::int AS tasks, count(*) FILTER (WHERE status IN ('scheduled','due','overdue'))::int AS open FROM followup_tasks`,
  );
  log({ step: 'data', persons: personsCount, tasks, open, ms: Math.round(performance.now() - t0) });
  await db.close();
}

interface User {
  username: string;
  accountId: string;
  cookie: string;
  /** The server process this user talks to. */
  port?: number;
  queries: Array<{ path: string; kind: Kind; filter: Omit<WorklistFilter, 'today' | 'weekEnd' | 'limit'> }>;
}
type Kind = 'mine_today' | 'mine_week' | 'mine_overdue' | 'team_open' | 'county_overdue' | 'city_overdue';

async function startServer(): Promise<{ child: ChildProcess; port: number }> {
  const nodeOptions = process.env.BENCH_SERVER_NODE_OPTIONS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeOptions, '--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, ...serverEnv(), BENCH_ROLE: 'server' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const o = JSON.parse(line) as { port?: number };
        if (o.port) resolve(o.port);
      } catch {
        /* not ours */
      }
    });
  });
  return { child, port };
}

async function main(): Promise<void> {
  const t0 = performance.now();
  if (!reuse) await generate();
  log({ step: 'generate', reuse, database: dbName, ms: Math.round(performance.now() - t0) });

  // One server process, or several (BENCH_SERVERS, as a deployment runs one per core behind a proxy): each user
  // keeps to one of them.
  const servers = await Promise.all(Array.from({ length: serverCount }, () => startServer()));
  const { port } = servers[0]!;
  log({ step: 'servers', servers: servers.map((x) => ({ pid: x.child.pid, port: x.port })) });
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency + 5 });
  const request = (method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: string, port = servers[0]!.port) =>
    new Promise<{ status: number; body: string; setCookie: string[] }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path, method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), setCookie: res.headers['set-cookie'] ?? [] }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  const signIn = async (username: string): Promise<string> => {
    const res = await request('POST', '/api/auth/login', { 'content-type': 'application/json' }, JSON.stringify({ username, password: PASSWORD }), port);
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.body}`);
    return res.setCookie.map((c) => c.split(';')[0]).join('; ');
  };

  // The raw side: the same repository SQL through a pool of the server's size and type parsers, in this process.
  const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => (format !== 'binary' && TYPE_PARSERS[oid]) || pg.types.getTypeParser(oid, format ?? 'text') };
  const timeZone = process.env.ANXIN_TIME_ZONE ?? 'Asia/Shanghai';
  const raw = new pg.Pool({ connectionString: url, max: 10, options: `-c timezone=${timeZone}`, types });
  const rawDb = { query: async <T>(sql: string, params?: readonly unknown[]) => (await raw.query(sql, params ? [...params] : undefined)).rows as T[] };
  const rawRepo = new FollowUpRepository(rawDb);
  const today = localDate(new Date(), timeZone);
  const weekEnd = addDays(today, 6);

  // ---- users: 40 grid workers (with their team), 5 county doctors, 5 city admins — found by role, so any dataset works ----
  const actorOf = async (accountId: string, username: string): Promise<Actor> => ({
    accountId,
    username,
    roles: (await rawDb.query<{ role: Actor['roles'][number]['role']; region_code: string; organization_id: string | null }>(
      'SELECT role, region_code, organization_id FROM role_assignments WHERE account_id = $1',
      [accountId],
    )).map((r) => ({ role: r.role, regionCode: r.region_code, organizationId: r.organization_id })),
  });
  const users: User[] = [];
  const grids = await rawDb.query<{ id: string; username: string; team_id: string }>(
    `SELECT a.id, a.username, tm.team_id FROM role_assignments ra JOIN accounts a ON a.id = ra.account_id
     JOIN LATERAL (SELECT team_id FROM team_members m WHERE m.account_id = a.id ORDER BY team_id LIMIT 1) tm ON true
     WHERE ra.role = 'grid_worker' AND ra.region_code LIKE '4201%' AND a.disabled_at IS NULL
     ORDER BY a.username LIMIT 40`,
  );
  for (const g of grids) {
    const prefixes = jurisdictionPrefixes(await actorOf(g.id, g.username), 'followup.read');
    users.push({
      username: g.username,
      accountId: g.id,
      cookie: await signIn(g.username),
      queries: [
        { kind: 'mine_today', path: '/api/followup/tasks?scope=mine&when=today', filter: { prefixes, workerId: g.id, when: 'today' } },
        { kind: 'mine_week', path: '/api/followup/tasks?scope=mine&when=week', filter: { prefixes, workerId: g.id, when: 'week' } },
        { kind: 'mine_overdue', path: '/api/followup/tasks?scope=mine&when=overdue', filter: { prefixes, workerId: g.id, when: 'overdue' } },
        { kind: 'team_open', path: `/api/followup/tasks?scope=team&teamId=${g.team_id}&when=open`, filter: { prefixes, teamId: g.team_id, when: 'open' } },
      ],
    });
  }
  const regional = async (role: string, where: string, kind: Kind) => {
    const rows = await rawDb.query<{ id: string; username: string; region_code: string }>(
      `SELECT a.id, a.username, ra.region_code FROM role_assignments ra JOIN accounts a ON a.id = ra.account_id
       WHERE ra.role = $1 AND ${where} AND a.disabled_at IS NULL ORDER BY ra.region_code, a.username LIMIT 5`,
      [role],
    );
    const found = rows.length > 0 ? rows : [];
    for (let i = 0; i < 5 && found.length > 0; i++) {
      const r = found[i % found.length]!;
      const prefixes = jurisdictionPrefixes(await actorOf(r.id, r.username), 'followup.read');
      users.push({
        username: r.username,
        accountId: r.id,
        cookie: await signIn(r.username),
        queries: [{ kind, path: `/api/followup/tasks?scope=region&region=${r.region_code}&when=overdue`, filter: { prefixes, regionPrefix: regionPrefix(r.region_code), when: 'overdue' } }],
      });
    }
  };
  await regional('primary_care_doctor', `ra.region_code LIKE '4201%' AND ra.region_code LIKE '______000000' AND ra.region_code NOT LIKE '____00000000'`, 'county_overdue');
  await regional('health_admin', `ra.region_code = '420100000000'`, 'city_overdue');
  const byKindUsers = users.reduce<Record<string, number>>((m, u) => ({ ...m, [u.queries.length === 4 ? 'grid' : u.queries[0]!.kind]: (m[u.queries.length === 4 ? 'grid' : u.queries[0]!.kind] ?? 0) + 1 }), {});
  users.forEach((u, i) => (u.port = servers[i % servers.length]!.port));
  log({ step: 'users', users: users.length, ...byKindUsers });

  // CPU spent per request by each process (this client, the server, the database's backends for this database), read
  // from /proc: a measure the other load on a shared machine does not distort the way it distorts latency.
  const ticks = (pid: number): number => {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(f[11]) + Number(f[12])) * 10; // utime + stime, in ms (CLK_TCK 100)
    } catch {
      return 0;
    }
  };
  const cpuSnapshot = async () => {
    const pids = (await rawDb.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')).map((r) => r.pid);
    const c = process.cpuUsage();
    return { client: (c.user + c.system) / 1000, server: servers.reduce((n, x) => n + ticks(x.child.pid!), 0), pg: new Map(pids.map((p) => [p, ticks(p)])) };
  };

  async function runLoad(label: 'http' | 'raw' | 'http_session_floor', one: (u: User, q: User['queries'][number]) => Promise<number>) {
    const before = await cpuSnapshot();
    const lat: Record<string, number[]> = {};
    const all: number[] = [];
    let rows = 0;
    const deadline = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async (_, w) => {
        const u = users[w % users.length]!;
        let k = 0;
        while (performance.now() < deadline) {
          const q = u.queries[k++ % u.queries.length]!;
          const s = performance.now();
          const n = await one(u, q); // (not `rows += await …`: that reads `rows` before the await and loses counts)
          const ms = performance.now() - s;
          rows += n;
          (lat[q.kind] ??= []).push(ms);
          all.push(ms);
          if (thinkMs > 0) await new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random())));
        }
      }),
    );
    const after = await cpuSnapshot();
    const perReq = (ms: number) => Math.round((ms / all.length) * 1000) / 1000;
    let pgMs = 0;
    for (const [pid, t] of after.pg) pgMs += t - (before.pg.get(pid) ?? 0);
    const cpuMsPerRequest = { client: perReq(after.client - before.client), server: perReq(after.server - before.server), pg: perReq(pgMs) };
    const byKind = Object.fromEntries(Object.entries(lat).map(([k, xs]) => [k, { n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95) }]));
    const result = { step: 'load', label, servers: serverCount, concurrency, seconds, thinkMs, requests: all.length, perSecond: Math.round(all.length / seconds), rows, p50: pct(all, 50), p95: pct(all, 95), p99: pct(all, 99), cpuMsPerRequest, byKind };
    log(result);
    return result;
  }

  const httpOne = async (u: User, q: User['queries'][number]) => {
    const res = await request('GET', `${q.path}&limit=20`, { cookie: u.cookie }, undefined, u.port);
    if (res.status !== 200) throw new Error(`${q.path}: ${res.status} ${res.body}`);
    return (JSON.parse(res.body) as { items: unknown[] }).items.length;
  };
  const rawOne = async (_u: User, q: User['queries'][number]) => (await rawRepo.worklist({ ...q.filter, today, weekEnd, limit: 21 })).length;
  // The floor every authenticated request pays before any handler runs: an /api path no route serves still goes
  // through the session hook (one query: session, account, roles) and then answers 404.
  const floorOne = async (u: User) => {
    const res = await request('GET', '/api/followup/bench-session-floor', { cookie: u.cookie }, undefined, u.port);
    if (res.status !== 404) throw new Error(`session floor: ${res.status} ${res.body}`);
    return 0;
  };
  // Warm-up (both paths, every list once), then measure.
  for (const u of users) for (const q of u.queries) { await httpOne(u, q); await rawOne(u, q); }
  const load = { before: (await import('node:os')).loadavg().map((x) => Math.round(x * 100) / 100) };
  const floor = await runLoad('http_session_floor', floorOne);
  const httpResult = await runLoad('http', httpOne);
  const rawResult = await runLoad('raw', rawOne);
  log({
    step: 'ratio',
    loadAvgBefore: load.before,
    loadAvgAfter: (await import('node:os')).loadavg().map((x) => Math.round(x * 100) / 100),
    p95SessionFloor: floor.p95,
    p95HttpOverRaw: Math.round((httpResult.p95 / rawResult.p95) * 100) / 100,
    p50HttpOverRaw: Math.round((httpResult.p50 / rawResult.p50) * 100) / 100,
    p99HttpOverRaw: Math.round((httpResult.p99 / rawResult.p99) * 100) / 100,
  });

  // The plan of each list, exactly the SQL the repository sends (EXPLAIN in front of it).
  for (const kind of ['mine_today', 'mine_week', 'mine_overdue', 'team_open', 'county_overdue', 'city_overdue'] as const) {
    const q = users.flatMap((u) => u.queries).find((x) => x.kind === kind);
    if (!q) continue;
    let plan: string[] = [];
    const explain = new FollowUpRepository({
      query: async <T>(sql: string, params?: readonly unknown[]) => {
        plan = (await raw.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params ? [...params] : undefined)).rows.map((r) => r['QUERY PLAN']);
        return [] as T[];
      },
    });
    await explain.worklist({ ...q.filter, today, weekEnd, limit: 21 });
    log({ step: 'plan', kind, plan: plan.join(' | ') });
  }

  await raw.end();
  agent.destroy();
  for (const x of servers) {
    x.child.kill('SIGTERM');
    await new Promise((r) => x.child.once('exit', r));
  }
}

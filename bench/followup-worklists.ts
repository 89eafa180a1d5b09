// Follow-up worklists on real PostgreSQL: persons, enrolments and follow-up tasks at scale (open next follow-ups
// plus closed history), then worklist queries (a grid worker's today / week / overdue, a team's open list, a county's
// and a city's overdue list) at 50 concurrent users through real HTTP (Fastify listening, session cookies, zod,
// jurisdiction checks), next to the same SQL run raw through a pool of the same size, in the same run.
// Usage: BENCH_TASKS=1000000 node --import tsx bench/followup-worklists.ts   (BENCH_PG=postgres://postgres@127.0.0.1:5432)
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { loadConfig, openAppContext } from '@anxin/server';
import { buildApp } from '@anxin/server/http/app.ts';
import { hashPassword } from '@anxin/server/modules/auth/password-hasher.ts';
import { FollowUpRepository, type WorklistFilter } from '@anxin/server/modules/followup/followup-repository.ts';
import { localDate } from '@anxin/server/modules/followup/followup-common.ts';
import { addDays } from '@anxin/domain/register/iso-date.ts';

const tasksTarget = Number(process.env.BENCH_TASKS ?? 1_000_000);
const concurrency = Number(process.env.BENCH_USERS ?? 50);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const historyPerEnrolment = 3; // closed tasks per enrolment; 1 open + 3 closed = 4 tasks per person
const personsCount = Math.ceil(tasksTarget / (historyPerEnrolment + 1));
const pgBase = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
const dbName = 'anxin_bench_followup';
const url = `${pgBase}/${dbName}`;
const PASSWORD = 'bench-password-1';

const psql = (sql: string): void => {
  const r = spawnSync('psql', [pgBase, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
};
const log = (o: Record<string, unknown>) => console.log(JSON.stringify(o));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0) * 10) / 10;
};

psql(`DROP DATABASE IF EXISTS ${dbName}`);
psql(`CREATE DATABASE ${dbName}`);
const env = { DATABASE_URL: url, ANXIN_DATA_DIR: mkdtempSync(join(tmpdir(), 'anxin-bench-fu-')), ANXIN_ENABLED_PROVINCES: '42', LOG_LEVEL: 'silent', ANXIN_JOBS: 'off' };
const ctx = await openAppContext(loadConfig(env));
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

// ---- users: 40 grid workers, the county doctors, the city admins; sign in over HTTP ----
const app = await buildApp(ctx, { logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;

interface User {
  username: string;
  accountId: string;
  cookie: string;
  queries: Array<{ path: string; filter: Omit<WorklistFilter, 'today' | 'weekEnd' | 'limit'> }>;
}
async function signIn(username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}
const users: User[] = [];
const grids = await db.query<{ idx: number; account_id: string; code: string; team_id: string }>(
  `SELECT idx, account_id, code, team_id FROM bench_comm ORDER BY idx LIMIT 40`,
);
for (const g of grids) {
  const prefix = g.code; // community: its prefix is the full code
  users.push({
    username: `grid_${g.idx}`,
    accountId: g.account_id,
    cookie: await signIn(`grid_${g.idx}`),
    queries: [
      { path: '/api/followup/tasks?scope=mine&when=today', filter: { prefixes: [prefix], workerId: g.account_id, when: 'today' } },
      { path: '/api/followup/tasks?scope=mine&when=week', filter: { prefixes: [prefix], workerId: g.account_id, when: 'week' } },
      { path: '/api/followup/tasks?scope=mine&when=overdue', filter: { prefixes: [prefix], workerId: g.account_id, when: 'overdue' } },
      { path: `/api/followup/tasks?scope=team&teamId=${g.team_id}&when=open`, filter: { prefixes: [prefix], teamId: g.team_id, when: 'open' } },
    ],
  });
}
for (const [i, c] of counties.slice(0, 5).entries()) {
  const [a] = await db.query<{ id: string }>(`SELECT id FROM accounts WHERE username = $1`, [`doctor_${i}`]);
  const prefix = c.code.slice(0, 6);
  users.push({
    username: `doctor_${i}`,
    accountId: a?.id ?? '',
    cookie: await signIn(`doctor_${i}`),
    queries: [{ path: `/api/followup/tasks?scope=region&region=${c.code}&when=overdue`, filter: { prefixes: [prefix], regionPrefix: prefix, when: 'overdue' } }],
  });
}
for (let i = 0; i < 5; i++) {
  const [a] = await db.query<{ id: string }>(`SELECT id FROM accounts WHERE username = $1`, [`city_${i}`]);
  users.push({
    username: `city_${i}`,
    accountId: a?.id ?? '',
    cookie: await signIn(`city_${i}`),
    queries: [{ path: `/api/followup/tasks?scope=region&region=420100000000&when=overdue`, filter: { prefixes: ['4201'], regionPrefix: '4201', when: 'overdue' } }],
  });
}
log({ step: 'users', users: users.length });

type Kind = 'mine_today' | 'mine_week' | 'mine_overdue' | 'team_open' | 'county_overdue' | 'city_overdue';
const kindOf = (path: string): Kind =>
  path.includes('scope=mine&when=today')
    ? 'mine_today'
    : path.includes('scope=mine&when=week')
      ? 'mine_week'
      : path.includes('scope=mine&when=overdue')
        ? 'mine_overdue'
        : path.includes('scope=team')
          ? 'team_open'
          : path.includes('420100000000')
            ? 'city_overdue'
            : 'county_overdue';

async function runLoad(label: 'http' | 'raw' | 'http_me_floor', one: (u: User, q: User['queries'][number]) => Promise<number>) {
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
        rows += await one(u, q);
        const ms = performance.now() - s;
        (lat[kindOf(q.path)] ??= []).push(ms);
        all.push(ms);
      }
    }),
  );
  const byKind = Object.fromEntries(Object.entries(lat).map(([k, xs]) => [k, { n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95) }]));
  const result = { step: 'load', label, concurrency, seconds, requests: all.length, perSecond: Math.round(all.length / seconds), rows, p50: pct(all, 50), p95: pct(all, 95), p99: pct(all, 99), byKind };
  log(result);
  return result;
}

// Warm-up (both paths), then measure.
const raw = new pg.Pool({ connectionString: url, max: 10, options: `-c timezone=${ctx.config.timeZone}` });
const rawRepo = new FollowUpRepository({ query: async <T>(sql: string, params?: readonly unknown[]) => (await raw.query(sql, params ? [...params] : undefined)).rows as T[] });
const weekEnd = addDays(today, 6);
const httpOne = async (u: User, q: User['queries'][number]) => {
  const res = await fetch(`${base}${q.path}&limit=20`, { headers: { cookie: u.cookie } });
  const body = (await res.json()) as { items?: unknown[] };
  if (!res.ok) throw new Error(`${q.path}: ${res.status} ${JSON.stringify(body)}`);
  return body.items?.length ?? 0;
};
const rawOne = async (_u: User, q: User['queries'][number]) => (await rawRepo.worklist({ ...q.filter, today, weekEnd, limit: 21 })).length;
for (const u of users) for (const q of u.queries) { await httpOne(u, q); await rawOne(u, q); }

// The floor every authenticated request pays before any handler runs (session, account, roles): GET /api/me.
const meOne = async (u: User) => {
  const res = await fetch(`${base}/api/me`, { headers: { cookie: u.cookie } });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`/api/me: ${res.status}`);
  return 0;
};
const me = await runLoad('http_me_floor', meOne);
const http = await runLoad('http', httpOne);
const rawResult = await runLoad('raw', rawOne);
log({ step: 'ratio', p95MeFloor: me.p95, p95HttpOverRaw: Math.round((http.p95 / rawResult.p95) * 100) / 100, p50HttpOverRaw: Math.round((http.p50 / rawResult.p50) * 100) / 100 });

// The plan of the heaviest list, for the record.
const plan = await db.query<{ 'QUERY PLAN': string }>(
  `EXPLAIN (ANALYZE, BUFFERS) SELECT t.id FROM followup_tasks t WHERE t.status IN ('scheduled','due','overdue') AND t.region_code LIKE '4201%' AND t.window_end < $1::date ORDER BY t.window_end, t.id LIMIT 21`,
  [today],
);
log({ step: 'plan_city_overdue', plan: plan.map((p) => p['QUERY PLAN']).join(' | ') });

await raw.end();
await app.close();
await db.close();

// Dashboard benchmark on real PostgreSQL: GET /api/dashboards/summary p50/p95 at each region level
// (province → community) through the HTTP layer (Fastify inject, session cookie, zod), next to the same
// figures recounted from the base tables; then the freshness lag after a burst of writes.
// Usage: BENCH_PERSONS=1000000 node --import tsx bench/dashboard.ts   (BENCH_PG=postgres://postgres@127.0.0.1:5432)
//   loads persons, categories and BENCH_ASSESSMENTS assessments with the rollup triggers off, then rebuilds
//   the rollups from the base tables (timed), as after any bulk load.
// On an existing database (e.g. the shared 10M dataset of bench/scale-dataset.ts):
//   BENCH_DATABASE=anxin_bench_scale BENCH_REUSE=1 BENCH_REBUILD=1 BENCH_VACUUM=1 node --import tsx bench/dashboard.ts
//   BENCH_REBUILD=1 rebuilds the rollups first (timed); BENCH_RAW_REPS sets the raw recount's repetitions;
//   BENCH_BURST=0 skips the freshness burst (which adds 20 000 persons); BENCH_API=0 measures only the raw
//   recount; BENCH_LEVELS=province,city limits the levels; BENCH_POPULATION_LEVELS=N measures population status at the first N levels (all by default).
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig, openAppContext } from '@anxin/server';
import { buildApp } from '@anxin/server/http/app.ts';
import { rebuildRollups } from '@anxin/server/modules/dashboards/rebuild-rollups.ts';
import { refreshRollups } from '@anxin/server/modules/dashboards/refresh-rollups.ts';
import { RollupRepository } from '@anxin/server/modules/dashboards/rollup-repository.ts';
import { makeAccount, TEST_PASSWORD } from '@anxin/server/testing/factories.ts';
import { TestSession } from '@anxin/server/testing/http-session.ts';
import { scaleEnv } from './scale-common.ts';

const persons = Number(process.env.BENCH_PERSONS ?? 1_000_000);
const assessmentsN = Number(process.env.BENCH_ASSESSMENTS ?? persons * 2);
const reps = Number(process.env.BENCH_REPS ?? 40);
const rawReps = Number(process.env.BENCH_RAW_REPS ?? Math.max(3, Math.floor(reps / 8)));
const pg = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
const dbName = process.env.BENCH_DATABASE ?? 'anxin_bench_dash';
const url = `${pg}/${dbName}`;
const psql = (sql: string): void => {
  const r = spawnSync('psql', [pg, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
};
// BENCH_REUSE=1 measures again on the database a previous run loaded (after e.g. VACUUM), skipping the load.
const reuse = process.env.BENCH_REUSE === '1';
if (!reuse) {
  psql(`DROP DATABASE IF EXISTS ${dbName}`);
  psql(`CREATE DATABASE ${dbName}`);
}

const log = (o: Record<string, unknown>) => console.log(JSON.stringify(o));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0) * 10) / 10;
};

// The shared 10M dataset needs its field key (bench/scale-common.ts); a database of this bench makes its own.
const env =
  dbName === 'anxin_bench_scale'
    ? scaleEnv()
    : { DATABASE_URL: url, ANXIN_DATA_DIR: mkdtempSync(join(tmpdir(), 'anxin-bench-dash-')), ANXIN_ENABLED_PROVINCES: '42', LOG_LEVEL: 'silent', ANXIN_JOBS: 'off' };
const ctx = await openAppContext(loadConfig(env));
const db = ctx.db;
const now = new Date();
let t0 = performance.now();
const load = () => loadavg().map((x) => Math.round(x * 100) / 100);
const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const s = performance.now();
  const out = await fn();
  return [out, Math.round(performance.now() - s)];
};
const ROLLUP_TRIGGERS: [string, string][] = [
  ['persons', 'rollup_persons'],
  ['persons', 'rollup_persons_delete'],
  ['person_categories', 'rollup_categories'],
  ['persons', 'rollup_persons_insert'],
  ['person_categories', 'rollup_categories_insert'],
  ['assessments', 'rollup_assessments'],
  // population status (0700): filled by the rebuild like the others
  ['assessments', 'rollup_population_assessments'],
  ['person_categories', 'rollup_population_categories_insert'],
];
if (!reuse) {
await db.query(`CREATE TABLE bench_comm AS SELECT row_number() OVER (ORDER BY code) - 1 AS idx, code FROM regions WHERE code LIKE '42%' AND level = 'community'`);
const ncomm = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM bench_comm`))[0]?.n ?? 0;
await db.query(`CREATE INDEX ON bench_comm (idx)`);
log({ step: 'regions', hubeiCommunities: ncomm });

// A bulk load as an operator would run it: rollup triggers off, then one rebuild from the base tables.
for (const [table, trigger] of ROLLUP_TRIGGERS) await db.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
// Persons: uniform over Hubei's communities (a few communities of 江岸区 get 5 % of everyone, so a
// community-level view has real volume), registered over the last 365 days, statuses and categories mixed.
const batch = 100_000;
t0 = performance.now();
for (let start = 0; start < persons; start += batch) {
  log({ step: 'loading', start, seconds: Math.round((performance.now() - t0) / 1000) });
  const end = Math.min(persons, start + batch) - 1;
  await db.query(
    `INSERT INTO persons (name, sex, birth_date, region_code, verification_status, created_at, updated_at)
     SELECT '测' || g, CASE WHEN g % 2 = 0 THEN 'male' ELSE 'female' END, DATE '1940-01-01' + (g::bigint * 37 % 25000)::int,
            CASE WHEN g % 20 = 0 THEN (SELECT code FROM regions WHERE code LIKE '420102%' AND level = 'community' ORDER BY code LIMIT 1)
                 ELSE (SELECT code FROM bench_comm WHERE idx = g % $3) END,
            (ARRAY['pending','verified','verified','corrected','moved','deceased','not_found'])[1 + g % 7],
            $4::timestamptz - ((g::bigint * 7919) % 525600) * interval '1 minute', $4::timestamptz
       FROM generate_series($1::int, $2::int) AS g`,
    [start, end, ncomm, now],
  );
}
await db.query(
  `INSERT INTO person_categories (person_id, category, source, valid_from, created_at)
   SELECT id, (ARRAY['recovered_patient','patient_family','student','disability','minimum_allowance'])[1 + (hashtext(id::text) & 4)], 'import', DATE '2026-01-01', created_at
     FROM persons WHERE hashtext(id::text) % 2 = 0`,
);
// Assessments: submitted over the last 365 days in the person's community, instruments and severities mixed.
await db.query(`CREATE TABLE bench_person AS SELECT row_number() OVER (ORDER BY id) - 1 AS idx, id, region_code FROM persons`);
await db.query(`CREATE INDEX ON bench_person (idx)`);
const np = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM bench_person`))[0]?.n ?? 1;
for (let start = 0; start < assessmentsN; start += 500_000) {
  log({ step: 'loading assessments', start, seconds: Math.round((performance.now() - t0) / 1000) });
  await db.query(
    `INSERT INTO assessments (person_id, region_code, instrument, instrument_version, mode, status, severity, created_at, updated_at, completed_at)
     SELECT p.id, p.region_code, s.instrument, '1', 'in_person', 'submitted', s.severity, x.done, x.done, x.done
       FROM (SELECT j, $4::timestamptz - ((j::bigint * 7907) % 525600) * interval '1 minute' AS done FROM generate_series($1::int, $2::int) j) x
       JOIN bench_person p ON p.idx = (x.j::bigint * 2654435761 % 4294967296) % $3
       JOIN (VALUES (0, 'phq9', 'minimal'), (1, 'phq9', 'mild'), (2, 'phq9', 'moderate'), (3, 'gad7', 'minimal'), (4, 'gad7', 'severe'),
                    (5, 'who5', 'adequate_wellbeing'), (6, 'who5', 'likely_depression'), (7, 'k10', 'low'), (8, 'k10', 'high'), (9, 'phq9', 'severe'))
            AS s(k, instrument, severity) ON s.k = x.j % 10`,
    [start, Math.min(assessmentsN, start + 500_000) - 1, np, now],
  );
}
for (const [table, trigger] of ROLLUP_TRIGGERS) await db.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
const loadMs = performance.now() - t0;
await db.query('VACUUM ANALYZE persons');
await db.query('VACUUM ANALYZE person_categories');
await db.query('VACUUM ANALYZE assessments');
log({ step: 'load', persons, assessments: assessmentsN, loadSeconds: Math.round(loadMs / 1000), load: load() });
}
if (!reuse || process.env.BENCH_REBUILD === '1') {
  // BENCH_REBUILD_EXCLUDE=rollup_backfill_assessments: leave a family out (e.g. while its table is still loading).
  const excludeFamilies = process.env.BENCH_REBUILD_EXCLUDE?.split(',') ?? [];
  const [report, ms] = await timed(() =>
    rebuildRollups(ctx, (step, stepMs) => log({ step: 'rebuild', part: step, seconds: Math.round(stepMs / 100) / 10, load: load() }), { excludeFamilies }),
  );
  log({ step: 'rebuilt', seconds: Math.round(ms / 100) / 10, ...report, load: load() });
}
if (!reuse || process.env.BENCH_VACUUM === '1') {
  const v0 = performance.now();
  for (const t of ['rollup_counts', 'rollup_months', 'rollup_totals', 'rollup_delta']) await db.query(`VACUUM ANALYZE ${t}`);
  log({ step: 'vacuum', seconds: Math.round((performance.now() - v0) / 100) / 10 });
}
const sizes = await db.query(
  `SELECT relname AS table, n_live_tup AS rows, pg_size_pretty(pg_total_relation_size(relid)) AS size FROM pg_stat_user_tables
    WHERE relname IN ('persons', 'assessments', 'followup_tasks', 'rollup_counts', 'rollup_months', 'rollup_totals', 'rollup_delta') ORDER BY relname`,
);
log({ step: 'sizes', sizes });

// Through the API, as a province health admin.
const app = await buildApp(ctx, { logger: false });
await app.ready();
await makeAccount(ctx, { role: 'health_admin', regionCode: '420000000000', username: `bench_province${reuse ? Date.now() % 100000 : ''}` });
const session = new TestSession(app);
const benchUser = (await db.query<{ username: string }>(`SELECT username FROM accounts WHERE username LIKE 'bench_province%' ORDER BY created_at DESC LIMIT 1`))[0]?.username as string;
if ((await session.login(benchUser, TEST_PASSWORD)).statusCode !== 200) throw new Error('login failed');

const someCommunity = (await db.query<{ region_code: string }>(`SELECT region_code FROM persons WHERE region_code LIKE '420102%' LIMIT 1`))[0]?.region_code as string;
const levels: [string, string, string][] = [
  ['province', '420000000000', '42'],
  ['city', '420100000000', '4201'],
  ['county', '420102000000', '420102'],
  ['street', `${someCommunity.slice(0, 9)}000`, someCommunity.slice(0, 9)],
  ['community', someCommunity, someCommunity],
];
const day = (d: Date) => d.toISOString().slice(0, 10);
const to = day(now);
const from30 = day(new Date(now.getTime() - 29 * 86_400_000));
const from365 = day(new Date(now.getTime() - 364 * 86_400_000));

const childDigits: Record<string, number> = { province: 4, city: 6, county: 9, street: 12, community: 12 };
const onlyLevels = process.env.BENCH_LEVELS?.split(',');
// BENCH_RANGES=30d: only the default period.
const ranges = ([['30d', from30], ['365d', from365]] as const).filter(([l]) => !process.env.BENCH_RANGES || process.env.BENCH_RANGES.split(',').includes(l));
log({ step: 'measure', reps, rawReps, load: load() });
for (const [level, code, prefix] of levels) {
  if (onlyLevels && !onlyLevels.includes(level)) continue;
  for (const [label, from] of ranges) {
    const api: number[] = [];
    // BENCH_API=0: only the raw recount (e.g. on a database whose rollups are not built).
    for (let i = 0; i < (process.env.BENCH_API === '0' ? 0 : reps); i++) {
      const s = performance.now();
      const res = await session.request('GET', `/api/dashboards/summary?region=${code}&from=${from}&to=${to}`);
      api.push(performance.now() - s);
      if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
    }
    // The register and assessment figures of the region, its child table and its daily trend recounted from
    // the base tables (what a dashboard without rollups runs; the region's values are the children's sum).
    const raw: number[] = [];
    const cd = childDigits[level] as number;
    for (let i = 0; i < rawReps; i++) {
      const s = performance.now();
      await db.query(
        `SELECT substr(region_code, 1, $4) AS child, count(*) FILTER (WHERE created_at >= $2::date) AS new_persons, count(*) AS persons,
                count(*) FILTER (WHERE verification_status IN ('verified','corrected')) AS verified
           FROM persons WHERE region_code LIKE $1 AND merged_into IS NULL AND created_at < $3::date + 1 GROUP BY 1`,
        [`${prefix}%`, from, to, cd],
      );
      await db.query(
        `SELECT (created_at AT TIME ZONE 'Asia/Shanghai')::date AS d, count(*) FROM persons
          WHERE region_code LIKE $1 AND merged_into IS NULL AND created_at >= $2::date AND created_at < $3::date + 1 GROUP BY 1`,
        [`${prefix}%`, from, to],
      );
      // BENCH_RAW_ASSESSMENTS=0: persons only (e.g. while the assessments table is still being loaded).
      if (process.env.BENCH_RAW_ASSESSMENTS !== '0') {
      await db.query(
        `SELECT substr(region_code, 1, $4) AS child, instrument, count(*) AS completed, count(*) FILTER (WHERE rollup_assessment_positive(instrument, severity)) AS positive
           FROM assessments a WHERE region_code LIKE $1 AND status = 'submitted' AND completed_at >= $2::date AND completed_at < $3::date + 1
            AND NOT EXISTS (SELECT 1 FROM assessments n WHERE n.previous_id = a.id) GROUP BY 1, 2`,
        [`${prefix}%`, from, to, cd],
      );
      await db.query(
        `SELECT (completed_at AT TIME ZONE 'Asia/Shanghai')::date AS d, count(*), count(*) FILTER (WHERE rollup_assessment_positive(instrument, severity))
           FROM assessments a WHERE region_code LIKE $1 AND status = 'submitted' AND completed_at >= $2::date AND completed_at < $3::date + 1
            AND NOT EXISTS (SELECT 1 FROM assessments n WHERE n.previous_id = a.id) GROUP BY 1`,
        [`${prefix}%`, from, to],
      );
      }
      raw.push(performance.now() - s);
    }
    log({ step: 'summary', level, range: label, apiP50: pct(api, 50), apiP95: pct(api, 95), rawRecountP50: pct(raw, 50), rawRecountP95: pct(raw, 95), load: load() });
  }
}

// Population status (from its own rollup since migration 0700): a few requests per level and period.
for (const [level, code] of levels.slice(0, Number(process.env.BENCH_POPULATION_LEVELS ?? levels.length))) {
  for (const [label, from] of ranges) {
    const ms: number[] = [];
    for (let i = 0; i < Number(process.env.BENCH_POPULATION_REPS ?? 3); i++) {
      const s = performance.now();
      const res = await session.request('GET', `/api/dashboards/population?region=${code}&from=${from}&to=${to}`);
      ms.push(performance.now() - s);
      if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
    }
    log({ step: 'population', level, range: label, p50: pct(ms, 50), max: pct(ms, 100), load: load() });
  }
}

if (process.env.BENCH_BURST !== '0') {
  // Freshness: a burst of 20 000 registrations in 200 transactions, then the job's fold.
  const comms = (await db.query<{ code: string }>(`SELECT code FROM bench_comm ORDER BY idx LIMIT 200`)).map((r) => r.code);
  const todayNew = async () =>
    ((await session.request('GET', `/api/dashboards/summary?region=420000000000&from=${to}&to=${to}`)).json() as { values: Record<string, number> }).values[
      'register.new_persons'
    ] ?? 0;
  const before = await todayNew();
  t0 = performance.now();
  for (let i = 0; i < 200; i++) {
    await db.transaction((tx) =>
      tx.query(
        `INSERT INTO persons (name, sex, birth_date, region_code, created_at, updated_at) SELECT '新' || g, 'female', DATE '1980-01-01', $1, now(), now() FROM generate_series(1, 100) g`,
        [comms[i % comms.length]],
      ),
    );
  }
  const burstMs = performance.now() - t0;
  const pendingAfterBurst = (await new RollupRepository(db).pending()).count;
  // Reads are exact before any fold (pending changes are added at read time):
  const after = await todayNew();
  const readWithPending: number[] = [];
  for (let i = 0; i < reps; i++) {
    const s = performance.now();
    await session.request('GET', `/api/dashboards/summary?region=420000000000&from=${from30}&to=${to}`);
    readWithPending.push(performance.now() - s);
  }
  t0 = performance.now();
  const folded = await refreshRollups(ctx);
  const foldBurstMs = performance.now() - t0;
  const afterFold = await todayNew();
  log({
    step: 'freshness',
    burstRows: 20_000,
    burstSeconds: Math.round(burstMs / 100) / 10,
    pendingAfterBurst,
    newTodayBefore: before,
    newTodayAfterBurstUnfolded: after,
    newTodayAfterFold: afterFold,
    provinceP95WithPending: pct(readWithPending, 95),
    foldedChanges: folded,
    foldSeconds: Math.round(foldBurstMs / 100) / 10,
    worstCaseLagSeconds: Math.round((15_000 + foldBurstMs) / 100) / 10,
    load: load(),
  });
}

await app.close();
await ctx.db.close();

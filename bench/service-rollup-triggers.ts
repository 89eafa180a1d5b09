// Cost of the service families' rollup triggers (migrations 0670–0695) on real PostgreSQL: the same bulk
// statement timed with the family's trigger disabled and enabled (ratio = on / off), for follow-up tasks
// (insert, the hourly status job, closing), hotline calls (insert) and care visits (insert); then the fold
// of what the triggers logged.
// Usage: BENCH_ROWS=100000 node --import tsx bench/service-rollup-triggers.ts   (BENCH_PG=postgres://postgres@127.0.0.1:5432)
// Uses its own database (anxin_bench_h2_triggers), dropped at the end unless BENCH_KEEP=1.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig, openAppContext } from '@anxin/server';
import { refreshRollups } from '@anxin/server/modules/dashboards/refresh-rollups.ts';
import { makeAccount } from '@anxin/server/testing/factories.ts';

const rows = Number(process.env.BENCH_ROWS ?? 100_000);
const reps = Number(process.env.BENCH_REPS ?? 3);
const pg = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
const dbName = 'anxin_bench_h2_triggers';
const psql = (sql: string): void => {
  const r = spawnSync('psql', [pg, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
};
psql(`DROP DATABASE IF EXISTS ${dbName}`);
psql(`CREATE DATABASE ${dbName}`);
const log = (o: Record<string, unknown>) => console.log(JSON.stringify(o));
const load = () => loadavg().map((x) => Math.round(x * 100) / 100);

const ctx = await openAppContext(
  loadConfig({ DATABASE_URL: `${pg}/${dbName}`, ANXIN_DATA_DIR: mkdtempSync(join(tmpdir(), 'anxin-bench-h2-')), ANXIN_ENABLED_PROVINCES: '42', LOG_LEVEL: 'silent', ANXIN_JOBS: 'off' }),
);
const db = ctx.db;
const communities = (await db.query<{ code: string }>(`SELECT code FROM regions WHERE level = 'community' ORDER BY code LIMIT 200`)).map((r) => r.code);
if (communities.length === 0) throw new Error('no community regions: the bench needs the region tree');
const account = (await makeAccount(ctx, { role: 'platform_admin', regionCode: '000000000000' })).id;
await db.query(
  `INSERT INTO persons (name, sex, birth_date, region_code, verification_status, created_at)
   SELECT 'bench', 'female', DATE '1980-01-01', ($1::text[])[1 + i % array_length($1::text[], 1)], 'verified', now() FROM generate_series(1, $2::int) AS i`,
  [communities, rows],
);
await db.query(
  `INSERT INTO enrolments (person_id, program, region_code, enrolled_on, created_by, created_at, updated_at)
   SELECT id, 'key_population_other', region_code, DATE '2026-01-01', $1, now(), now() FROM persons`,
  [account],
);
const line = (await db.query<{ id: string }>(`INSERT INTO hotline_lines (number, name, region_code) VALUES ('12356', 'bench', '420100000000') RETURNING id`))[0]?.id;

/** Runs `reset` then `sql` with the trigger off and on, alternating, `reps` times; returns medians in ms. */
async function compare(name: string, table: string, trigger: string, reset: string, sql: string, params: unknown[] = []): Promise<void> {
  const off: number[] = [];
  const on: number[] = [];
  for (let i = 0; i < reps; i++) {
    for (const enabled of [false, true]) {
      await db.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
      await db.query(reset);
      await db.query(`DELETE FROM rollup_delta`);
      await db.query(`VACUUM ANALYZE ${table}`);
      if (enabled) await db.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
      const s = performance.now();
      await db.query(sql, params);
      (enabled ? on : off).push(performance.now() - s);
    }
  }
  await db.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
  const med = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0);
  const logged = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM rollup_delta`))[0]?.n;
  log({ step: name, rows, offMs: med(off), onMs: med(on), ratio: Math.round((med(on) / Math.max(1, med(off))) * 100) / 100, deltaRows: logged, load: load() });
}

const insertTasks = `INSERT INTO followup_tasks (enrolment_id, person_id, program, region_code, due_date, window_start, window_end, status, rule, created_at)
  SELECT id, person_id, program, region_code, DATE '2026-03-01' + (hashtext(id::text) & 63), DATE '2026-03-01' + (hashtext(id::text) & 63) - 3,
         DATE '2026-03-01' + (hashtext(id::text) & 63) + 3, 'scheduled', 'routine', now() FROM enrolments`;
await compare('followup_tasks insert', 'followup_tasks', 'rollup_followup_tasks', 'DELETE FROM followup_tasks', insertTasks);
await compare(
  'followup status job (scheduled→overdue)',
  'followup_tasks',
  'rollup_followup_tasks',
  `UPDATE followup_tasks SET status = 'scheduled'`,
  `UPDATE followup_tasks SET status = 'overdue' WHERE status IN ('scheduled', 'due') AND window_end < DATE '2026-06-01'`,
);
await compare(
  'followup close (→ done)',
  'followup_tasks',
  'rollup_followup_tasks',
  `UPDATE followup_tasks SET status = 'scheduled', closed_at = NULL`,
  `UPDATE followup_tasks SET status = 'done', closed_at = now()`,
);
await compare(
  'hotline_calls insert',
  'hotline_calls',
  'rollup_hotline_calls',
  'DELETE FROM hotline_calls',
  `INSERT INTO hotline_calls (line_id, region_code, external_id, source, offered_at, answered_at, ended_at, record_status, problems)
   SELECT $1, '420100000000', 'c' || i, 'cti', now() - make_interval(mins => i), now() - make_interval(mins => i) + interval '9 seconds', now(), 'filed',
          '[{"category":"emotion"},{"category":"family"}]'::jsonb FROM generate_series(1, $2::int) AS i`,
  [line, rows],
);
await compare(
  'care_visits insert',
  'care_visits',
  'rollup_care_visits',
  'DELETE FROM care_visits',
  `INSERT INTO care_visits (person_id, region_code, visit_date, visitor_id, recovery_situation, economic_situation, needs, created_at)
   SELECT id, region_code, DATE '2026-03-02', $1, 'stable', 'tight', '[{"type":"financial","urgency":"routine"}]'::jsonb, now() FROM persons`,
  [account],
);
// The fold of one trigger-logged insert of every task.
await db.query(`ALTER TABLE followup_tasks DISABLE TRIGGER rollup_followup_tasks`);
await db.query(`DELETE FROM followup_tasks`);
await db.query(`DELETE FROM rollup_delta`);
await db.query(`ALTER TABLE followup_tasks ENABLE TRIGGER rollup_followup_tasks`);
await db.query(insertTasks);
const pending = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM rollup_delta`))[0]?.n;
const s = performance.now();
await refreshRollups(ctx);
log({ step: 'fold of the task inserts', deltaRows: pending, ms: Math.round(performance.now() - s), load: load() });
await ctx.db.close();
if (process.env.BENCH_KEEP !== '1') psql(`DROP DATABASE ${dbName}`);

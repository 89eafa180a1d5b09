// One shared benchmark dataset on real PostgreSQL for the search (issue 3), follow-up worklist (issue 5)
// and dashboard (issue 8) benches: persons with encrypted identifiers over 湖北's communities, follow-up
// enrolments and tasks, and assessments, loaded fast (COPY / INSERT … SELECT generate_series) with the
// tables' user triggers disabled and their keys and indexes dropped, then rebuilt from the very
// definitions the migrations created (read back from the catalogue), and VACUUM ANALYZE after each stage.
// Usage: BENCH_PERSONS=10000000 BENCH_TASKS=30000000 BENCH_ASSESSMENTS=50000000 node --import tsx bench/scale-dataset.ts
//          [--drop] [--stage persons|followup|assessments]… [--schema-only]   (BENCH_DATABASE=anxin_bench_scale, BENCH_PG=…)
// Then point a bench (or `anxin serve`) at it with scaleEnv() from bench/scale-common.ts. See docs/benchmarks.md.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { getInstrument, listInstruments, makeNationalId, scoreInstrument } from '@anxin/domain';
import { optionsForItem } from '@anxin/domain/instruments/instrument-definition.ts';
import { loadConfig, migrate, openDatabase } from '@anxin/server';
import { loadDivisions } from '@anxin/server/modules/regions/load-divisions.ts';
import { FieldCipher } from '@anxin/server/privacy/field-cipher.ts';
import { loadOrCreateKeyRing } from '@anxin/server/privacy/key-store.ts';
import { headMigrations, rewindToHead } from './scale-schema.ts';
import { hashPassword } from '@anxin/server/modules/auth/password-hasher.ts';
import { localDate } from '@anxin/server/modules/followup/followup-common.ts';
import { PERSON_CONTEXT, nationalIdIndex, phoneIndex } from '@anxin/server/modules/persons/person-crypto.ts';
import { GIVEN_CHARS, SURNAME_CHARS, prng } from '@anxin/server/demo/synthetic-persons.ts';
import {
  SCALE_DATABASE,
  SCALE_KEY_FILE,
  SCALE_PASSWORD,
  SCALE_PG,
  communityIdx,
  communityIdxSql,
  createdMinutesAgo,
  createdMinutesAgoSql,
  personId,
  personIdSql,
  scaleEnv,
} from './scale-common.ts';

const PERSONS = Number(process.env.BENCH_PERSONS ?? 100_000);
const TASKS = Number(process.env.BENCH_TASKS ?? PERSONS * 3);
const ASSESSMENTS = Number(process.env.BENCH_ASSESSMENTS ?? PERSONS * 5);
// A summary of what the database holds, next to the bench key file (the other benches read facts from the database itself).
const READY_FILE = process.env.BENCH_READY_FILE ?? join(dirname(SCALE_KEY_FILE), 'scale-ready.json');
const MIN_FREE_GB = 15;
const STAGES = ['persons', 'followup', 'assessments'] as const;
type Stage = (typeof STAGES)[number];

const args = process.argv.slice(2);
const drop = args.includes('--drop');
const chosen = args.flatMap((a, i) => (a === '--stage' ? [args[i + 1] ?? ''] : []));
for (const s of chosen) if (!STAGES.includes(s as Stage)) throw new Error(`unknown stage '${s}' (persons, followup, assessments)`);
const stages: Stage[] = args.includes('--schema-only') ? [] : chosen.length > 0 ? STAGES.filter((s) => chosen.includes(s)) : [...STAGES];

const log = (o: Record<string, unknown>) => console.log(JSON.stringify({ at: new Date().toISOString().slice(11, 19), ...o }));
const load = () => loadavg().map((x) => Math.round(x * 100) / 100);
const psql = (sql: string, db = 'postgres'): string => {
  const r = spawnSync('psql', [`${SCALE_PG}/${db}`, '-v', 'ON_ERROR_STOP=1', '-qAtc', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
};
function freeGb(): number {
  const r = spawnSync('df', ['-B1', '--output=avail', '/'], { encoding: 'utf8' });
  return Number(r.stdout.trim().split('\n')[1]) / 1e9;
}
function checkDisk(stage: string): void {
  const gb = freeGb();
  log({ step: 'disk', stage, freeGb: Math.round(gb) });
  if (gb < MIN_FREE_GB) throw new Error(`only ${gb.toFixed(1)} GB free: stopping before stage ${stage}`);
}

// ---- database, schema (the server's migrations), 湖北 regions, fixed key ----
if (drop) psql(`DROP DATABASE IF EXISTS ${SCALE_DATABASE}`);
if (psql(`SELECT count(*) FROM pg_database WHERE datname = '${SCALE_DATABASE}'`) === '0') psql(`CREATE DATABASE ${SCALE_DATABASE}`);
const env = scaleEnv();
const dbUrl = env.DATABASE_URL as string;
const config = loadConfig(env);
// The committed schema (HEAD's migrations), not the working tree's: see bench/scale-schema.ts.
const db = await openDatabase(config);
const migrated = (await db.query<{ ok: boolean }>(`SELECT to_regclass('schema_migrations') IS NOT NULL AS ok`))[0]?.ok;
if (!migrated) {
  await migrate(db, headMigrations());
} else {
  const pending = (await db.query<{ n: number }>(`SELECT CASE WHEN to_regclass('bench_saved_ddl') IS NULL THEN 0 ELSE (SELECT count(*)::int FROM bench_saved_ddl) END AS n`))[0]?.n;
  if (pending) log({ step: 'rewind_skipped', reason: 'a stage was interrupted with its keys dropped; rerun that stage' });
  else {
    // Only when an applied migration is not HEAD's (the catalogue comparison waits for other sessions' locks).
    const head = new Map(headMigrations().map((m) => [m.version, m.checksum]));
    const applied = await db.query<{ version: number; checksum: string }>(`SELECT version, checksum FROM schema_migrations`);
    if (applied.some((m) => head.get(m.version) !== m.checksum)) await rewindToHead(SCALE_PG, SCALE_DATABASE, log);
    log({ step: 'migrate', applied: (await migrate(db, headMigrations())).applied });
  }
}
await loadDivisions(db, config.enabledProvinces);
const ctx = { config, db, cipher: new FieldCipher(loadOrCreateKeyRing(config.keyFile)), clock: () => new Date() };
const c = new pg.Client({ connectionString: dbUrl });
await c.connect();
const q = async <T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> => (await c.query(sql, params)).rows as T[];
await q(`SET maintenance_work_mem = '1GB'`);
await q(`SET synchronous_commit = off`);
await q(`SET work_mem = '512MB'`);
await q(`SET max_parallel_maintenance_workers = 1`);
await q(`SET timezone = '${ctx.config.timeZone}'`);

// ---- bench tables: communities (idx by code: 武汉 first), meta, saved DDL ----
await q(`CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value text NOT NULL)`);
await q(`CREATE TABLE IF NOT EXISTS bench_saved_ddl (stage text NOT NULL, ord int NOT NULL, kind text NOT NULL, tbl text NOT NULL, name text NOT NULL, def text NOT NULL)`);
const meta = async (key: string): Promise<string | undefined> => (await q<{ value: string }>(`SELECT value FROM bench_meta WHERE key = $1`, [key]))[0]?.value;
const setMeta = (key: string, value: string) => q(`INSERT INTO bench_meta VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [key, value]);

if ((await meta('accounts')) !== 'done') await setupAccounts();
const [{ n_all: nAll, n_wuhan: nWuhan } = { n_all: 0, n_wuhan: 0 }] = await q<{ n_all: number; n_wuhan: number }>(
  `SELECT count(*)::int AS n_all, count(*) FILTER (WHERE code LIKE '4201%')::int AS n_wuhan FROM bench_comm`,
);
if (nAll === 0 || nWuhan === 0) throw new Error('no 湖北 communities loaded');

async function setupAccounts(): Promise<void> {
  const t0 = performance.now();
  await q(`DROP TABLE IF EXISTS bench_comm`);
  await q(`CREATE TABLE bench_comm AS
           SELECT (row_number() OVER (ORDER BY code) - 1)::int AS idx, code, parent_code AS street, substr(code, 1, 6) || '000000' AS county
             FROM regions WHERE code LIKE '42%' AND level = 'community'`);
  await q(`ALTER TABLE bench_comm ADD PRIMARY KEY (idx)`);
  const hash = await hashPassword(SCALE_PASSWORD);
  await q(`DELETE FROM team_members; DELETE FROM team_regions; DELETE FROM teams; DELETE FROM role_assignments`);
  await q(`DELETE FROM accounts WHERE username ~ '^(grid|doctor|city|province)_'`);
  // A grid worker per community (grid_<idx>), a grassroots team per street covering it.
  await q(`INSERT INTO accounts (username, display_name, password_hash, designated_post) SELECT 'grid_' || idx, '网格员' || idx, $1, 'community_worker' FROM bench_comm`, [hash]);
  await q(`ALTER TABLE bench_comm ADD COLUMN account_id uuid, ADD COLUMN team_id uuid`);
  await q(`UPDATE bench_comm c SET account_id = a.id FROM accounts a WHERE a.username = 'grid_' || c.idx`);
  await q(`INSERT INTO role_assignments (account_id, role, region_code) SELECT account_id, 'grid_worker', code FROM bench_comm`);
  await q(`INSERT INTO teams (name, kind, region_code) SELECT DISTINCT '基层服务队' || street, 'grassroots_service', street FROM bench_comm`);
  await q(`INSERT INTO team_regions (team_id, region_code) SELECT id, region_code FROM teams`);
  await q(`UPDATE bench_comm c SET team_id = t.id FROM teams t WHERE t.region_code = c.street`);
  await q(`INSERT INTO team_members (team_id, account_id) SELECT team_id, account_id FROM bench_comm`);
  // County doctors (doctor_<i>, 武汉's counties by code), city admins of 武汉 (city_0…4), province admins (province_0…4).
  await q(`INSERT INTO accounts (username, display_name, password_hash, designated_post)
           SELECT 'doctor_' || (row_number() OVER (ORDER BY code) - 1), '区级医生' || name, $1, 'county_specialist'
             FROM regions WHERE parent_code = '420100000000' AND level = 'county'`, [hash]);
  await q(`INSERT INTO role_assignments (account_id, role, region_code)
           SELECT a.id, 'primary_care_doctor', r.code FROM (SELECT code, 'doctor_' || (row_number() OVER (ORDER BY code) - 1) AS u
             FROM regions WHERE parent_code = '420100000000' AND level = 'county') r JOIN accounts a ON a.username = r.u`);
  for (const [prefix, region] of [['city', '420100000000'], ['province', '420000000000']] as const) {
    await q(`INSERT INTO accounts (username, display_name, password_hash) SELECT '${prefix}_' || i, '${prefix}_' || i, $1 FROM generate_series(0, 4) i`, [hash]);
    await q(`INSERT INTO role_assignments (account_id, role, region_code) SELECT id, 'health_admin', $1 FROM accounts WHERE username LIKE '${prefix}\\_%'`, [region]);
  }
  await q(`ANALYZE bench_comm`);
  await setMeta('accounts', 'done');
  log({ step: 'accounts', ms: Math.round(performance.now() - t0) });
}

// ---- bulk-load frame: drop keys/indexes (saved first), disable user triggers, load, rebuild ----
interface Ddl {
  ord: number;
  kind: 'fk' | 'key' | 'index';
  tbl: string;
  name: string;
  def: string;
}
async function dropForLoad(stage: Stage, tables: string[]): Promise<Ddl[]> {
  let saved = await q<Ddl>(`SELECT ord, kind, tbl, name, def FROM bench_saved_ddl WHERE stage = $1 ORDER BY ord`, [stage]);
  if (saved.length === 0) {
    const oids = tables.map((t) => `'${t}'::regclass`).join(', ');
    const rows = await q<Omit<Ddl, 'ord'>>(
      `SELECT 'fk' AS kind, conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def
         FROM pg_constraint WHERE contype = 'f' AND (conrelid IN (${oids}) OR confrelid IN (${oids}))
       UNION ALL
       SELECT 'key', conrelid::regclass::text, conname, pg_get_constraintdef(oid)
         FROM pg_constraint WHERE contype IN ('p', 'u') AND conrelid IN (${oids})
       UNION ALL
       SELECT 'index', i.indrelid::regclass::text, i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
         FROM pg_index i WHERE i.indrelid IN (${oids}) AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))`,
    );
    saved = rows.map((r, ord) => ({ ...r, ord }));
    await q(`BEGIN`);
    for (const d of saved) await q(`INSERT INTO bench_saved_ddl VALUES ($1, $2, $3, $4, $5, $6)`, [stage, d.ord, d.kind, d.tbl, d.name, d.def]);
    await q(`COMMIT`);
  }
  for (const kind of ['fk', 'key', 'index'] as const)
    for (const d of saved.filter((x) => x.kind === kind))
      await q(kind === 'index' ? `DROP INDEX IF EXISTS ${d.name}` : `ALTER TABLE ${d.tbl} DROP CONSTRAINT IF EXISTS ${d.name}`);
  for (const t of tables) await q(`ALTER TABLE ${t} DISABLE TRIGGER USER`);
  log({ step: 'dropped', stage, keys: saved.filter((d) => d.kind === 'key').length, indexes: saved.filter((d) => d.kind === 'index').length, fks: saved.filter((d) => d.kind === 'fk').length });
  return saved;
}
async function rebuildAfterLoad(stage: Stage, tables: string[], saved: Ddl[]): Promise<Record<string, number>> {
  const timings: Record<string, number> = {};
  for (const kind of ['key', 'index', 'fk'] as const)
    for (const d of saved.filter((x) => x.kind === kind)) {
      const t0 = performance.now();
      await q(kind === 'index' ? d.def : `ALTER TABLE ${d.tbl} ADD CONSTRAINT ${d.name} ${d.def}`);
      timings[`${kind}:${d.name}`] = Math.round((performance.now() - t0) / 100) / 10;
    }
  for (const t of tables) await q(`ALTER TABLE ${t} ENABLE TRIGGER USER`);
  await q(`DELETE FROM bench_saved_ddl WHERE stage = $1`, [stage]);
  log({ step: 'rebuilt', stage, seconds: timings });
  return timings;
}
async function vacuum(tables: string[]): Promise<number> {
  const t0 = performance.now();
  for (const t of tables) await q(`VACUUM ANALYZE ${t}`);
  return Math.round((performance.now() - t0) / 100) / 10;
}

// ---- stage: persons (Node generates, COPY loads) ----
async function stagePersons(): Promise<Record<string, unknown>> {
  const tables = ['persons', 'person_categories'];
  const saved = await dropForLoad('persons', tables);
  // The reference time every created_at / completed_at counts back from (whole minute).
  const ref = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  await setMeta('ref_time', ref.toISOString());
  await setMeta('persons', String(PERSONS));
  const t0 = performance.now();
  const comms = await q<{ idx: number; code: string }>(`SELECT idx, code FROM bench_comm ORDER BY idx`);
  const codes = comms.map((r) => r.code);
  const cols = 'id, name, sex, birth_date, national_id_enc, national_id_bidx, phone_enc, phone_bidx, region_code, verification_status, deceased_on, created_at, updated_at';
  const child = spawn('psql', [dbUrl, '-v', 'ON_ERROR_STOP=1', '-q'], { stdio: ['pipe', 'inherit', 'inherit'] });
  const done = once(child, 'exit');
  const write = async (s: string) => {
    if (!child.stdin.write(s)) await once(child.stdin, 'drain');
  };
  await write(`BEGIN;\nTRUNCATE persons, person_categories;\nCOPY persons (${cols}) FROM STDIN WITH (FREEZE);\n`);
  // Surnames weighted roughly by frequency rank (王 李 张 … first in the list): ~6 % 王, ~5 % 李, a long tail.
  const weights = SURNAME_CHARS.map((_, r) => 1 / (r + 5));
  const totalW = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  weights.reduce((acc, w) => (cumulative.push((acc + w) / totalW), acc + w), 0);
  const surname = (x: number) => SURNAME_CHARS[cumulative.findIndex((v) => x < v)] ?? SURNAME_CHARS[0];
  const STATUS: Array<[number, string]> = [[0.2, 'pending'], [0.8, 'verified'], [0.88, 'corrected'], [0.92, 'not_found'], [0.97, 'moved'], [1, 'deceased']];
  const rand = prng(20200123);
  const DAY = 86_400_000;
  const BIRTH_START = Date.UTC(1930, 0, 1);
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  let buf = '';
  for (let g = 0; g < PERSONS; g++) {
    const code = codes[communityIdx(g, nWuhan, nAll)] as string;
    const sex = rand() < 0.5 ? 'male' : 'female';
    const birth = iso(BIRTH_START + (g % 27_000) * DAY);
    const hasId = rand() >= 0.02;
    const nid = hasId ? makeNationalId(code.slice(0, 6), birth, Math.floor(g / 27_000) % 500, sex) : undefined;
    const given = () => GIVEN_CHARS[Math.floor(rand() * GIVEN_CHARS.length)] as string;
    const name = surname(rand()) + given() + (rand() < 0.7 ? given() : '');
    const phone = rand() < 0.9 ? `1${'3589'[Math.floor(rand() * 4)]}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}` : undefined;
    const r = rand();
    const status = STATUS.find(([p]) => r < p)?.[1] ?? 'verified';
    const created = new Date(ref.getTime() - createdMinutesAgo(g) * 60_000).toISOString();
    buf += `${personId(g)}\t${name}\t${sex}\t${birth}\t${nid ? ctx.cipher.encrypt(nid, PERSON_CONTEXT.nationalId) : '\\N'}\t${nid ? nationalIdIndex(ctx.cipher, nid) : '\\N'}\t${
      phone ? ctx.cipher.encrypt(phone, PERSON_CONTEXT.phone) : '\\N'
    }\t${phone ? phoneIndex(ctx.cipher, phone) : '\\N'}\t${code}\t${status}\t${status === 'deceased' ? created.slice(0, 10) : '\\N'}\t${created}\t${created}\n`;
    if (buf.length > 1 << 17) {
      await write(buf);
      buf = '';
    }
    if (g > 0 && g % 1_000_000 === 0) log({ step: 'persons', rows: g, seconds: Math.round((performance.now() - t0) / 1000), load: load() });
  }
  await write(`${buf}\\.\nCOMMIT;\n`);
  child.stdin.end();
  const [code] = (await done) as [number];
  if (code !== 0) throw new Error(`psql COPY exited with ${code}`);
  const copySeconds = Math.round((performance.now() - t0) / 1000);
  log({ step: 'persons_copied', rows: PERSONS, seconds: copySeconds, load: load() });
  // ~0.5 category memberships per person (every other person, one category), as the import records them.
  const t1 = performance.now();
  await q(
    `INSERT INTO person_categories (person_id, category, source, valid_from, created_at)
     SELECT id, (ARRAY['recovered_patient','patient_family','bereaved_family','frontline_medical','minimum_allowance','elderly_special_difficulty','disability','student','severe_mental_disorder','patient_family'])[1 + ((hashtext(id::text) >> 1) & 2147483647) % 10],
            'import', created_at::date, created_at
       FROM persons WHERE hashtext(id::text) & 1 = 0`,
  );
  const categorySeconds = Math.round((performance.now() - t1) / 1000);
  const t2 = performance.now();
  const rebuild = await rebuildAfterLoad('persons', tables, saved);
  const rebuildSeconds = Math.round((performance.now() - t2) / 1000);
  const vacuumSeconds = await vacuum(tables);
  return { copySeconds, categorySeconds, rebuildSeconds, vacuumSeconds, rebuild };
}

// ---- stage: follow-up (SQL generate_series in chunks) ----
async function stageFollowup(): Promise<Record<string, unknown>> {
  const persons = Number(await meta('persons'));
  if (!persons) throw new Error('run the persons stage first');
  const tables = ['enrolments', 'followup_tasks'];
  const saved = await dropForLoad('followup', tables);
  await q(`TRUNCATE enrolments, followup_tasks`);
  const ref = await meta('ref_time');
  const today = localDate(new Date(), ctx.config.timeZone);
  await setMeta('followup_today', today);
  const [creator] = await q<{ id: string }>(`SELECT id FROM accounts WHERE username = 'province_0'`);
  // 3 of every 4 persons are enrolled (one active enrolment each, one open task); closed history fills the rest.
  const enrolled = persons - Math.floor((persons + 1) / 4);
  const history = Math.max(0, TASKS - enrolled);
  const full = Math.floor(history / enrolled);
  const extraPerMille = Math.round((history / enrolled - full) * 1000);
  const kmax = full + (extraPerMille > 0 ? 1 : 0);
  const ci = communityIdxSql('g', nWuhan, nAll);
  const cx = communityIdxSql('x.g', nWuhan, nAll);
  const programSql = `CASE WHEN g % 10 < 2 THEN 'severe_mental_disorder' WHEN g % 10 < 7 THEN 'recovered_patient_counseling' ELSE 'key_population_other' END`;
  const t0 = performance.now();
  const chunk = 500_000;
  for (let a = 0; a < persons; a += chunk) {
    const b = Math.min(persons, a + chunk) - 1;
    await q(`BEGIN`);
    await q(
      `INSERT INTO enrolments (id, person_id, program, region_code, team_id, worker_id, status, enrolled_on, created_by, created_at, updated_at)
       SELECT md5('e' || g)::uuid, ${personIdSql('g')},
              ${programSql},
              c.code, c.team_id, c.account_id, 'active', (e.at)::date, $4, e.at, e.at
         FROM generate_series($1::int, $2::int) g
         JOIN bench_comm c ON c.idx = ${ci}
         CROSS JOIN LATERAL (SELECT $3::timestamptz - (${createdMinutesAgoSql('g')} / 2) * interval '1 minute' AS at) e
        WHERE g % 4 <> 3`,
      [a, b, ref, creator?.id],
    );
    // The one open next follow-up per enrolment: due from 30 days ago to 180 days ahead. Every column follows
    // from g (no read of enrolments, whose keys are dropped during the load).
    const owner = `SELECT g, md5('e' || g)::uuid AS enrolment_id, ${personIdSql('g')} AS person_id, ${programSql} AS program,
                          $3::date + ((g::bigint * 2246822519 % 4294967296) % 211)::int - 30 AS d,
                          $4::timestamptz - (${createdMinutesAgoSql('g')} / 2) * interval '1 minute' AS enrolled_at
                     FROM generate_series($1::int, $2::int) g WHERE g % 4 <> 3`;
    await q(
      `INSERT INTO followup_tasks (enrolment_id, person_id, program, region_code, team_id, worker_id, due_date, window_start, window_end, status, rule, created_at)
       SELECT x.enrolment_id, x.person_id, x.program, c.code, c.team_id, c.account_id, d, d - 3, d + 3,
              CASE WHEN d + 3 < $3::date THEN 'overdue' WHEN d - 3 <= $3::date THEN 'due' ELSE 'scheduled' END,
              CASE WHEN x.program = 'severe_mental_disorder' THEN 'smd_stable' ELSE 'routine' END, x.enrolled_at
         FROM (${owner}) x JOIN bench_comm c ON c.idx = ${cx}`,
      [a, b, today, ref],
    );
    // Closed history: every ~90 days before the open one (done, some unreachable or cancelled).
    if (kmax > 0)
      await q(
        `INSERT INTO followup_tasks (enrolment_id, person_id, program, region_code, team_id, worker_id, due_date, window_start, window_end, status, rule, created_at, closed_at, cancel_reason)
         SELECT x.enrolment_id, x.person_id, x.program, c.code, c.team_id, c.account_id, hd, hd - 14, hd + 14, s,
                CASE WHEN x.program = 'severe_mental_disorder' THEN 'smd_stable' ELSE 'routine' END,
                (hd - 30)::timestamptz, hd::timestamptz + interval '10 hours', CASE WHEN s = 'cancelled' THEN 'bench' END
           FROM (SELECT o.*, o.d - 90 * k AS hd,
                        CASE WHEN (o.g + k) % 20 = 0 THEN 'cancelled' WHEN (o.g + k) % 10 = 1 THEN 'unreachable' ELSE 'done' END AS s
                   FROM (${owner}) o CROSS JOIN generate_series(1, ${kmax}) k
                  WHERE k <= ${full} OR o.g % 1000 < ${extraPerMille}) x
           JOIN bench_comm c ON c.idx = ${cx}`,
        [a, b, today, ref],
      );
    await q(`COMMIT`);
    log({ step: 'followup', persons: b + 1, seconds: Math.round((performance.now() - t0) / 1000), load: load() });
  }
  const loadSeconds = Math.round((performance.now() - t0) / 1000);
  const t2 = performance.now();
  const rebuild = await rebuildAfterLoad('followup', tables, saved);
  const rebuildSeconds = Math.round((performance.now() - t2) / 1000);
  const vacuumSeconds = await vacuum(tables);
  return { loadSeconds, rebuildSeconds, vacuumSeconds, rebuild, today };
}

// ---- stage: assessments (scored answer pool from the domain's scorers, then SQL generate_series) ----
const INSTRUMENT_SHARE: Array<[string, number]> = [['phq9', 35], ['gad7', 30], ['who5', 10], ['k10', 8], ['phq15', 7], ['pcl5', 5], ['k6', 5]];
const POOL = 64;
async function answerPool(): Promise<void> {
  await q(`DROP TABLE IF EXISTS bench_answer_pool`);
  await q(`CREATE TABLE bench_answer_pool (slot int PRIMARY KEY, instrument text, version text, answers jsonb, total int, severity text, complete boolean, subscales jsonb, derived jsonb)`);
  const rand = prng(4711);
  const known = new Set(listInstruments().map((i) => i.definition.id));
  for (const [ii, [id]] of INSTRUMENT_SHARE.entries()) {
    if (!known.has(id)) throw new Error(`instrument ${id} is not registered`);
    const def = getInstrument(id).definition;
    for (let k = 0; k < POOL; k++) {
      // A latent level skewed low (most people screen negative), inverted for WHO-5 (higher = better).
      const latent = Math.pow(k / POOL, 4);
      const answers = def.items.map((_, i) => {
        const scores = optionsForItem(def, i).map((o) => o.score).sort((a, b) => a - b);
        const level = id === 'who5' ? 1 - latent : latent;
        const pos = Math.min(scores.length - 1, Math.max(0, Math.round(level * (scores.length - 1) + (rand() - 0.5) * 1.6)));
        return scores[pos] as number;
      });
      const r = scoreInstrument(id, answers, { version: def.version });
      await q(`INSERT INTO bench_answer_pool VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8::jsonb, $9::jsonb)`, [
        ii * POOL + k,
        id,
        def.version,
        JSON.stringify(answers),
        r.total,
        r.severity,
        r.complete,
        JSON.stringify(r.subscales),
        r.derived ? JSON.stringify(r.derived) : null,
      ]);
    }
  }
}
async function stageAssessments(): Promise<Record<string, unknown>> {
  const persons = Number(await meta('persons'));
  if (!persons) throw new Error('run the persons stage first');
  const tables = ['assessments'];
  const ref = await meta('ref_time');
  // Rows are generated into an unlogged staging table first (no lock on assessments, so a long reader such
  // as a rollup rebuild does not hold the generation up), resumable by chunk; then moved in one INSERT.
  let staged = Number((await meta('assessments_staged')) ?? -1);
  if (staged < 0) {
    await answerPool();
    await q(`DROP TABLE IF EXISTS bench_assessments_stage`);
    await q(`CREATE UNLOGGED TABLE bench_assessments_stage (LIKE assessments INCLUDING DEFAULTS)`);
    staged = 0;
    await setMeta('assessments_staged', '0');
  }
  // Instrument by share (j mod 100), pool slot by hash; person by hash; completed after the person registered.
  const shareCase = `CASE ${INSTRUMENT_SHARE.reduce<{ sql: string; acc: number }>(
    (o, [, share], i) => ({ sql: `${o.sql} WHEN j % 100 < ${o.acc + share} THEN ${i}`, acc: o.acc + share }),
    { sql: '', acc: 0 },
  ).sql} END`;
  const ci = communityIdxSql('x.g', nWuhan, nAll);
  const t0 = performance.now();
  const chunk = 2_000_000;
  for (let a = staged; a < ASSESSMENTS; a += chunk) {
    const b = Math.min(ASSESSMENTS, a + chunk) - 1;
    await q(
      `INSERT INTO bench_assessments_stage (id, person_id, region_code, instrument, instrument_version, mode, language, status, answers, total, severity,
                                complete, subscales, derived, administered_by, created_at, updated_at, completed_at)
       SELECT md5('a' || x.j)::uuid, ${personIdSql('x.g')}, c.code, p.instrument, p.version, x.mode, 'zh', 'submitted', p.answers, p.total, p.severity,
              p.complete, p.subscales, p.derived, CASE WHEN x.mode = 'self' THEN NULL ELSE c.account_id END,
              x.done - interval '7 minutes', x.done, x.done
         FROM (SELECT j, g, (ARRAY['in_person','phone','self'])[1 + j % 3] AS mode,
                      ${shareCase} * ${POOL} + ((j::bigint * 2246822519 % 4294967296) % ${POOL})::int AS slot,
                      $3::timestamptz - ((j::bigint * 7907 % 1000003) * ${createdMinutesAgoSql('g')} / 1000003) * interval '1 minute'
                        + (j % 60) * interval '1 second' AS done
                 FROM (SELECT j, ((j::bigint * 2654435761 % 4294967296) % ${persons})::int AS g FROM generate_series($1::int, $2::int) j) s) x
         JOIN bench_answer_pool p ON p.slot = x.slot
         JOIN bench_comm c ON c.idx = ${ci}`,
      [a, b, ref],
    );
    await setMeta('assessments_staged', String(b + 1));
    log({ step: 'assessments_staged', rows: b + 1, seconds: Math.round((performance.now() - t0) / 1000), load: load() });
  }
  const generateSeconds = Math.round((performance.now() - t0) / 1000);
  checkDisk('assessments (move from staging)');
  const t1 = performance.now();
  const saved = await dropForLoad('assessments', tables);
  const lockWaitSeconds = Math.round((performance.now() - t1) / 1000);
  const t3 = performance.now();
  await q(`BEGIN`);
  await q(`TRUNCATE assessments`);
  await q(`INSERT INTO assessments SELECT * FROM bench_assessments_stage`);
  await q(`COMMIT`);
  await q(`DROP TABLE bench_assessments_stage`);
  await q(`DELETE FROM bench_meta WHERE key = 'assessments_staged'`);
  const loadSeconds = Math.round((performance.now() - t3) / 1000);
  log({ step: 'assessments_moved', rows: ASSESSMENTS, seconds: loadSeconds, load: load() });
  const t2 = performance.now();
  const rebuild = await rebuildAfterLoad('assessments', tables, saved);
  const rebuildSeconds = Math.round((performance.now() - t2) / 1000);
  const vacuumSeconds = await vacuum(tables);
  return { generateSeconds, lockWaitSeconds, loadSeconds, rebuildSeconds, vacuumSeconds, rebuild };
}

// ---- run, record, publish ----
const SIZE_TABLES = ['persons', 'person_categories', 'enrolments', 'followup_tasks', 'assessments'];
async function facts(): Promise<{ counts: Record<string, number>; sizes: Record<string, string> }> {
  const counts: Record<string, number> = {};
  const sizes: Record<string, string> = {};
  for (const t of SIZE_TABLES) {
    const [r] = await q<{ n: number; size: string }>(`SELECT count(*)::int AS n, pg_size_pretty(pg_total_relation_size('${t}')) AS size FROM ${t}`);
    counts[t] = r?.n ?? 0;
    sizes[t] = r?.size ?? '';
  }
  const [open] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM followup_tasks WHERE status IN ('scheduled','due','overdue')`);
  counts.followup_tasks_open = open?.n ?? 0;
  const [db] = await q<{ size: string }>(`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`);
  sizes.database = db?.size ?? '';
  return { counts, sizes };
}
function publish(stage: Stage, timing: Record<string, unknown>, f: Awaited<ReturnType<typeof facts>>): void {
  const prev = existsSync(READY_FILE) ? (JSON.parse(readFileSync(READY_FILE, 'utf8')) as Record<string, unknown>) : {};
  const stagesDone = { ...((prev.stages as Record<string, unknown> | undefined) ?? {}), [stage]: { done: true, finishedAt: new Date().toISOString(), ...timing, load: load() } };
  const doc = {
    ...prev,
    stage,
    done: true,
    database: SCALE_DATABASE,
    databaseUrl: dbUrl,
    target: { persons: PERSONS, tasks: TASKS, assessments: ASSESSMENTS },
    counts: f.counts,
    sizes: f.sizes,
    stages: stagesDone,
    fieldKeyConfig: {
      ANXIN_KEY_FILE: SCALE_KEY_FILE,
      note: 'fixed bench key ring; recreate the file with writeScaleKeyFile() from bench/scale-common.ts (or call scaleEnv(), which returns DATABASE_URL, ANXIN_KEY_FILE, ANXIN_DATA_DIR, ANXIN_ENABLED_PROVINCES=42, LOG_LEVEL, ANXIN_JOBS=off)',
    },
    accounts: {
      password: SCALE_PASSWORD,
      gridWorkers: "grid_<idx> (role grid_worker at community bench_comm.code; idx 0… are 武汉's communities by code, bench_comm has idx, code, street, county, account_id, team_id)",
      teams: "one grassroots_service team per street ('基层服务队' || street), team_regions = the street, members = its grid workers",
      countyDoctors: "doctor_<i> (primary_care_doctor at 武汉's i-th county by code)",
      cityAdmins: 'city_0 … city_4 (health_admin at 420100000000)',
      provinceAdmins: 'province_0 … province_4 (health_admin at 420000000000)',
    },
    notes: [
      'person g (0…N-1): id = md5(\'p\'||g)::uuid, community = bench_comm.idx per communityIdx() in bench/scale-common.ts (40 % in 武汉), created_at = bench_meta.ref_time - (g*7919 mod 525600) minutes',
      'national IDs (98 %) and phones (90 %) encrypted with the app field cipher + blind index under the fixed key; names in clear (weighted surnames); no addresses',
      'enrolments: 3 of every 4 persons (g mod 4 <> 3), one active enrolment each with exactly one open task due today-30 … today+180 (today = bench_meta.followup_today); closed history every 90 days',
      'assessments: submitted only, answers/total/severity/subscales from the domain scorers (bench_answer_pool), no flags/consultations/consents (consent_id NULL), region = the person\'s region',
      'rollup tables NOT filled (rollup triggers disabled during the load, re-enabled after): rebuild rollups from base tables before measuring dashboards',
      ...(((prev.notes as string[] | undefined) ?? []).filter((n) => n.startsWith('LEAD:'))),
    ],
  };
  writeFileSync(READY_FILE, `${JSON.stringify(doc, null, 2)}\n`);
}

for (const stage of stages) {
  checkDisk(stage);
  const t0 = performance.now();
  log({ step: 'stage', stage, persons: PERSONS, tasks: TASKS, assessments: ASSESSMENTS, load: load() });
  const timing = stage === 'persons' ? await stagePersons() : stage === 'followup' ? await stageFollowup() : await stageAssessments();
  const seconds = Math.round((performance.now() - t0) / 1000);
  const f = await facts();
  log({ step: 'stage_done', stage, seconds, ...timing, ...f, load: load(), freeGb: Math.round(freeGb()) });
  publish(stage, { seconds, ...timing }, f);
}
await c.end();
await ctx.db.close();

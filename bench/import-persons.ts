// Register import benchmark on real PostgreSQL: `anxin import persons` (the CLI, in its own process) next
// to plain COPY of the same rows into the same table in the same run, and person search p95 (by national
// ID and by name prefix) through the search use case next to the raw SQL of the same query.
// Usage: BENCH_ROWS=1000000 node --import tsx bench/import-persons.ts   (BENCH_PG=postgres://postgres@127.0.0.1:5432)
// BENCH_KILL_ROWS=200000 adds the crash check at scale: a second file of that many new rows is imported,
// the CLI killed with SIGKILL half-way, run again (after the dead process's lease), and the register
// counted (persons, distinct national IDs, repeated record numbers, hand-overs per episode).
// BENCH_KEEP=1 keeps the database (for bench/search-persons.ts).
import { spawn, spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { createWriteStream, mkdtempSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { mapHeaders, parseImportRow, regionPrefix, type Actor } from '@anxin/domain';
import { storedBlockingKeys } from '@anxin/domain/register/duplicate-blocking.ts';
import { loadConfig, openAppContext } from '@anxin/server';
import { csvSource } from '@anxin/server/modules/imports/csv-reader.ts';
import { PERSON_CONTEXT, nationalIdIndex, phoneIndex } from '@anxin/server/modules/persons/person-crypto.ts';
import { searchPersons } from '@anxin/server/modules/persons/search-persons.ts';
import { DEMO_HOSPITALS, writePersonsCsv } from './generate-persons.ts';

const rows = Number(process.env.BENCH_ROWS ?? 100_000);
const pg = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
const dbName = 'anxin_bench_import';
const url = `${pg}/${dbName}`;
const root = new URL('..', import.meta.url).pathname;
const psql = (sql: string): void => {
  const r = spawnSync('psql', [pg, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
};
psql(`DROP DATABASE IF EXISTS ${dbName}`);
psql(`CREATE DATABASE ${dbName}`);

const dir = mkdtempSync(join(tmpdir(), 'anxin-bench-import-'));
const env = { DATABASE_URL: url, ANXIN_DATA_DIR: dir, ANXIN_ENABLED_PROVINCES: '42', LOG_LEVEL: 'silent' };
const ctx = await openAppContext(loadConfig(env));
// Designated hospitals at the city; a primary-care centre for every 武汉 street (routing of discharges).
for (const name of DEMO_HOSPITALS) await ctx.db.query(`INSERT INTO organizations (type, name, region_code) VALUES ('designated_hospital', $1, '420100000000')`, [name]);
await ctx.db.query(`WITH s AS (SELECT code, name FROM regions WHERE level = 'street' AND code LIKE '4201%'),
  o AS (INSERT INTO organizations (type, name, region_code) SELECT 'primary_care', name || '社区卫生服务中心', code FROM s RETURNING id, region_code)
  INSERT INTO organization_coverage (organization_id, region_code) SELECT id, region_code FROM o`);

const csv = join(dir, `persons-${rows}.csv`);
let t = performance.now();
await writePersonsCsv(csv, { rows, prefix: '42' });
console.log(`generated ${rows} rows (${(statSync(csv).size / 1e6).toFixed(1)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

// COPY baseline: the same rows, validated and encrypted beforehand (not timed), copied into persons.
const copyFile = join(dir, 'persons-copy.csv');
const out = createWriteStream(copyFile);
const src = csvSource(csv, 'utf-8');
let columnIndex;
const today = new Date().toISOString().slice(0, 10);
const sampleIds: string[] = [];
const samplePrefixes: string[] = [];
let copyRows = 0;
const cell = (s: string | null): string => (s === null ? '' : /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
for await (const row of src.rows) {
  if (!columnIndex) {
    const m = mapHeaders(row.cells);
    if (!m.ok) throw new Error('bad header');
    columnIndex = m.columnIndex;
    continue;
  }
  const r = parseImportRow(row.cells, columnIndex, today);
  if (!r.ok) continue;
  const p = r.value.person;
  copyRows++;
  if (p.nationalId && sampleIds.length < 300 && copyRows % 997 === 0) sampleIds.push(p.nationalId);
  if (samplePrefixes.length < 300 && copyRows % 991 === 0) samplePrefixes.push(p.name.slice(0, 2));
  const line = [
    p.name,
    p.sex,
    p.birthDate,
    p.nationalId ? ctx.cipher.encrypt(p.nationalId, PERSON_CONTEXT.nationalId) : null,
    p.nationalId ? (nationalIdIndex(ctx.cipher, p.nationalId) ?? null) : null,
    p.phone ? ctx.cipher.encrypt(p.phone, PERSON_CONTEXT.phone) : null,
    p.phone ? (phoneIndex(ctx.cipher, p.phone) ?? null) : null,
    p.address ? ctx.cipher.encrypt(p.address, PERSON_CONTEXT.address) : null,
    p.residenceRegionCode,
    // The import stores a record's name + birth date key on its row when it has an ID (duplicate review).
    storedBlockingKeys({ name: p.name, birthDate: p.birthDate, hasNationalId: p.nationalId !== undefined, mergedInto: null }).nameBirthKey,
  ]
    .map(cell)
    .join(',');
  if (!out.write(`${line}\n`)) await once(out, 'drain');
}
out.end();
await once(out, 'finish');

t = performance.now();
const copy = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-c', `\\copy persons (name, sex, birth_date, national_id_enc, national_id_bidx, phone_enc, phone_bidx, address_enc, region_code, name_birth_key) FROM '${copyFile}' CSV`], { encoding: 'utf8' });
const copySeconds = (performance.now() - t) / 1000;
if (copy.status !== 0) throw new Error(copy.stderr);
console.log(`COPY: ${copyRows} rows in ${copySeconds.toFixed(1)} s = ${Math.round(copyRows / copySeconds)} rows/s`);
await ctx.db.query('TRUNCATE persons CASCADE');
await ctx.db.query('VACUUM ANALYZE persons').catch(() => undefined);

// The importer: the real CLI in its own process; peak RSS from GNU time.
t = performance.now();
const imp = spawnSync('/usr/bin/time', ['-v', process.execPath, join(root, 'packages/cli/bin/anxin.mjs'), 'import', 'persons', csv, '--json'], {
  cwd: root,
  // Divisions are loaded already (above); 'none' keeps the CLI from re-reading the 湖北 village list at
  // start, which is the foundation's start-up cost, not the import's.
  env: { ...process.env, ...env, ANXIN_ENABLED_PROVINCES: 'none' },
  encoding: 'utf8',
  maxBuffer: 1 << 26,
});
const importSeconds = (performance.now() - t) / 1000;
if (imp.status !== 0) throw new Error(`import failed: ${imp.stderr.slice(-2000)}`);
const result = JSON.parse(imp.stdout) as { read: number; created: number; rejected: number };
const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(imp.stderr)?.[1] ?? 0);
const cpu = (re: RegExp): number => Number(re.exec(imp.stderr)?.[1] ?? 0);
const cliCpu = cpu(/User time \(seconds\): ([\d.]+)/) + cpu(/System time \(seconds\): ([\d.]+)/);
console.log(`anxin import: ${JSON.stringify(result)} in ${importSeconds.toFixed(1)} s = ${Math.round(result.read / importSeconds)} rows/s, peak RSS ${(rssKb / 1024).toFixed(0)} MB, CLI CPU ${cliCpu.toFixed(1)} s`);
// Baseline: the same CLI opening the same database for a trivial command (tsx, drivers, context).
const base = spawnSync('/usr/bin/time', ['-v', process.execPath, join(root, 'packages/cli/bin/anxin.mjs'), 'audit', 'verify', '--json'], {
  cwd: root,
  env: { ...process.env, ...env, ANXIN_ENABLED_PROVINCES: 'none' },
  encoding: 'utf8',
});
const baseKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(base.stderr)?.[1] ?? 0);
console.log(`baseline: anxin audit verify on the same database, peak RSS ${(baseKb / 1024).toFixed(0)} MB (import adds ${((rssKb - baseKb) / 1024).toFixed(0)} MB)`);
console.log(`ratio import/COPY (rows/s): ${(result.read / importSeconds / (copyRows / copySeconds)).toFixed(2)}`);
const counts = await ctx.db.query<{ persons: number; episodes: number; handovers: number }>(
  'SELECT (SELECT count(*) FROM persons)::int AS persons, (SELECT count(*) FROM hospital_episodes)::int AS episodes, (SELECT count(*) FROM handovers)::int AS handovers',
);
console.log(`in the database: ${JSON.stringify(counts[0])}`);
await ctx.db.query('ANALYZE');

// Search: the use case (authorisation, blind index, decryption and masking, categories) vs its raw SQL.
const actor: Actor = { accountId: '00000000-0000-4000-8000-000000000001', username: 'bench', roles: [{ role: 'health_admin', regionCode: '420000000000' }] };
const rc = { actor, clientIp: '127.0.0.1', requestId: 'bench' };
const prefixes = [`${regionPrefix('420000000000')}%`];
const p95 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? NaN;
async function timeAll(fn: (i: number) => Promise<unknown>, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await fn(i);
    times.push(performance.now() - s);
  }
  return times;
}
const COLS = `p.id, p.name, p.sex, p.birth_date, p.national_id_enc, p.phone_enc, p.address_enc, p.region_code, p.verification_status, p.deceased_on, p.created_at, p.updated_at, p.merged_into`;
const n = Math.min(sampleIds.length, samplePrefixes.length, 300);
const idUseCase = await timeAll((i) => searchPersons(ctx, rc, { nationalId: sampleIds[i], limit: 20 }), n);
const idRaw = await timeAll(
  (i) =>
    ctx.db.query(`SELECT ${COLS} FROM persons p WHERE p.region_code LIKE ANY ($1::text[]) AND p.merged_into IS NULL AND p.national_id_bidx = $2 ORDER BY p.name, p.id LIMIT 21`, [
      prefixes,
      nationalIdIndex(ctx.cipher, sampleIds[i] as string),
    ]),
  n,
);
const nameUseCase = await timeAll((i) => searchPersons(ctx, rc, { q: samplePrefixes[i], limit: 20 }), n);
const nameRaw = await timeAll(
  (i) =>
    ctx.db.query(`SELECT ${COLS} FROM persons p WHERE p.region_code LIKE ANY ($1::text[]) AND p.merged_into IS NULL AND p.name LIKE $2 ORDER BY p.name, p.id LIMIT 21`, [
      prefixes,
      `${samplePrefixes[i]}%`,
    ]),
  n,
);
const f = (x: number): string => `${x.toFixed(2)} ms`;
console.log(`search by national ID at ${result.created} persons: p95 use case ${f(p95(idUseCase))}, raw SQL ${f(p95(idRaw))} (${n} queries)`);
console.log(`search by name prefix at ${result.created} persons: p95 use case ${f(p95(nameUseCase))}, raw SQL ${f(p95(nameRaw))} (${n} queries)`);

const killRows = Number(process.env.BENCH_KILL_ROWS ?? 0);
if (killRows > 0) {
  const more = join(dir, `persons-more-${killRows}.csv`);
  await writePersonsCsv(more, { rows: killRows, prefix: '42', offset: rows, seed: 7 });
  const cliArgs = [join(root, 'packages/cli/bin/anxin.mjs'), 'import', 'persons', more, '--json'];
  const cliEnv = { ...process.env, ...env, ANXIN_ENABLED_PROVINCES: 'none' };
  const progress = async (): Promise<{ rows_done: number; lease_until: Date | null; status: string } | undefined> =>
    (await ctx.db.query<{ rows_done: number; lease_until: Date | null; status: string }>(
      'SELECT rows_done, lease_until, status FROM imports WHERE file_name = $1 ORDER BY started_at DESC LIMIT 1',
      [`persons-more-${killRows}.csv`],
    ))[0];
  const child = spawn(process.execPath, cliArgs, { cwd: root, env: cliEnv, stdio: 'ignore' });
  t = performance.now();
  while (((await progress())?.rows_done ?? 0) < killRows / 2) {
    if (child.exitCode !== null) throw new Error(`the import ended (exit ${child.exitCode}) before it could be killed`);
    await sleep(200);
  }
  child.kill('SIGKILL');
  await once(child, 'exit');
  const killed = await progress();
  const personsAtKill = Number((await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM persons'))[0]?.n);
  console.log(`kill -9 after ${((performance.now() - t) / 1000).toFixed(1)} s: imports.rows_done = ${killed?.rows_done}, persons = ${personsAtKill} (expected ${result.created + (killed?.rows_done ?? 0)})`);
  // The dead process's lease keeps a second run off the import until it lapses (2 minutes at most).
  const until = killed?.lease_until ? new Date(killed.lease_until).getTime() - Date.now() + 1000 : 0;
  if (until > 0) await sleep(until);
  t = performance.now();
  const rerun = spawnSync(process.execPath, cliArgs, { cwd: root, env: cliEnv, encoding: 'utf8' });
  if (rerun.status !== 0) throw new Error(`resume failed: ${rerun.stderr.slice(-2000)}`);
  console.log(`rerun (resumed) in ${((performance.now() - t) / 1000).toFixed(1)} s: ${rerun.stdout.trim()}`);
  const check = await ctx.db.query(
    `SELECT (SELECT count(*)::int FROM persons) AS persons, (SELECT count(DISTINCT national_id_bidx)::int FROM persons) AS distinct_ids,
            (SELECT count(*)::int FROM persons WHERE national_id_bidx IS NULL) AS without_id,
            (SELECT count(*)::int - count(DISTINCT (hospital_org_id, record_number))::int FROM hospital_episodes WHERE record_number IS NOT NULL) AS repeated_record_numbers,
            (SELECT count(*)::int - count(DISTINCT episode_id)::int FROM handovers WHERE episode_id IS NOT NULL) AS repeated_handovers`,
  );
  console.log(`after kill and resume: ${JSON.stringify(check[0])} (expected persons ${result.created + killRows})`);
}
await ctx.db.close();
if (!process.env.BENCH_KEEP) psql(`DROP DATABASE IF EXISTS ${dbName}`);

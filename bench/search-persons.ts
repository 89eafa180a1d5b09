// Person search p95 through the search use case (authorisation, blind index, decryption and masking,
// categories) next to the raw SQL of the same query, on a register already loaded (by import-persons.ts).
// Usage: DATABASE_URL=… ANXIN_DATA_DIR=<dir with keys.json> node --import tsx bench/search-persons.ts FILE.csv
//    or: BENCH_DATABASE=anxin_bench_scale [BENCH_SEED=42] node --import tsx bench/search-persons.ts
// With BENCH_DATABASE the database is the shared scale dataset (bench/scale-common.ts: its URL and fixed
// key file), opened read-only: no migration, no reference data, no writes; sample IDs and names come
// from the register itself (decrypted with the dataset's key) unless a CSV is given.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { mapHeaders, parseImportRow, regionPrefix, type Actor, type ColumnIndex } from '@anxin/domain';
import { loadConfig, openAppContext, openDatabase, FieldCipher, loadOrCreateKeyRing, type AppContext } from '@anxin/server';
import { csvSource } from '@anxin/server/modules/imports/csv-reader.ts';
import { PERSON_CONTEXT, nationalIdIndex } from '@anxin/server/modules/persons/person-crypto.ts';
import { searchPersons } from '@anxin/server/modules/persons/search-persons.ts';

/** National IDs and two-character name prefixes of rows spread over the first `rows` rows of the file. */
export async function sampleKeys(csv: string, rows: number, n = 300): Promise<{ ids: string[]; prefixes: string[] }> {
  const ids: string[] = [];
  const prefixes: string[] = [];
  const step = Math.max(1, Math.floor(rows / n));
  let columnIndex: ColumnIndex | undefined;
  let i = 0;
  const today = new Date().toISOString().slice(0, 10);
  for await (const row of csvSource(csv, 'utf-8').rows) {
    if (!columnIndex) {
      const m = mapHeaders(row.cells);
      if (!m.ok) throw new Error('bad header');
      columnIndex = m.columnIndex;
      continue;
    }
    if (++i > rows) break;
    if (i % step !== 0) continue;
    const r = parseImportRow(row.cells, columnIndex, today);
    if (!r.ok) continue;
    if (r.value.person.nationalId) ids.push(r.value.person.nationalId);
    prefixes.push(r.value.person.name.slice(0, 2));
  }
  return { ids, prefixes };
}

/** National IDs and two-character name prefixes of persons sampled from the register (read-only). */
export async function sampleKeysFromDb(ctx: AppContext, n = 300): Promise<{ ids: string[]; prefixes: string[] }> {
  const rows = await ctx.db.query<{ name: string; national_id_enc: string | null }>(
    `SELECT name, national_id_enc FROM persons TABLESAMPLE SYSTEM (1) REPEATABLE ($2) WHERE merged_into IS NULL LIMIT $1`,
    [n * 20, Number(process.env.BENCH_SEED ?? 42)],
  );
  const step = Math.max(1, Math.floor(rows.length / n));
  const picked = rows.filter((_, i) => i % step === 0).slice(0, n);
  return {
    ids: picked.flatMap((r) => (r.national_id_enc === null ? [] : [ctx.cipher.decrypt(r.national_id_enc, PERSON_CONTEXT.nationalId)])),
    prefixes: picked.map((r) => r.name.slice(0, 2)),
  };
}

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
async function timePairs(a: (i: number) => Promise<unknown>, b: (i: number) => Promise<unknown>, n: number): Promise<[number[], number[]]> {
  const ta: number[] = [];
  const tb: number[] = [];
  const one = async (fn: (i: number) => Promise<unknown>, i: number, into: number[]): Promise<void> => {
    const s = performance.now();
    await fn(i);
    into.push(performance.now() - s);
  };
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      await one(a, i, ta);
      await one(b, i, tb);
    } else {
      await one(b, i, tb);
      await one(a, i, ta);
    }
  }
  return [ta, tb];
}
const COLS = `p.id, p.name, p.sex, p.birth_date, p.national_id_enc, p.phone_enc, p.address_enc, p.region_code, p.verification_status, p.deceased_on, p.created_at, p.updated_at, p.merged_into`;

export async function searchBench(ctx: AppContext, keys: { ids: string[]; prefixes: string[] }, opts: { readOnly?: boolean } = {}): Promise<string[]> {
  const persons = Number((await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM persons'))[0]?.n ?? 0);
  if (!opts.readOnly) await ctx.db.query('ANALYZE persons');
  const actor: Actor = { accountId: '00000000-0000-4000-8000-000000000001', username: 'bench', roles: [{ role: 'health_admin', regionCode: '420000000000' }] };
  const rc = { actor, clientIp: '127.0.0.1', requestId: 'bench' };
  const prefixes = [`${regionPrefix('420000000000')}%`];
  const nId = keys.ids.length;
  const nName = keys.prefixes.length;
  // Warm-up, then measure.
  await timeAll((i) => searchPersons(ctx, rc, { nationalId: keys.ids[i], limit: 20 }), Math.min(20, nId));
  // Each sample runs through both, alternately first: whichever runs second finds the pages the first
  // read in the cache, so neither side gets all the warm reads.
  const idRawQuery = (i: number): Promise<unknown> =>
    ctx.db.query(`SELECT ${COLS} FROM persons p WHERE p.region_code LIKE ANY ($1::text[]) AND p.merged_into IS NULL AND p.national_id_bidx = $2 ORDER BY p.name, p.id LIMIT 21`, [
      prefixes,
      nationalIdIndex(ctx.cipher, keys.ids[i] as string),
    ]);
  const [idUseCase, idRaw] = await timePairs((i) => searchPersons(ctx, rc, { nationalId: keys.ids[i], limit: 20 }), idRawQuery, nId);
  const nameRawQuery = (i: number): Promise<unknown> =>
    ctx.db.query(`SELECT ${COLS} FROM persons p WHERE p.region_code LIKE ANY ($1::text[]) AND p.merged_into IS NULL AND p.name LIKE $2 ORDER BY p.name, p.id LIMIT 21`, [
      prefixes,
      `${keys.prefixes[i]}%`,
    ]);
  const [nameUseCase, nameRaw] = await timePairs((i) => searchPersons(ctx, rc, { q: keys.prefixes[i], limit: 20 }), nameRawQuery, nName);
  const f = (x: number): string => `${x.toFixed(2)} ms`;
  return [
    `search by national ID at ${persons} persons: p95 use case ${f(p95(idUseCase))}, raw SQL ${f(p95(idRaw))} (${nId} queries)`,
    `search by name prefix at ${persons} persons: p95 use case ${f(p95(nameUseCase))}, raw SQL ${f(p95(nameRaw))} (${nName} queries)`,
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const csv = process.argv[2];
  const shared = process.env.BENCH_DATABASE;
  if (!csv && !shared) {
    process.stderr.write('Usage: DATABASE_URL=… ANXIN_DATA_DIR=… node --import tsx bench/search-persons.ts FILE.csv [ROWS_IMPORTED]\n   or: BENCH_DATABASE=anxin_bench_scale node --import tsx bench/search-persons.ts\n');
    process.exit(2);
  }
  let ctx: AppContext;
  if (shared) {
    // Read-only use of a database another bench owns: open it without migrating or loading anything.
    const { scaleEnv } = await import('./scale-common.ts');
    const env = scaleEnv();
    const config = loadConfig({ ...process.env, ...env });
    // Every pooled connection read-only (the URL's options replace the driver's, so the time zone goes along).
    const options = encodeURIComponent(`-c timezone=${config.timeZone} -c default_transaction_read_only=on`);
    const db = await openDatabase({ ...config, databaseUrl: `${env.DATABASE_URL}?options=${options}` });
    ctx = { config, db, cipher: new FieldCipher(loadOrCreateKeyRing(config.keyFile)), clock: () => new Date() };
    const ro = await db.query<{ ro: string; tz: string }>(`SELECT current_setting('default_transaction_read_only') AS ro, current_setting('TimeZone') AS tz`);
    if (ro[0]?.ro !== 'on') throw new Error('could not open the shared database read-only');
    console.log(`${env.DATABASE_URL} (read-only, time zone ${ro[0]?.tz})`);
  } else {
    ctx = await openAppContext(loadConfig({ ...process.env, ANXIN_ENABLED_PROVINCES: 'none', LOG_LEVEL: 'silent' }));
  }
  const started = performance.now();
  const keys = csv
    ? await sampleKeys(csv, Number(process.argv[3] ?? (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM persons'))[0]?.n ?? 0))
    : await sampleKeysFromDb(ctx);
  for (const line of await searchBench(ctx, keys, { readOnly: Boolean(shared) })) console.log(line);
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
  await ctx.db.close();
}

// The scale dataset's schema is the committed one: migrations as they are at git HEAD, not the working tree's
// (other helpers add migrations while the data loads, and the server refuses to start on a database where an
// applied migration's file has changed since). headMigrations() reads HEAD's files; rewindToHead() brings an
// existing database back to exactly HEAD's schema by comparing its catalogue with a fresh database migrated
// with HEAD's files: objects only the working tree's migrations created (rollup triggers, functions, tables,
// indexes) are dropped, changed functions and triggers are recreated, and schema_migrations is made equal.
// Base tables and their rows are never touched; any other difference (a column) is reported, not fixed.
// HEAD's migrations the database has not applied yet are left to migrate() afterwards.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate, openDatabase, readMigrations, type MigrationFile } from '@anxin/server';

const root = new URL('..', import.meta.url).pathname;

/** The migration files as committed at HEAD. */
export function headMigrations(): MigrationFile[] {
  const dir = mkdtempSync(join(tmpdir(), 'anxin-head-migrations-'));
  const r = spawnSync('sh', ['-c', `git -C '${root}' archive HEAD packages/server/migrations | tar -x -C '${dir}'`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git archive: ${r.stderr}`);
  return readMigrations(join(dir, 'packages/server/migrations'));
}

interface Catalogue {
  tables: Map<string, string>; // name → column list
  functions: Map<string, string>; // signature → definition
  triggers: Map<string, string>; // table.name → definition
  indexes: Map<string, string>; // name → definition
  migrations: Array<{ version: number; name: string; checksum: string }>;
}

async function catalogue(c: pg.Client): Promise<Catalogue> {
  const rows = async <T>(sql: string) => (await c.query(sql)).rows as T[];
  const tables = await rows<{ name: string; cols: string }>(
    `SELECT c.relname AS name, string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum) AS cols
       FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND c.relname NOT LIKE 'bench\\_%' GROUP BY 1`,
  );
  const functions = await rows<{ sig: string; def: string }>(
    `SELECT p.oid::regprocedure::text AS sig, pg_get_functiondef(p.oid) AS def FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.prokind IN ('f', 'p')`,
  );
  const triggers = await rows<{ key: string; def: string }>(
    `SELECT t.tgrelid::regclass::text || '.' || t.tgname AS key, pg_get_triggerdef(t.oid) AS def
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal AND c.relnamespace = 'public'::regnamespace`,
  );
  const indexes = await rows<{ name: string; def: string }>(
    `SELECT ic.relname AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_class tc ON tc.oid = i.indrelid WHERE ic.relnamespace = 'public'::regnamespace AND tc.relname NOT LIKE 'bench\\_%'`,
  );
  const migrations = await rows<{ version: number; name: string; checksum: string }>(`SELECT version, name, checksum FROM schema_migrations ORDER BY version`);
  return {
    tables: new Map(tables.map((t) => [t.name, t.cols])),
    functions: new Map(functions.map((f) => [f.sig, f.def])),
    triggers: new Map(triggers.map((t) => [t.key, t.def])),
    indexes: new Map(indexes.map((i) => [i.name, i.def])),
    migrations,
  };
}

/** Makes the database at `url` match HEAD's migrations (see the file comment); returns what it did. */
export async function rewindToHead(pgBase: string, dbName: string, log: (o: Record<string, unknown>) => void): Promise<string[]> {
  const refName = `${dbName}_ref`;
  const psql = (sql: string) => {
    const r = spawnSync('psql', [`${pgBase}/postgres`, '-v', 'ON_ERROR_STOP=1', '-qc', sql], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
  };
  psql(`DROP DATABASE IF EXISTS ${refName}`);
  psql(`CREATE DATABASE ${refName}`);
  const cur = new pg.Client({ connectionString: `${pgBase}/${dbName}` });
  await cur.connect();
  // The reference: HEAD's version of every migration this database has applied (HEAD's newer ones are
  // applied afterwards by migrate(), like any upgrade).
  const applied = new Set((await cur.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
  const refDb = await openDatabase({ databaseUrl: `${pgBase}/${refName}`, dataDir: tmpdir(), timeZone: 'Asia/Shanghai' });
  await migrate(refDb, headMigrations().filter((m) => applied.has(m.version)));
  await refDb.close();
  const ref = new pg.Client({ connectionString: `${pgBase}/${refName}` });
  await ref.connect();
  const want = await catalogue(ref);
  const have = await catalogue(cur);
  await ref.end();
  psql(`DROP DATABASE IF EXISTS ${refName}`);
  const done: string[] = [];
  const run = async (sql: string, what: string) => {
    await cur.query(sql);
    done.push(what);
  };
  await cur.query('BEGIN');
  for (const [key, def] of have.triggers)
    if (want.triggers.get(key) !== def) {
      const [tbl, name] = [key.slice(0, key.lastIndexOf('.')), key.slice(key.lastIndexOf('.') + 1)];
      await run(`DROP TRIGGER IF EXISTS ${name} ON ${tbl}`, `drop trigger ${key}`);
    }
  for (const name of have.tables.keys()) if (!want.tables.has(name)) await run(`DROP TABLE IF EXISTS ${name} CASCADE`, `drop table ${name}`);
  for (const [name, def] of have.indexes) if (want.indexes.get(name) !== def && have.tables.has(def.match(/ ON (?:public\.)?(\w+)/)?.[1] ?? '')) {
    await run(`DROP INDEX IF EXISTS ${name}`, `drop index ${name}`);
  }
  for (const sig of have.functions.keys()) if (!want.functions.has(sig)) await run(`DROP FUNCTION IF EXISTS ${sig} CASCADE`, `drop function ${sig}`);
  for (const [sig, def] of want.functions) if (have.functions.get(sig) !== def) await run(def, `create function ${sig}`);
  const after = await catalogue(cur);
  for (const [name, def] of want.indexes) if (!after.indexes.has(name)) await run(def, `create index ${name}`);
  for (const [key, def] of want.triggers) if (!after.triggers.has(key)) await run(def, `create trigger ${key}`);
  await cur.query('DELETE FROM schema_migrations');
  for (const m of want.migrations) await cur.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
  await cur.query('COMMIT');
  const final = await catalogue(cur);
  await cur.end();
  const left: string[] = [];
  for (const [name, cols] of want.tables) if (final.tables.get(name) !== cols) left.push(`table ${name} differs`);
  for (const [sig, def] of want.functions) if (final.functions.get(sig) !== def) left.push(`function ${sig} differs`);
  for (const [key, def] of want.triggers) if (final.triggers.get(key) !== def) left.push(`trigger ${key} differs`);
  for (const [name, def] of want.indexes) if (final.indexes.get(name) !== def) left.push(`index ${name} differs`);
  for (const k of final.triggers.keys()) if (!want.triggers.has(k)) left.push(`extra trigger ${k}`);
  for (const k of final.functions.keys()) if (!want.functions.has(k)) left.push(`extra function ${k}`);
  for (const k of final.indexes.keys()) if (!want.indexes.has(k)) left.push(`extra index ${k}`);
  log({ step: 'rewind', changes: done.length, migrations: want.migrations.length, last: want.migrations.at(-1)?.name, left });
  if (left.length > 0) throw new Error(`schema still differs from HEAD: ${left.join('; ')}`);
  return done;
}

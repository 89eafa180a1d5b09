import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, backends } from '../testing/test-database.ts';
import type { Database } from './database.ts';
import { migrate, readMigrations, splitStatements } from './migrate.ts';

describe.each(backends())('migrations on %s', (backend) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('applies every migration to an empty database, then nothing the second time', async () => {
    db = await openTestDatabase(backend);
    const all = readMigrations();
    const first = await migrate(db);
    expect(first.applied).toEqual(all.map((m) => m.name));
    const second = await migrate(db);
    expect(second).toEqual({ applied: [], alreadyApplied: all.length });
    const tables = await db.query<{ t: string }>(
      "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1",
    );
    expect(tables.map((r) => r.t)).toEqual(expect.arrayContaining(['accounts', 'audit_log', 'regions', 'sessions', 'schema_migrations']));
  });

  it('refuses to run when an applied migration was edited', async () => {
    db = await openTestDatabase(backend);
    const all = readMigrations();
    await migrate(db);
    const edited = all.map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    await expect(migrate(db, edited)).rejects.toThrow(/changed after it was applied/);
  });

  it('rolls back a failing migration completely', async () => {
    db = await openTestDatabase(backend);
    const bad = { version: 9999, name: '9999_bad', checksum: 'x', sql: 'CREATE TABLE half_done (id int); SELECT no_such_function();' };
    await expect(migrate(db, [bad])).rejects.toThrow();
    const rows = await db.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done' AND table_schema = current_schema()");
    expect(rows).toHaveLength(0);
  });
});

describe('splitStatements', () => {
  it('keeps semicolons inside quotes, comments and dollar-quoted bodies', () => {
    const sql = `CREATE TABLE a (b text DEFAULT ';'); -- a comment; here
CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END; $$;
SELECT 'it''s; fine'`;
    expect(splitStatements(sql)).toHaveLength(3);
  });
});

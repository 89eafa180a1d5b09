import { randomBytes } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { openPglite } from '../db/pglite-database.ts';
import { openPostgres } from '../db/postgres-database.ts';

export type Backend = 'pglite' | 'postgres';

/**
 * The databases integration tests run on: always PGlite, and PostgreSQL too when TEST_DATABASE_URL is
 * set (CI sets it). Use with `describe.each(backends())`.
 */
export function backends(): Backend[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/** A fresh, empty database: in-memory PGlite, or a schema of its own on the server (dropped on close). */
export async function openTestDatabase(backend: Backend): Promise<Database> {
  if (backend === 'pglite') return openPglite('memory://', { timeZone: 'Asia/Shanghai' });
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const db = await openPostgres({ connectionString: url, timeZone: 'Asia/Shanghai', schema, maxConnections: 5 });
  return {
    ...db,
    async close() {
      await db.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.close();
    },
  };
}

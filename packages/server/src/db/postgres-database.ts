import pg from 'pg';
import { TYPE_PARSERS, preparedName, type Database, type Queryable } from './database.ts';

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    const custom = TYPE_PARSERS[oid];
    if (custom && format !== 'binary') return custom;
    return pg.types.getTypeParser(oid, format ?? 'text');
  },
};

export interface PostgresOptions {
  connectionString: string;
  timeZone: string;
  /** Confines every connection to one schema (tests give each file its own). */
  schema?: string;
  maxConnections?: number;
}

/** A pooled connection to a PostgreSQL server. */
export async function openPostgres(options: PostgresOptions): Promise<Database> {
  const settings = [`-c timezone=${options.timeZone}`];
  if (options.schema) settings.push(`-c search_path=${options.schema}`);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    options: settings.join(' '),
    types,
  });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  if (options.schema) {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema.replace(/"/g, '')}"`);
  }
  await pool.query('SELECT 1');

  const run = async <T>(client: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[]): Promise<T[]> => {
    const name = preparedName(sql);
    const values = params ? [...params] : undefined;
    const result = name ? await client.query({ name, text: sql, values }) : await client.query(sql, values);
    return result.rows as T[];
  };

  return {
    kind: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx: Queryable = { query: (sql, params) => run(client, sql, params) };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

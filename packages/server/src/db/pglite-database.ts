import { closeSync, existsSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { TYPE_PARSERS, type Database, type Queryable } from './database.ts';

const LOCK_FILE = 'anxin.lock';

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is a single-process database: two processes writing one data folder would corrupt it.
 * A pid lock file refuses the second opener; a lock left by a killed process is taken over.
 */
function acquireLock(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  if (existsSync(path)) {
    const pid = Number(readFileSync(path, 'utf8').trim());
    if (Number.isInteger(pid) && pid !== process.pid && pidAlive(pid)) {
      throw new Error(`The data folder ${dir} is in use by process ${pid}. Stop it first, or set ANXIN_DATA_DIR to another folder.`);
    }
  }
  writeFileSync(path, String(process.pid));
  return () => {
    try {
      if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path);
    } catch {
      // already gone
    }
  };
}

function wrap(q: PGlite | Transaction): Queryable {
  return {
    async query<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
      const result = await q.query<T>(sql, params ? [...params] : undefined);
      return result.rows;
    },
  };
}

/** Opens (creating if needed) an embedded PostgreSQL in `dataDir`, or in memory when dataDir is 'memory://'. */
export async function openPglite(dataDir: string, options: { timeZone: string }): Promise<Database> {
  let release = (): void => undefined;
  let pgDir = dataDir;
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    closeSync(openSync(join(dataDir, '.keep'), 'a'));
    release = acquireLock(dataDir);
    pgDir = join(dataDir, 'pg');
  }
  let pg: PGlite;
  try {
    pg = await PGlite.create(pgDir, { parsers: TYPE_PARSERS });
    await pg.exec(`SET TIME ZONE '${options.timeZone.replace(/'/g, '')}'`);
  } catch (e) {
    release();
    throw e;
  }
  const base = wrap(pg);
  return {
    kind: 'pglite',
    query: base.query,
    async exec(sql) {
      await pg.exec(sql);
    },
    async transaction(fn) {
      return pg.transaction(async (tx) => fn(wrap(tx)));
    },
    async close() {
      try {
        if (!pg.closed) await pg.close();
      } finally {
        release();
      }
    },
  };
}

import type { Config } from '../config.ts';
import type { Database } from './database.ts';
import { openPglite } from './pglite-database.ts';
import { openPostgres } from './postgres-database.ts';

/** DATABASE_URL set → PostgreSQL server; unset → embedded PGlite in the data folder. */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'timeZone'>): Promise<Database> {
  if (config.databaseUrl) return openPostgres({ connectionString: config.databaseUrl, timeZone: config.timeZone });
  return openPglite(config.dataDir, { timeZone: config.timeZone });
}

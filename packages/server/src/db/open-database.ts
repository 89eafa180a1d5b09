import type { Config } from '../config.ts';
import type { Database } from './database.ts';

/**
 * DATABASE_URL set → PostgreSQL server; unset → embedded PGlite in the data folder. Each driver is
 * loaded only when used (PGlite's WebAssembly build costs a process ~30 MB it does not need on PostgreSQL).
 */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'timeZone'>): Promise<Database> {
  if (config.databaseUrl) {
    const { openPostgres } = await import('./postgres-database.ts');
    return openPostgres({ connectionString: config.databaseUrl, timeZone: config.timeZone });
  }
  const { openPglite } = await import('./pglite-database.ts');
  return openPglite(config.dataDir, { timeZone: config.timeZone });
}

import type { AppContext } from './app-context.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { openDatabase } from './db/open-database.ts';
import { loadDivisions } from './modules/regions/load-divisions.ts';
import { FieldCipher } from './privacy/field-cipher.ts';
import { loadOrCreateKeyRing } from './privacy/key-store.ts';

/** Opens the database, applies migrations and reference data, loads keys: everything a process needs. */
export async function openAppContext(config: Config, options: { db?: Database; clock?: () => Date } = {}): Promise<AppContext> {
  const db = options.db ?? (await openDatabase(config));
  try {
    await migrate(db);
    await loadDivisions(db, config.enabledProvinces);
    const cipher = new FieldCipher(loadOrCreateKeyRing(config.keyFile));
    return { config, db, cipher, clock: options.clock ?? (() => new Date()) };
  } catch (e) {
    await db.close();
    throw e;
  }
}

import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { FieldCipher } from './privacy/field-cipher.ts';

/** What the running server is made of; built once at boot and handed to routes and use cases. */
export interface AppContext {
  config: Config;
  db: Database;
  cipher: FieldCipher;
  /** The current time. Injected so tests can move it (session expiry, deadlines). */
  clock: () => Date;
}

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppContext } from '../app-context.ts';
import { loadConfig, type Config } from '../config.ts';
import { migrate } from '../db/migrate.ts';
import { buildApp } from '../http/app.ts';
import { loadDivisions } from '../modules/regions/load-divisions.ts';
import { FieldCipher } from '../privacy/field-cipher.ts';
import { memoryKeyRing } from '../privacy/key-store.ts';
import { openTestDatabase, type Backend } from './test-database.ts';

/** A clock tests can move. */
export interface TestClock {
  (): Date;
  set(at: Date | string): void;
  advance(ms: number): void;
}

export function testClock(start: Date | string = '2026-03-02T09:00:00+08:00'): TestClock {
  let now = new Date(start);
  const clock = (() => new Date(now.getTime())) as TestClock;
  clock.set = (at) => {
    now = new Date(at);
  };
  clock.advance = (ms) => {
    now = new Date(now.getTime() + ms);
  };
  return clock;
}

export interface TestContext extends AppContext {
  clock: TestClock;
  close(): Promise<void>;
}

/**
 * A migrated database with the country's provinces, cities and counties (streets and communities are
 * left out to keep each test file fast; factories add the ones a test needs).
 */
export async function createTestContext(backend: Backend, overrides: Partial<Config> = {}): Promise<TestContext> {
  const db = await openTestDatabase(backend);
  await migrate(db);
  await loadDivisions(db, []);
  const dataDir = mkdtempSync(join(tmpdir(), 'anxin-test-'));
  const config: Config = { ...loadConfig({ ANXIN_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), ...overrides };
  return {
    config,
    db,
    cipher: new FieldCipher(memoryKeyRing()),
    clock: testClock(),
    close: () => db.close(),
  };
}

export async function createTestApp(ctx: AppContext) {
  const app = await buildApp(ctx, { logger: false });
  await app.ready();
  return app;
}

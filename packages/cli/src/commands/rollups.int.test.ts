import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite } from '@anxin/server/db/pglite-database.ts';
import { capturingIo } from '../capturing-io.ts';
import { main } from '../main.ts';

const capture = (env: Record<string, string> = {}) => capturingIo(env);

describe('anxin rollups rebuild (embedded database)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'anxin-rollups-'));
  const env = { ANXIN_DATA_DIR: dataDir };

  it('recomputes the rollups from the base tables, including rows written with the triggers off', async () => {
    expect(await main(['rollups', 'rebuild'], capture(env))).toBe(0); // creates and migrates the database
    const db = await openPglite(dataDir, { timeZone: 'Asia/Shanghai' });
    await db.exec(`
      INSERT INTO regions (code, parent_code, level, name) VALUES ('990000000000', NULL, 'province', 'Test'), ('990100000000', '990000000000', 'city', 'Test'),
        ('990101000000', '990100000000', 'county', 'Test'), ('990101001000', '990101000000', 'street', 'Test'),
        ('990101001001', '990101001000', 'community', 'Test') ON CONFLICT DO NOTHING;
      ALTER TABLE persons DISABLE TRIGGER rollup_persons_insert;
      INSERT INTO persons (name, sex, birth_date, region_code, verification_status, created_at)
        VALUES ('测试', 'male', '1980-01-01', '990101001001', 'verified', '2026-03-01T10:00:00+08:00'),
               ('测试', 'female', '1981-01-01', '990101001001', 'pending', '2026-03-02T10:00:00+08:00');
      ALTER TABLE persons ENABLE TRIGGER rollup_persons_insert;`);
    const before = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM rollup_counts WHERE figure = 'register.persons'`);
    await db.close();
    expect(before[0]?.n).toBe(0);

    const io = capture(env);
    expect(await main(['rollups', 'rebuild', '--json'], io)).toBe(0);
    const report = JSON.parse(io.stdout) as { families: string[]; changeRows: number; dayRows: number };
    expect(report.families).toEqual(expect.arrayContaining(['rollup_backfill_register', 'rollup_backfill_assessments']));
    expect(report.changeRows).toBeGreaterThan(0);

    const after = await openPglite(dataDir, { timeZone: 'Asia/Shanghai' });
    const totals = await after.query<{ figure: string; value: number }>(
      `SELECT figure, value::int AS value FROM rollup_totals WHERE region_code = '990000000000' ORDER BY figure`,
    );
    await after.close();
    expect(totals).toEqual([
      { figure: 'register.new_persons', value: 2 },
      { figure: 'register.pending', value: 1 },
      { figure: 'register.persons', value: 2 },
      { figure: 'register.verified', value: 1 },
    ]);

    const text = capture(env);
    expect(await main(['rollups', 'rebuild'], text)).toBe(0);
    expect(text.stdout).toContain('rollup_backfill_register');
    expect(text.stdout).toMatch(/^rollup_backfill_register 2026-03: [0-9.]+ s$/m); // progress: one line per family-month
    expect(await main(['rollups', 'fold'], capture(env))).toBe(2);
    expect(await main(['rollups', 'rebuild', '--bogus'], capture(env))).toBe(2);
  }, 240_000);
});

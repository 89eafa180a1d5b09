import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite } from '@anxin/server/db/pglite-database.ts';
import { capturingIo } from '../capturing-io.ts';
import { main } from '../main.ts';

const capture = (env: Record<string, string> = {}) => capturingIo(env);

describe('anxin check (embedded database)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'anxin-check-'));
  const env = { ANXIN_DATA_DIR: dataDir };

  it('passes on a consistent database and fails with exit 1 and JSON naming each violation', async () => {
    const clean = capture(env);
    expect(await main(['check'], clean)).toBe(0);
    expect(clean.stdout).toContain('all invariants hold');

    // An active enrolment with no open follow-up, written behind the application's back.
    const db = await openPglite(dataDir, { timeZone: 'Asia/Shanghai' });
    await db.exec(`
      INSERT INTO regions (code, parent_code, level, name) VALUES ('990000000000', NULL, 'province', 'Test') ON CONFLICT DO NOTHING;
      INSERT INTO accounts (id, username, display_name, password_hash) VALUES ('11111111-1111-4111-8111-111111111111', 'checker', 'Checker', 'x');
      INSERT INTO persons (id, name, sex, birth_date, region_code) VALUES ('22222222-2222-4222-8222-222222222222', '测试', 'male', '1980-01-01', '990000000000');
      INSERT INTO enrolments (id, person_id, program, region_code, enrolled_on, created_by, created_at, updated_at)
        VALUES ('33333333-3333-4333-8333-333333333333', '22222222-2222-4222-8222-222222222222', 'severe_mental_disorder', '990000000000', '2026-03-01',
                '11111111-1111-4111-8111-111111111111', now(), now());`);
    await db.close();

    const broken = capture(env);
    expect(await main(['check', '--json'], broken)).toBe(1);
    const report = JSON.parse(broken.stdout) as { ok: boolean; violations: Array<{ rule: string; enrolmentId: string }>; counts: Record<string, number> };
    expect(report.ok).toBe(false);
    expect(report.violations).toEqual([{ rule: 'active_enrolment_without_open_task', enrolmentId: '33333333-3333-4333-8333-333333333333', taskId: null }]);
    expect(report.counts).toEqual({ active_enrolment_without_open_task: 1 });

    const text = capture(env);
    expect(await main(['check'], text)).toBe(1);
    expect(text.stdout).toContain('VIOLATION active_enrolment_without_open_task enrolment=33333333-3333-4333-8333-333333333333');
    expect(text.stdout).not.toContain('测试');

    const bad = capture(env);
    expect(await main(['check', '--bogus'], bad)).toBe(2);
  }, 180_000); // four CLI runs, each opening and migrating the embedded database
});

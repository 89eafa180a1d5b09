import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite } from '@anxin/server/db/pglite-database.ts';
import { capturingIo } from '../capturing-io.ts';
import { main } from '../main.ts';

const capture = (env: Record<string, string> = {}) => capturingIo(env);

describe('anxin migrate, user create, audit verify, keys rotate (embedded database)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'anxin-cli-'));
  const env = { ANXIN_DATA_DIR: dataDir };

  it('migrates an empty folder, then finds nothing to do', async () => {
    const first = capture(env);
    expect(await main(['migrate'], first)).toBe(0);
    expect(first.stdout).toContain('applied 0001_foundation');
    const second = capture(env);
    expect(await main(['migrate'], second)).toBe(0);
    expect(second.stdout).toMatch(/^0 applied/m);
  });

  it('creates a user and refuses bad or duplicate input with exit 2', async () => {
    const ok = capture({ ...env, ANXIN_NEW_PASSWORD: 'a-long-password' });
    expect(await main(['user', 'create', '--username', 'wang', '--role', 'counselor', '--region', '420102000000'], ok)).toBe(0);
    expect(ok.stdout).toContain('created wang (counselor @ 420102000000)');

    const dup = capture({ ...env, ANXIN_NEW_PASSWORD: 'a-long-password' });
    expect(await main(['user', 'create', '--username', 'wang', '--role', 'counselor', '--region', '420102000000'], dup)).toBe(2);
    expect(dup.stderr).toContain('taken');

    const bad = capture({ ...env, ANXIN_NEW_PASSWORD: 'short' });
    expect(await main(['user', 'create', '--username', 'li', '--role', 'wizard', '--region', '42'], bad)).toBe(2);
    expect(bad.stderr).toContain('--role');
    expect(bad.stderr).toContain('--region');
    expect(bad.stderr).toContain('--password');
  });

  it('verifies the audit chain, and exits 1 once a row was tampered with', async () => {
    const intact = capture(env);
    expect(await main(['audit', 'verify', '--json'], intact)).toBe(0);
    const result = JSON.parse(intact.stdout) as { ok: boolean; rows: number };
    expect(result.ok).toBe(true);
    expect(result.rows).toBeGreaterThanOrEqual(1);

    const db = await openPglite(dataDir, { timeZone: 'Asia/Shanghai' });
    await db.exec("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update; UPDATE audit_log SET reason = 'edited'; ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;");
    await db.close();
    const broken = capture(env);
    expect(await main(['audit', 'verify'], broken)).toBe(1);
    expect(broken.stdout).toContain('AUDIT CHAIN BROKEN');
  });

  it('rotates the data key in a key file only its owner can read', async () => {
    const io = capture(env);
    expect(await main(['keys', 'rotate'], io)).toBe(0);
    expect(io.stdout).toContain('active key: k2');
    expect(statSync(join(dataDir, 'keys.json')).mode & 0o777).toBe(0o600);
  });

  it('explains bad configuration instead of crashing', async () => {
    const io = capture({ ...env, PORT: 'eighty' });
    expect(await main(['migrate'], io)).toBe(2);
    expect(io.stderr).toContain('PORT');
  });
});

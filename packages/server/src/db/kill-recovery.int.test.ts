import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/audit-log.ts';
import { openAppContext } from '../boot.ts';
import { loadConfig } from '../config.ts';

const WRITER = join(import.meta.dirname, '../testing/crash-writer.ts');

/** Runs the writer until it has committed `atLeast` rows, then kills it with SIGKILL mid-write. */
function runAndKill(dataDir: string, atLeast: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER], {
      env: { ...process.env, ANXIN_DATA_DIR: dataDir, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const committed: string[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^committed (\d+:\d+) /.exec(line);
        if (m?.[1]) committed.push(m[1]);
      }
      if (committed.length >= atLeast && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(committed);
      else reject(new Error(`writer exited without being killed: ${stderr.slice(-2000)}`));
    });
  });
}

describe('embedded database survives kill -9', () => {
  it('keeps every committed write across two hard kills', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'anxin-kill-'));
    const first = await runAndKill(dataDir, 40);
    const second = await runAndKill(dataDir, 80); // restarts on the killed folder, then is killed again
    const config = loadConfig({ ANXIN_DATA_DIR: dataDir, ANXIN_ENABLED_PROVINCES: 'none', LOG_LEVEL: 'silent' });
    const ctx = await openAppContext(config);
    try {
      const rows = await ctx.db.query<{ key: string }>("SELECT key FROM login_throttle WHERE key LIKE 'crash:%'");
      const present = new Set(rows.map((r) => r.key));
      for (const i of [...first, ...second]) expect(present.has(`crash:${i}`), `row ${i}`).toBe(true);
      // Every transaction wrote its row and its audit entry together: both or neither.
      const audits = await ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'crash.test'");
      expect(audits[0]?.n).toBe(present.size);
      expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
    } finally {
      await ctx.db.close();
    }
  });
});

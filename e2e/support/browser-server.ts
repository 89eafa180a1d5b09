import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface BrowserTestServer {
  url: string;
  /** The password every demo account gets (ANXIN_DEMO_PASSWORD). */
  demoPassword: string;
  /** Everything the server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

/** Builds packages/web/dist if it is missing or older than its sources, the way `npm start` does. */
export function ensureWebBuild(): void {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts/ensure-web-build.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('building the web app failed');
}

async function waitForHealthy(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it was ready:\n${output()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not ready after ${timeoutMs} ms:\n${output()}`);
}

/**
 * Starts the real server (`anxin serve --demo`) as a child process on a free port, with a fresh data
 * directory and a known demo password, serving the built web app. stop() ends it and deletes the data.
 */
export async function startBrowserTestServer(options: { demoPassword?: string } = {}): Promise<BrowserTestServer> {
  ensureWebBuild();
  const demoPassword = options.demoPassword ?? 'browser-test-pass-1';
  const dataDir = mkdtempSync(join(tmpdir(), 'anxin-browser-'));
  const port = await freePort();
  let log = '';
  const child = spawn(process.execPath, [join(ROOT, 'packages/cli/bin/anxin.mjs'), 'serve', '--demo'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ANXIN_DATA_DIR: dataDir,
      ANXIN_DEMO_PASSWORD: demoPassword,
      ANXIN_COOKIE_SECURE: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stop() also reaches anything the CLI spawns.
    detached: true,
  });
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const output = (): string => log;

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.pid !== undefined) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      const timer = setTimeout(() => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }, 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealthy(url, child, output, 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, demoPassword, output, stop };
}

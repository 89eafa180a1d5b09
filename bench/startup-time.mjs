// Time from `npm start` on a fresh data folder until /readyz answers 200, demo seed included.
// Run after `npm ci` (which builds the web app). Usage: node bench/startup-time.mjs
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const port = 8290;
const started = performance.now();
const child = spawn('npm', ['start'], {
  cwd: root,
  env: { ...process.env, PORT: String(port), ANXIN_DATA_DIR: mkdtempSync(join(tmpdir(), 'anxin-start-')), DATABASE_URL: '', LOG_LEVEL: 'warn' },
  stdio: 'ignore',
  detached: true,
});
let seconds;
for (let i = 0; i < 600; i++) {
  try {
    if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) {
      seconds = (performance.now() - started) / 1000;
      break;
    }
  } catch {}
  await new Promise((r) => setTimeout(r, 100));
}
process.kill(-child.pid, 'SIGTERM');
console.log(JSON.stringify({ readySeconds: seconds === undefined ? null : Number(seconds.toFixed(2)), targetSeconds: 20 }));

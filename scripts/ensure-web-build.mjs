// Builds the web app when packages/web/dist is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const web = join(root, 'packages/web');
const built = join(web, 'dist/index.html');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const lock = join(web, '.build-lock');

// Several test processes (or developers' shells) may ask for a build at once; one builds, the others
// wait for it and then find dist fresh. A lock left by a killed build goes stale after 10 minutes.
function withBuildLock(fn) {
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 10 * 60_000) rmSync(lock, { recursive: true, force: true });
      else spawnSync('sleep', ['1']);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function isFresh() {
  const sources = [join(web, 'src'), join(web, 'index.html'), join(web, 'vite.config.ts'), join(root, 'packages/domain/src')];
  const sourceTime = Math.max(...sources.filter(existsSync).map((p) => (statSync(p).isDirectory() ? newest(p) : statSync(p).mtimeMs)));
  return existsSync(built) && statSync(built).mtimeMs >= sourceTime;
}

export function ensureWebBuild() {
  if (isFresh()) return;
  withBuildLock(() => {
    if (isFresh()) return;
    build();
  });
}

function build() {
  console.log('Building the web app (first run only)…');
  const result = spawnSync('npm', ['run', 'build', '-w', '@anxin/web'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('web build failed');
}

if (import.meta.url === `file://${process.argv[1]}`) ensureWebBuild();

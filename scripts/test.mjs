// `npm test`: typecheck, lint, then every test tier (domain, server integration on PGlite — and on
// PostgreSQL when TEST_DATABASE_URL is set —, CLI, API and browser journeys). Ends with one summary line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureWebBuild } from './ensure-web-build.mjs';

const root = new URL('..', import.meta.url).pathname;
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
const step = (name) => console.log(`\n=== ${name} ===`);

step('typecheck');
if (run('npx', ['tsc', '-p', 'tsconfig.json']) !== 0 || run('npx', ['tsc', '-p', 'packages/web/tsconfig.json']) !== 0) process.exit(1);

step('lint');
if (run('npx', ['eslint', '.']) !== 0) process.exit(1);

step('web build');
ensureWebBuild();

console.log(`\n=== tests (databases: PGlite${process.env.TEST_DATABASE_URL ? ' and PostgreSQL' : ' only; set TEST_DATABASE_URL to add PostgreSQL'}) ===`);
if (!existsSync('/usr/bin/chromium')) {
  console.warn('\n!!! BROWSER TESTS WILL BE SKIPPED: chromium not found at /usr/bin/chromium (apt-get install -y chromium) !!!\n');
}
const report = join(mkdtempSync(join(tmpdir(), 'anxin-vitest-')), 'report.json');
const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)]);
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
}
process.exit(status);

// `npm start`: build what is missing, then run Anxin with demo data on first start.
import { spawn } from 'node:child_process';
import { ensureWebBuild } from './ensure-web-build.mjs';

ensureWebBuild();
const child = spawn(process.execPath, ['packages/cli/bin/anxin.mjs', 'serve', '--demo', ...process.argv.slice(2)], {
  cwd: new URL('..', import.meta.url).pathname,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

// Child process for the kill -9 test: writes audited rows to an embedded database as fast as it can
// and prints each id once its transaction has committed.
import { openAppContext } from '../boot.ts';
import { loadConfig } from '../config.ts';
import { appendAudit } from '../audit/audit-log.ts';

const ctx = await openAppContext(loadConfig({ ...process.env, LOG_LEVEL: 'silent', ANXIN_ENABLED_PROVINCES: 'none' }));
process.stdout.write('ready\n');
const run = process.pid;
for (let i = 0; ; i++) {
  const id = await ctx.db.transaction(async (tx) => {
    await tx.query(`INSERT INTO login_throttle (key, failures, window_start) VALUES ($1, 1, now())`, [`crash:${run}:${i}`]);
    return appendAudit(tx, { at: new Date(), action: 'crash.test', details: { run, i } });
  });
  process.stdout.write(`committed ${run}:${i} ${id}\n`);
}

import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobWorker } from '../../jobs/job-worker.ts';
import { JOB_HANDLERS } from '../../jobs/job-handlers.ts';
import { makeAccount, makeCommunity } from '../../testing/factories.ts';
import { createTestContext, type TestContext } from '../../testing/test-context.ts';
import { backends } from '../../testing/test-database.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { enrolPerson } from './enrol-person.ts';
import { followUpReminders } from './followup-reminders.ts';
import { makePersonRow, makeTeam } from './followup-test-support.ts';
import { setSmsNumber } from './set-sms-number.ts';

describe.each(backends())('follow-up reminders on %s', (backend) => {
  let ctx: TestContext;
  let server: Server;
  const sms: Array<{ to: string; template: string; params: Record<string, unknown>; idempotencyKey: string }> = [];
  let worker1: string;
  let worker2: string;
  const taskIds: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => {
        sms.push(JSON.parse(data) as (typeof sms)[number]);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `m${sms.length}` }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    ctx = await createTestContext(backend, { sms: { adapter: 'http', httpUrl: `http://127.0.0.1:${port}/sms`, httpToken: 't' } });
    const { community } = await makeCommunity(ctx, '420102000000', 1);
    const admin = await makeAccount(ctx, { role: 'primary_care_doctor', regionCode: '420102000000', username: 'rem_doctor' });
    worker1 = (await makeAccount(ctx, { role: 'grid_worker', regionCode: community, username: 'rem_grid1' })).id;
    worker2 = (await makeAccount(ctx, { role: 'grid_worker', regionCode: community, username: 'rem_grid2' })).id;
    await makeTeam(ctx.db, { name: '提醒测试团队', kind: 'grassroots_service', regionCode: '420102000000', covers: [community], members: [{ accountId: worker1 }, { accountId: worker2 }] });
    const rc = (accountId: string, username: string, role: 'primary_care_doctor' | 'grid_worker', regionCode: string): RequestContext => ({
      actor: { accountId, username, roles: [{ role, regionCode }] },
      clientIp: '127.0.0.1',
      requestId: 't',
    });
    const doctor = rc(admin.id, 'rem_doctor', 'primary_care_doctor', '420102000000');
    for (let i = 0; i < 5; i++) {
      const personId = await makePersonRow(ctx.db, { name: `提醒${i}`, regionCode: community });
      taskIds.push((await enrolPerson(ctx, doctor, { personId, program: 'severe_mental_disorder' })).taskId);
    }
    await setSmsNumber(ctx, rc(worker1, 'rem_grid1', 'grid_worker', community), { phone: '13800001111' });
  });
  afterAll(async () => {
    await ctx.close();
    await new Promise((r) => server.close(r));
  });

  it('two workers on one database notify once per task per day and text each worker once a day', async () => {
    // First follow-ups fall due 2026-03-16; the day before nothing is sent.
    const w1 = new JobWorker(ctx, { handlers: JOB_HANDLERS, recurring: [followUpReminders] });
    const w2 = new JobWorker(ctx, { handlers: JOB_HANDLERS, recurring: [followUpReminders] });
    ctx.clock.set('2026-03-15T09:00:00+08:00');
    await Promise.all([w1.drain(), w2.drain()]);
    expect(await ctx.db.query(`SELECT 1 FROM notifications WHERE kind LIKE 'followup.%'`)).toHaveLength(0);

    ctx.clock.set('2026-03-16T09:00:00+08:00');
    await Promise.all([w1.drain(), w2.drain()]);
    ctx.clock.set('2026-03-16T10:00:01+08:00'); // next hourly slot, same day: nothing new
    await Promise.all([w1.drain(), w2.drain()]);
    await Promise.all([w1.drain(), w2.drain()]);
    const day1 = await ctx.db.query<{ dedupe_key: string; kind: string; account_id: string }>(
      `SELECT dedupe_key, kind, account_id FROM notifications WHERE kind LIKE 'followup.%' ORDER BY dedupe_key`,
    );
    expect(day1).toHaveLength(5);
    expect(new Set(day1.map((n) => n.dedupe_key)).size).toBe(5);
    expect(day1.every((n) => n.kind === 'followup.due')).toBe(true);
    const w1Count = day1.filter((n) => n.account_id === worker1).length;
    expect(sms).toHaveLength(1); // only worker1 has a number
    expect(sms[0]).toMatchObject({ to: '13800001111', template: 'followup_reminder', params: { day: '2026-03-16', due: w1Count, overdue: 0 } });
    const [{ status } = { status: '' }] = await ctx.db.query<{ status: string }>('SELECT status FROM followup_tasks WHERE id = $1', [taskIds[0]]);
    expect(status).toBe('due');

    // 2026-03-20: the window (to 03-19) has passed; each task is reminded again, now as overdue, and stored as overdue.
    ctx.clock.set('2026-03-20T09:00:00+08:00');
    await Promise.all([w1.drain(), w2.drain()]);
    await Promise.all([w1.drain(), w2.drain()]);
    const day2 = await ctx.db.query<{ kind: string }>(`SELECT kind FROM notifications WHERE kind LIKE 'followup.%' AND dedupe_key LIKE '%:2026-03-20'`);
    expect(day2).toHaveLength(5);
    expect(day2.every((n) => n.kind === 'followup.overdue')).toBe(true);
    expect(sms).toHaveLength(2);
    const statuses = await ctx.db.query<{ status: string }>(`SELECT DISTINCT status FROM followup_tasks`);
    expect(statuses.map((s) => s.status)).toEqual(['overdue']);
  });
});

import type { AppContext } from '../../app-context.ts';
import type { JobHandler } from '../../jobs/job-handlers.ts';
import { enqueueJob } from '../../jobs/job-queue.ts';
import type { RecurringJob } from '../../jobs/recurring-jobs.ts';
import { consentCheck } from '../assessments/has-valid-consent.ts';
import { notify } from '../notifications/notify.ts';
import { SmsError, createSmsSender } from '../notifications/sms-sender.ts';
import { localDate } from './followup-common.ts';
import { FollowUpRepository } from './followup-repository.ts';

const BATCH = 500;
export const SMS_DIGEST_JOB = 'followup.sms_digest';

interface DueRow {
  id: string;
  person_id: string;
  worker_id: string;
  program: string;
  due_date: string;
}

/**
 * Daily reminders: each open task due today or overdue gives its worker one in-app notification per day
 * (dedupe key task + day), and each worker with an SMS number one digest text per day (a job with dedupe key
 * worker + day). Runs hourly; every run after the first of the day finds nothing new. Safe with several
 * processes. People who withdrew follow-up consent get no reminders. Also moves stored statuses on with the date.
 */
export async function sendFollowUpReminders(ctx: AppContext): Promise<{ notified: number; smsQueued: number }> {
  const now = ctx.clock();
  const today = localDate(now, ctx.config.timeZone);
  await ctx.db.query(`UPDATE followup_tasks SET status = 'overdue' WHERE status IN ('scheduled', 'due') AND window_end < $1::date`, [today]);
  await ctx.db.query(`UPDATE followup_tasks SET status = 'due' WHERE status = 'scheduled' AND window_start <= $1::date AND window_end >= $1::date`, [today]);

  let notified = 0;
  let smsQueued = 0;
  const perWorker = new Map<string, { due: number; overdue: number }>();
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await ctx.db.query<DueRow>(
      `SELECT t.id, t.person_id, t.worker_id, t.program, t.due_date FROM followup_tasks t
       WHERE t.status IN ('scheduled', 'due', 'overdue') AND t.due_date <= $1::date AND t.worker_id IS NOT NULL AND t.id > $2::uuid
         AND NOT EXISTS (SELECT 1 FROM persons p WHERE p.id = t.person_id AND p.deceased_on IS NOT NULL)
       ORDER BY t.id LIMIT ${BATCH}`,
      [today, after],
    );
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const eligible: DueRow[] = [];
    for (const r of rows) {
      const consent = await consentCheck(ctx.db, r.person_id, 'followup', now, ctx.config.timeZone);
      if (consent.valid || consent.reason === 'none') eligible.push(r);
    }
    notified += await ctx.db.transaction(async (tx) => {
      let n = 0;
      for (const r of eligible) {
        const overdue = r.due_date < today;
        await notify(tx, {
          accountId: r.worker_id,
          kind: overdue ? 'followup.overdue' : 'followup.due',
          params: { dueDate: r.due_date, program: r.program },
          link: `/followup/tasks/${r.id}`,
          dedupeKey: `followup.reminder:${r.id}:${today}`,
          at: now,
        });
        const w = perWorker.get(r.worker_id) ?? { due: 0, overdue: 0 };
        if (overdue) w.overdue++;
        else w.due++;
        perWorker.set(r.worker_id, w);
        n++;
      }
      return n;
    });
    if (rows.length < BATCH) break;
  }
  if (ctx.config.sms.adapter !== 'off') {
    await ctx.db.transaction(async (tx) => {
      const repo = new FollowUpRepository(tx);
      for (const [accountId, counts] of perWorker) {
        if (!(await repo.accountSms(accountId))) continue;
        const id = await enqueueJob(tx, now, {
          name: SMS_DIGEST_JOB,
          payload: { accountId, day: today, ...counts },
          dedupeKey: `followup.sms:${accountId}:${today}`,
        });
        if (id !== null) smsQueued++;
      }
    });
  }
  return { notified, smsQueued };
}

export const followUpReminders: RecurringJob = {
  name: 'followup.daily_reminders',
  everySeconds: 3600,
  async run(ctx) {
    await sendFollowUpReminders(ctx);
  },
};

/** Sends one worker's daily digest text. A number the gateway refuses (4xx) is not retried. */
export const smsDigestHandler: JobHandler = {
  mode: 'standalone',
  async run(ctx, job) {
    const { accountId, day, due, overdue } = job.payload as { accountId: string; day: string; due: number; overdue: number };
    const phoneEnc = await new FollowUpRepository(ctx.db).accountSms(accountId);
    if (!phoneEnc) return; // number removed since
    try {
      await createSmsSender(ctx.config).send({
        to: ctx.cipher.decrypt(phoneEnc, 'account_sms.phone'),
        template: 'followup_reminder',
        params: { day, due, overdue },
        idempotencyKey: `followup.sms:${accountId}:${day}`,
      });
    } catch (e) {
      if (e instanceof SmsError && !e.retryable) return;
      throw e;
    }
  },
};

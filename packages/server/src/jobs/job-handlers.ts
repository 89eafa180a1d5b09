import type { AppContext } from '../app-context.ts';
import type { Queryable } from '../db/database.ts';
import { SMS_DIGEST_JOB, smsDigestHandler } from '../modules/followup/followup-reminders.ts';
import type { Job } from './job-queue.ts';

/**
 * How a job's work runs.
 * - `transaction`: inside the transaction that also marks the job done, so its writes happen exactly
 *   once (a retry after a crash sees nothing committed). Use only `tx` inside.
 * - `standalone`: outside any transaction (external calls such as sending an SMS); may run again
 *   after a crash between the work and the done mark, so make it idempotent.
 */
export type JobHandler =
  | { mode: 'transaction'; run(ctx: AppContext, tx: Queryable, job: Job): Promise<void> }
  | { mode: 'standalone'; run(ctx: AppContext, job: Job): Promise<void> };

/** One-off job handlers by job name. Modules add ONE line each. */
export const JOB_HANDLERS: Record<string, JobHandler> = {
  [SMS_DIGEST_JOB]: smsDigestHandler,
};

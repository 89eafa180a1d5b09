import { purgeLinkThrottle } from '../modules/assessments/assessment-jobs.ts';
import type { AppContext } from '../app-context.ts';
import { followUpReminders } from '../modules/followup/followup-reminders.ts';
import { JobRepository } from './job-queue.ts';
import { escalateOverdueCases } from '../modules/crisis/escalate-overdue-cases.ts';
import { reconcileCrisisSignals } from '../modules/crisis/reconcile-crisis-signals.ts';
import { HOTLINE_JOBS } from '../modules/hotline/hotline-jobs.ts';
import { refreshRollupsJob } from '../modules/dashboards/refresh-rollups.ts';

/**
 * A job every server process schedules; exactly one process enqueues each slot (see JobRepository
 * .claimDueRecurring). `run` may run again after a crash mid-way, so it must be idempotent (use
 * dedupe keys, e.g. notify's dedupeKey). Modules add ONE line each to RECURRING_JOBS.
 */
export interface RecurringJob {
  name: string;
  everySeconds: number;
  run(ctx: AppContext): Promise<void>;
}

/** Finished jobs are kept 30 days (enough to see what ran), then removed. */
const purgeFinishedJobs: RecurringJob = {
  name: 'jobs.purge_finished',
  everySeconds: 24 * 3600,
  async run(ctx) {
    await new JobRepository(ctx.db).deleteFinishedBefore(new Date(ctx.clock().getTime() - 30 * 24 * 3600_000));
  },
};

/** The crisis timers (modules/crisis): first-contact deadlines and the escalation ladder; signals never lost. */
const crisisEscalation: RecurringJob = {
  name: 'crisis.escalate_overdue',
  everySeconds: 30,
  async run(ctx) {
    await escalateOverdueCases(ctx);
  },
};
const crisisReconcile: RecurringJob = {
  name: 'crisis.reconcile_signals',
  everySeconds: 300,
  async run(ctx) {
    await reconcileCrisisSignals(ctx);
  },
};

export const RECURRING_JOBS: RecurringJob[] = [purgeFinishedJobs, purgeLinkThrottle, followUpReminders, ...HOTLINE_JOBS, refreshRollupsJob, crisisEscalation, crisisReconcile];

import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.ts';
import { JOB_HANDLERS, type JobHandler } from './job-handlers.ts';
import { JobRepository, enqueueJob, type Job } from './job-queue.ts';
import { RECURRING_JOBS, type RecurringJob } from './recurring-jobs.ts';

const RECURRING_PREFIX = 'recurring:';

export interface JobWorkerOptions {
  /** Pause between polls when the queue is empty. */
  pollMs?: number;
  /** Jobs claimed per poll. */
  batch?: number;
  /** How long a claimed job stays ours; a longer-running job may be claimed again by another worker. */
  leaseMs?: number;
  handlers?: Readonly<Record<string, JobHandler>>;
  recurring?: readonly RecurringJob[];
  /** Where failures are reported (never personal data: job ids and names, error messages). */
  onError?: (info: { jobId: number; name: string; outcome: 'retry' | 'failed'; error: string }) => void;
}

/**
 * Runs queued jobs and schedules recurring ones. Any number of workers (in one or many processes)
 * may share a database: claims use FOR UPDATE SKIP LOCKED, recurring slots are enqueued with a dedupe
 * key. Time comes from ctx.clock, so tests drive it with `tick()`.
 */
export class JobWorker {
  readonly id = randomUUID();
  private readonly pollMs: number;
  private readonly batch: number;
  private readonly leaseMs: number;
  private readonly handlers: Readonly<Record<string, JobHandler>>;
  private readonly recurring: readonly RecurringJob[];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private scheduled = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly options: JobWorkerOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 5000;
    this.batch = options.batch ?? 10;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.handlers = options.handlers ?? JOB_HANDLERS;
    this.recurring = options.recurring ?? RECURRING_JOBS;
  }

  /** One round: enqueue due recurring slots, then claim and run one batch. Returns the jobs run. */
  async tick(): Promise<number> {
    const repo = new JobRepository(this.ctx.db);
    if (!this.scheduled) {
      await repo.ensureRecurring(this.ctx.clock(), this.recurring);
      this.scheduled = true;
    }
    await this.ctx.db.transaction(async (tx) => {
      const now = this.ctx.clock();
      const due = await new JobRepository(tx).claimDueRecurring(
        now,
        this.recurring.map((r) => r.name),
      );
      for (const d of due) {
        await enqueueJob(tx, now, {
          name: `${RECURRING_PREFIX}${d.name}`,
          dedupeKey: `${RECURRING_PREFIX}${d.name}:${d.slot.toISOString()}`,
          maxAttempts: 3,
        });
      }
    });
    const jobs = await repo.claim(this.ctx.clock(), `${this.id}:${randomUUID()}`, this.batch, this.leaseMs);
    for (const job of jobs) await this.runOne(job);
    return jobs.length;
  }

  /** Ticks until the queue has nothing due (tests, `anxin jobs run`). */
  async drain(maxRounds = 100): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxRounds; i++) {
      const n = await this.tick();
      total += n;
      if (n === 0) break;
    }
    return total;
  }

  private async runOne(job: Job): Promise<void> {
    const repo = new JobRepository(this.ctx.db);
    try {
      const handler = this.handlerFor(job.name);
      if (handler.mode === 'transaction') {
        await this.ctx.db.transaction(async (tx) => {
          await handler.run(this.ctx, tx, job);
          if (!(await new JobRepository(tx).finish(job, this.ctx.clock()))) throw new LeaseLost();
        });
      } else {
        await handler.run(this.ctx, job);
        await repo.finish(job, this.ctx.clock());
      }
    } catch (e) {
      if (e instanceof LeaseLost) return; // another worker owns it now
      const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      const outcome = await repo.fail(job, this.ctx.clock(), error);
      this.options.onError?.({ jobId: job.id, name: job.name, outcome, error });
    }
  }

  private handlerFor(name: string): JobHandler {
    if (name.startsWith(RECURRING_PREFIX)) {
      const def = this.recurring.find((r) => r.name === name.slice(RECURRING_PREFIX.length));
      if (!def) throw new Error(`no recurring job named ${name}`);
      return { mode: 'standalone', run: (ctx) => def.run(ctx) };
    }
    const handler = this.handlers[name];
    if (!handler) throw new Error(`no handler for job ${name}`);
    return handler;
  }

  /** Polls until stop(). A failing poll (database briefly away) is reported and retried. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = async (): Promise<void> => {
      let worked = 0;
      try {
        worked = await this.tick();
      } catch (e) {
        this.options.onError?.({ jobId: 0, name: 'poll', outcome: 'retry', error: e instanceof Error ? e.message : String(e) });
      }
      if (this.stopped) return;
      this.timer = setTimeout(() => {
        this.running = loop();
      }, worked > 0 ? 0 : this.pollMs);
    };
    this.running = loop();
  }

  /** Stops polling and waits for the job in hand to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}

class LeaseLost extends Error {}

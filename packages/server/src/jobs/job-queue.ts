import type { Queryable } from '../db/database.ts';

/** A job as the worker sees it. */
export interface Job {
  id: number;
  name: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  /** The lease token of the claim; finishing checks it so a job whose lease was lost is not finished twice. */
  lockedBy: string;
}

export interface EnqueueJob {
  name: string;
  payload?: Record<string, unknown>;
  /** When it may run first; defaults to `now`. */
  runAt?: Date;
  /** A job with a key that was ever enqueued before is not enqueued again. */
  dedupeKey?: string;
  maxAttempts?: number;
}

interface JobRow {
  id: number;
  name: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
  run_at: Date;
  locked_by: string;
}

const toJob = (r: JobRow): Job => ({
  id: Number(r.id),
  name: r.name,
  payload: r.payload,
  attempts: r.attempts,
  maxAttempts: r.max_attempts,
  runAt: r.run_at,
  lockedBy: r.locked_by,
});

/**
 * Enqueues a job in the caller's transaction (so it exists only if the change that wants it commits).
 * Returns the new id, or null when the dedupe key was already used.
 */
export async function enqueueJob(tx: Queryable, now: Date, job: EnqueueJob): Promise<number | null> {
  const rows = await tx.query<{ id: number }>(
    `INSERT INTO jobs (name, payload, dedupe_key, run_at, max_attempts, created_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`,
    [job.name, JSON.stringify(job.payload ?? {}), job.dedupeKey ?? null, job.runAt ?? now, job.maxAttempts ?? 5, now],
  );
  return rows[0] ? Number(rows[0].id) : null;
}

/** Retry delay after the n-th failed attempt: 30 s, 1 min, 2 min … capped at one hour. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** All SQL of the queue. */
export class JobRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * Claims up to `limit` due jobs for `leaseMs`. SKIP LOCKED lets several workers claim at once without
   * waiting on or taking each other's rows; a job whose lease ran out (crashed worker) is due again.
   */
  async claim(now: Date, workerToken: string, limit: number, leaseMs: number): Promise<Job[]> {
    const rows = await this.db.query<JobRow>(
      `UPDATE jobs SET attempts = attempts + 1, locked_until = $2, locked_by = $3
       WHERE id IN (
         SELECT id FROM jobs
         WHERE status = 'pending' AND run_at <= $1 AND (locked_until IS NULL OR locked_until <= $1)
         ORDER BY run_at, id
         LIMIT $4
         FOR UPDATE SKIP LOCKED)
       RETURNING id, name, payload, attempts, max_attempts, run_at, locked_by`,
      [now, new Date(now.getTime() + leaseMs), workerToken, limit],
    );
    return rows.map(toJob).sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id);
  }

  /**
   * Marks a claimed job done. Run it in the same transaction as the job's own writes: if the lease was
   * lost to another worker meanwhile it returns false and the caller must roll back.
   */
  async finish(job: Job, now: Date): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE jobs SET status = 'done', finished_at = $3, locked_until = NULL, last_error = NULL
       WHERE id = $1 AND locked_by = $2 AND status = 'pending' RETURNING id`,
      [job.id, job.lockedBy, now],
    );
    return rows.length === 1;
  }

  /** Records a failed attempt: retried after a backoff, or failed for good after max_attempts. */
  async fail(job: Job, now: Date, error: string): Promise<'retry' | 'failed'> {
    const final = job.attempts >= job.maxAttempts;
    await this.db.query(
      `UPDATE jobs SET status = $3, run_at = $4, locked_until = NULL, last_error = $5,
         finished_at = CASE WHEN $3 = 'failed' THEN $6::timestamptz ELSE NULL END
       WHERE id = $1 AND locked_by = $2 AND status = 'pending'`,
      [job.id, job.lockedBy, final ? 'failed' : 'pending', new Date(now.getTime() + backoffMs(job.attempts)), error.slice(0, 2000), now],
    );
    return final ? 'failed' : 'retry';
  }

  /** Housekeeping: finished jobs older than `before` (dedupe keys of daily jobs name their day). */
  async deleteFinishedBefore(before: Date): Promise<number> {
    const rows = await this.db.query(`DELETE FROM jobs WHERE status <> 'pending' AND finished_at < $1 RETURNING id`, [before]);
    return rows.length;
  }

  async counts(): Promise<Record<'pending' | 'done' | 'failed', number>> {
    const rows = await this.db.query<{ status: 'pending' | 'done' | 'failed'; n: number }>(
      'SELECT status, count(*)::int AS n FROM jobs GROUP BY status',
    );
    const out = { pending: 0, done: 0, failed: 0 };
    for (const r of rows) out[r.status] = r.n;
    return out;
  }

  // ---- recurring schedules ----

  /** Makes sure each recurring job has its schedule row (first run now); updates a changed interval. */
  async ensureRecurring(now: Date, jobs: ReadonlyArray<{ name: string; everySeconds: number }>): Promise<void> {
    for (const j of jobs) {
      await this.db.query(
        `INSERT INTO recurring_jobs (name, every_seconds, next_run_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET every_seconds = EXCLUDED.every_seconds
         WHERE recurring_jobs.every_seconds <> EXCLUDED.every_seconds`,
        [j.name, j.everySeconds, now],
      );
    }
  }

  /**
   * Claims the due recurring schedules (SKIP LOCKED) and moves each to its next slot. Run it in a
   * transaction together with the enqueue of each slot's run.
   */
  async claimDueRecurring(now: Date, names: readonly string[]): Promise<Array<{ name: string; slot: Date }>> {
    if (names.length === 0) return [];
    const due = await this.db.query<{ name: string; next_run_at: Date; every_seconds: number }>(
      `SELECT name, next_run_at, every_seconds FROM recurring_jobs
       WHERE next_run_at <= $1 AND name = ANY($2::text[])
       ORDER BY next_run_at FOR UPDATE SKIP LOCKED`,
      [now, names],
    );
    for (const d of due) {
      // The next slot after now (a process that was down for a day runs once, not once per missed slot).
      const everyMs = d.every_seconds * 1000;
      const missed = Math.floor((now.getTime() - d.next_run_at.getTime()) / everyMs) + 1;
      await this.db.query('UPDATE recurring_jobs SET next_run_at = $2, last_run_at = $3 WHERE name = $1', [
        d.name,
        new Date(d.next_run_at.getTime() + missed * everyMs),
        now,
      ]);
    }
    return due.map((d) => ({ name: d.name, slot: d.next_run_at }));
  }
}

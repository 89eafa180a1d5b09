import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../db/database.ts';
import { createTestContext, type TestContext } from '../testing/test-context.ts';
import { backends } from '../testing/test-database.ts';
import type { JobHandler } from './job-handlers.ts';
import { JobRepository, backoffMs, enqueueJob } from './job-queue.ts';
import { JobWorker } from './job-worker.ts';
import type { RecurringJob } from './recurring-jobs.ts';

async function jobRow(db: Queryable, id: number) {
  const [row] = await db.query<{ status: string; attempts: number; last_error: string | null; run_at: Date }>(
    'SELECT status, attempts, last_error, run_at FROM jobs WHERE id = $1',
    [id],
  );
  if (!row) throw new Error('no job');
  return row;
}

describe.each(backends())('job queue on %s', (backend) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(backend);
    await ctx.db.exec('CREATE TABLE job_effects (job_id bigint, note text)');
  });
  afterAll(async () => {
    await ctx.close();
  });

  const recordEffect: JobHandler = {
    mode: 'transaction',
    async run(_ctx, tx, job) {
      await tx.query('INSERT INTO job_effects (job_id, note) VALUES ($1, $2)', [job.id, String(job.payload.note)]);
    },
  };

  it('enqueues once per dedupe key and runs a job exactly once', async () => {
    const id = await enqueueJob(ctx.db, ctx.clock(), { name: 'test.effect', payload: { note: 'a' }, dedupeKey: 'k-1' });
    expect(id).not.toBeNull();
    expect(await enqueueJob(ctx.db, ctx.clock(), { name: 'test.effect', payload: { note: 'b' }, dedupeKey: 'k-1' })).toBeNull();
    const worker = new JobWorker(ctx, { handlers: { 'test.effect': recordEffect }, recurring: [] });
    expect(await worker.drain()).toBe(1);
    expect(await worker.drain()).toBe(0);
    expect(await ctx.db.query('SELECT note FROM job_effects WHERE job_id = $1', [id])).toEqual([{ note: 'a' }]);
    expect((await jobRow(ctx.db, id!)).status).toBe('done');
  });

  it('does not run a job before its run_at', async () => {
    const id = await enqueueJob(ctx.db, ctx.clock(), {
      name: 'test.effect',
      payload: { note: 'later' },
      runAt: new Date(ctx.clock().getTime() + 3600_000),
    });
    const worker = new JobWorker(ctx, { handlers: { 'test.effect': recordEffect }, recurring: [] });
    expect(await worker.drain()).toBe(0);
    ctx.clock.advance(3600_000);
    expect(await worker.drain()).toBe(1);
    expect((await jobRow(ctx.db, id!)).status).toBe('done');
  });

  it('retries a failing job with backoff, rolls back its writes, and gives up after max_attempts', async () => {
    let calls = 0;
    const failing: JobHandler = {
      mode: 'transaction',
      async run(_ctx, tx, job) {
        calls++;
        await tx.query('INSERT INTO job_effects (job_id, note) VALUES ($1, $2)', [job.id, 'partial']);
        throw new Error('boom');
      },
    };
    const errors: string[] = [];
    const worker = new JobWorker(ctx, { handlers: { 'test.fail': failing }, recurring: [], onError: (i) => errors.push(i.outcome) });
    const id = (await enqueueJob(ctx.db, ctx.clock(), { name: 'test.fail', maxAttempts: 3 }))!;
    expect(await worker.drain()).toBe(1);
    let row = await jobRow(ctx.db, id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'Error: boom' });
    expect(row.run_at.getTime()).toBe(ctx.clock().getTime() + backoffMs(1));
    expect(await worker.drain()).toBe(0); // not yet due
    ctx.clock.advance(backoffMs(1));
    await worker.drain();
    ctx.clock.advance(backoffMs(2));
    await worker.drain();
    row = await jobRow(ctx.db, id);
    expect(row).toMatchObject({ status: 'failed', attempts: 3 });
    expect(calls).toBe(3);
    expect(errors).toEqual(['retry', 'retry', 'failed']);
    expect(await ctx.db.query('SELECT 1 FROM job_effects WHERE job_id = $1', [id])).toHaveLength(0);
  });

  it('fails a job nobody handles instead of looping', async () => {
    const id = (await enqueueJob(ctx.db, ctx.clock(), { name: 'test.unknown', maxAttempts: 1 }))!;
    await new JobWorker(ctx, { handlers: {}, recurring: [] }).drain();
    expect(await jobRow(ctx.db, id)).toMatchObject({ status: 'failed', last_error: 'Error: no handler for job test.unknown' });
  });

  it('a job whose lease expired is claimed again and the first holder cannot finish it', async () => {
    const id = (await enqueueJob(ctx.db, ctx.clock(), { name: 'test.effect', payload: { note: 'lease' } }))!;
    const repo = new JobRepository(ctx.db);
    const [first] = await repo.claim(ctx.clock(), 'w1', 10, 60_000);
    expect(first?.id).toBe(id);
    expect(await repo.claim(ctx.clock(), 'w2', 10, 60_000)).toHaveLength(0); // still leased
    ctx.clock.advance(61_000);
    const [second] = await repo.claim(ctx.clock(), 'w2', 10, 60_000);
    expect(second?.id).toBe(id);
    expect(await repo.finish(first!, ctx.clock())).toBe(false);
    expect(await repo.finish(second!, ctx.clock())).toBe(true);
    expect(await jobRow(ctx.db, id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('two workers share the queue without running any job twice', async () => {
    await ctx.db.query('DELETE FROM job_effects');
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) ids.push((await enqueueJob(ctx.db, ctx.clock(), { name: 'test.effect', payload: { note: `n${i}` } }))!);
    const handlers = { 'test.effect': recordEffect };
    const a = new JobWorker(ctx, { handlers, recurring: [], batch: 4 });
    const b = new JobWorker(ctx, { handlers, recurring: [], batch: 4 });
    const [ra, rb] = await Promise.all([a.drain(), b.drain()]);
    expect(ra + rb).toBe(30);
    const effects = await ctx.db.query<{ job_id: number }>('SELECT job_id FROM job_effects WHERE job_id = ANY($1::bigint[])', [ids]);
    expect(effects.map((e) => Number(e.job_id)).sort((x, y) => x - y)).toEqual([...ids].sort((x, y) => x - y));
  });

  it('runs each recurring slot once across two workers, and skips missed slots after downtime', async () => {
    let runs = 0;
    const recurring: RecurringJob[] = [
      {
        name: 'test.tick',
        everySeconds: 3600,
        run: () => {
          runs++;
          return Promise.resolve();
        },
      },
    ];
    const a = new JobWorker(ctx, { handlers: {}, recurring });
    const b = new JobWorker(ctx, { handlers: {}, recurring });
    await Promise.all([a.drain(), b.drain()]);
    await Promise.all([a.drain(), b.drain()]);
    expect(runs).toBe(1);
    ctx.clock.advance(3600_000);
    await Promise.all([a.drain(), b.drain()]);
    expect(runs).toBe(2);
    ctx.clock.advance(10 * 3600_000 + 60_000); // ten slots missed while "down"
    await Promise.all([a.drain(), b.drain()]);
    expect(runs).toBe(3);
    const [row] = await ctx.db.query<{ next_run_at: Date }>("SELECT next_run_at FROM recurring_jobs WHERE name = 'test.tick'");
    expect(row!.next_run_at.getTime()).toBeGreaterThan(ctx.clock().getTime());
  });

  it('start() polls and stop() waits for the job in hand', async () => {
    const id = (await enqueueJob(ctx.db, ctx.clock(), { name: 'test.effect', payload: { note: 'polled' } }))!;
    const worker = new JobWorker(ctx, { handlers: { 'test.effect': recordEffect }, recurring: [], pollMs: 20 });
    worker.start();
    for (let i = 0; i < 100 && (await jobRow(ctx.db, id)).status !== 'done'; i++) await new Promise((r) => setTimeout(r, 20));
    await worker.stop();
    expect((await jobRow(ctx.db, id)).status).toBe('done');
  });
});

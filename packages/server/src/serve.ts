import type { FastifyInstance } from 'fastify';
import type { AppContext } from './app-context.ts';
import { openAppContext } from './boot.ts';
import type { Config } from './config.ts';
import { seedDemo, type DemoResult } from './demo/seed-demo.ts';
import { buildApp } from './http/app.ts';
import { JobWorker } from './jobs/job-worker.ts';
import { SessionRepository } from './modules/auth/session-repository.ts';

export interface RunningServer {
  app: FastifyInstance;
  ctx: AppContext;
  url: string;
  demo: DemoResult | undefined;
  close(): Promise<void>;
}

/** Starts Anxin: database, migrations, reference data, optional demo seed, HTTP server. */
export async function startServer(config: Config, options: { demo?: boolean; logger?: boolean } = {}): Promise<RunningServer> {
  const ctx = await openAppContext(config);
  let demo: DemoResult | undefined;
  try {
    if (options.demo) demo = await seedDemo(ctx, { password: config.demoPassword });
  } catch (e) {
    await ctx.db.close();
    throw e;
  }
  const app = await buildApp(ctx, { logger: options.logger ?? true });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;

  // Expired sessions are refused on use; this only keeps the table small.
  const sweep = setInterval(() => {
    new SessionRepository(ctx.db).deleteExpired(ctx.clock(), config.sessionIdleMs).catch((err: unknown) => {
      app.log.warn({ err }, 'session sweep failed');
    });
  }, 10 * 60_000);
  sweep.unref();

  // Background jobs (reminders, recurring work). Safe with several processes; ANXIN_JOBS=off disables it here.
  const worker = config.jobs.enabled
    ? new JobWorker(ctx, {
        pollMs: config.jobs.pollMs,
        onError: (info) => app.log.warn(info, 'job failed'),
      })
    : undefined;
  worker?.start();

  let closing: Promise<void> | undefined;
  return {
    app,
    ctx,
    demo,
    url: `http://${shownHost}:${port}`,
    close() {
      closing ??= (async () => {
        clearInterval(sweep);
        await worker?.stop();
        await app.close();
        await ctx.db.close();
      })();
      return closing;
    },
  };
}

import { ConfigError, loadConfig, openAppContext, type AppContext } from '@anxin/server';
import type { CliIo } from '../command.ts';

/** Opens the same database `anxin serve` would (DATABASE_URL or ANXIN_DATA_DIR), runs `fn`, closes it. */
export async function withContext(io: CliIo, fn: (ctx: AppContext) => Promise<number>): Promise<number> {
  let config;
  try {
    config = loadConfig(io.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  let ctx: AppContext;
  try {
    ctx = await openAppContext(config);
  } catch (e) {
    io.err(`anxin: cannot open the database: ${(e as Error).message}\n`);
    return 1;
  }
  try {
    return await fn(ctx);
  } finally {
    await ctx.db.close();
  }
}

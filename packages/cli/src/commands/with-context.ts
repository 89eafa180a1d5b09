// Direct paths rather than the `@anxin/server` barrel: a command that only needs the database must not
// load the HTTP layer (Fastify, Swagger, every route) — ~130 MB of a CLI process.
import type { AppContext } from '@anxin/server/app-context.ts';
import { openAppContext } from '@anxin/server/boot.ts';
import { ConfigError, loadConfig, type Config } from '@anxin/server/config.ts';
import type { CliIo } from '../command.ts';

/** Parses the configuration from the command's environment; prints what is wrong and returns undefined. */
export function loadCliConfig(io: CliIo): Config | undefined {
  try {
    return loadConfig(io.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(`${e.message}\n`);
      return undefined;
    }
    throw e;
  }
}

/** Opens the same database `anxin serve` would (DATABASE_URL or ANXIN_DATA_DIR), runs `fn`, closes it. */
export async function withContext(io: CliIo, fn: (ctx: AppContext) => Promise<number>): Promise<number> {
  const config = loadCliConfig(io);
  if (!config) return 2;
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

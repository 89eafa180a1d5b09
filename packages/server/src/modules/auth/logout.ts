import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { SessionRepository } from './session-repository.ts';

/** Ends this session only. */
export async function logout(ctx: Pick<AppContext, 'db' | 'clock'>, rc: RequestContext, tokenHash: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await new SessionRepository(tx).delete(tokenHash);
    await appendAudit(tx, { at: ctx.clock(), accountId: rc.actor.accountId, username: rc.actor.username, action: 'auth.logout', clientIp: rc.clientIp });
  });
}

/** Ends every session of the account, on every device. */
export async function logoutEverywhere(ctx: Pick<AppContext, 'db' | 'clock'>, rc: RequestContext): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const ended = await new SessionRepository(tx).deleteAllFor(rc.actor.accountId);
    await appendAudit(tx, {
      at: ctx.clock(),
      accountId: rc.actor.accountId,
      username: rc.actor.username,
      action: 'auth.logout_everywhere',
      clientIp: rc.clientIp,
      details: { sessionsEnded: ended },
    });
    return ended;
  });
}

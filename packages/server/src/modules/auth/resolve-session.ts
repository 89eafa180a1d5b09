import { sessionStatus, shouldTouch, type Actor } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import { AccountRepository } from '../accounts/account-repository.ts';
import { SessionRepository } from './session-repository.ts';
import { hashToken } from './session-token.ts';

export type ResolvedSession =
  | { status: 'active'; actor: Actor; tokenHash: string; csrfToken: string }
  | { status: 'expired' | 'unknown' };

/** Finds the session behind a cookie token, ends it when idle or too old, and keeps it alive otherwise. */
export async function resolveSession(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>, token: string): Promise<ResolvedSession> {
  const now = ctx.clock();
  const sessions = new SessionRepository(ctx.db);
  const tokenHash = hashToken(token);
  const session = await sessions.find(tokenHash);
  if (!session) return { status: 'unknown' };
  if (sessionStatus(session, now, ctx.config.sessionIdleMs) !== 'active') {
    await sessions.delete(tokenHash);
    return { status: 'expired' };
  }
  const accounts = new AccountRepository(ctx.db);
  const account = await accounts.findById(session.accountId);
  if (!account || account.disabledAt) {
    await sessions.delete(tokenHash);
    return { status: 'unknown' };
  }
  if (shouldTouch(session, now)) await sessions.touch(tokenHash, now);
  return { status: 'active', actor: await accounts.actor(account), tokenHash, csrfToken: session.csrfToken };
}

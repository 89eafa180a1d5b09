import { isRole, sessionStatus, shouldTouch, type Actor } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import { sessionCache } from './session-cache.ts';
import { SessionRepository } from './session-repository.ts';
import { hashToken } from './session-token.ts';

export type ResolvedSession =
  | { status: 'active'; actor: Actor; tokenHash: string; csrfToken: string }
  | { status: 'expired' | 'unknown' };

/**
 * Finds the session behind a cookie token, ends it when idle or too old, and keeps it alive otherwise.
 * `activity: false` (a background poll the app made on its own) reads the session without extending it,
 * so an unattended tab still signs out after the idle limit.
 */
export async function resolveSession(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  token: string,
  options: { activity?: boolean } = {},
): Promise<ResolvedSession> {
  const now = ctx.clock();
  const sessions = new SessionRepository(ctx.db);
  const tokenHash = hashToken(token);
  // With ANXIN_SESSION_CACHE_MS, a session read a moment ago by this process is reused (see session-cache.ts).
  const cacheMs = ctx.config.sessionCacheMs;
  let session = cacheMs > 0 ? sessionCache.get(tokenHash, now.getTime()) : undefined;
  if (!session) {
    session = await sessions.findWithAccount(tokenHash);
    if (session && cacheMs > 0) sessionCache.put(tokenHash, session, now.getTime() + cacheMs);
  }
  if (!session) return { status: 'unknown' };
  if (sessionStatus(session, now, ctx.config.sessionIdleMs) !== 'active') {
    await sessions.delete(tokenHash);
    return { status: 'expired' };
  }
  if (session.disabled) {
    await sessions.delete(tokenHash);
    return { status: 'unknown' };
  }
  if (options.activity !== false && shouldTouch(session, now)) {
    await sessions.touch(tokenHash, now);
    if (cacheMs > 0) sessionCache.touched(tokenHash, now);
  }
  const actor: Actor = {
    accountId: session.accountId,
    username: session.username,
    // A role name the code no longer knows (a downgrade) grants nothing rather than failing every request.
    roles: session.roles.flatMap((r) => (isRole(r.role) ? [{ role: r.role, regionCode: r.regionCode, organizationId: r.organizationId }] : [])),
  };
  return { status: 'active', actor, tokenHash, csrfToken: session.csrfToken };
}

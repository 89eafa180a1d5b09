import { AppError, CLIENT_RULE, ErrorCode, USERNAME_RULE, lockedForSeconds, recordFailure } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import { AccountRepository, type AccountRecord, type RoleView } from '../accounts/account-repository.ts';
import { LoginThrottleRepository } from './login-throttle-repository.ts';
import { dummyPasswordHash, verifyPassword } from './password-hasher.ts';
import { SessionRepository } from './session-repository.ts';
import { hashToken, newToken } from './session-token.ts';

export interface LoginInput {
  username: string;
  password: string;
  clientIp: string;
  userAgent: string | null;
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  account: AccountRecord;
  roles: RoleView[];
}

const userKey = (u: string): string => `user:${u.toLowerCase()}`;
const ipKey = (ip: string): string => `ip:${ip}`;

/**
 * Signs in with a username and password. Wrong credentials count towards a lockout of the username
 * and of the client address; the reply never says which of username or password was wrong.
 */
export async function login(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>, input: LoginInput): Promise<LoginResult> {
  const now = ctx.clock();
  const username = input.username.trim().toLowerCase();

  const [userState, ipState] = await Promise.all([
    new LoginThrottleRepository(ctx.db).get(userKey(username)),
    new LoginThrottleRepository(ctx.db).get(ipKey(input.clientIp)),
  ]);
  const lockedFor = Math.max(lockedForSeconds(userState, now), lockedForSeconds(ipState, now));
  if (lockedFor > 0) {
    await ctx.db.transaction((tx) =>
      appendAudit(tx, { at: now, username, action: 'auth.login', outcome: 'denied', clientIp: input.clientIp, reason: 'locked' }),
    );
    throw new AppError(ErrorCode.ACCOUNT_LOCKED, 'Too many failed sign-ins. Try again later.', {
      details: { retryAfterSeconds: lockedFor },
    });
  }

  const account = await new AccountRepository(ctx.db).findByUsername(username);
  const ok = await verifyPassword(account?.passwordHash ?? (await dummyPasswordHash()), input.password);

  if (!account || !ok) {
    await ctx.db.transaction(async (tx) => {
      const throttle = new LoginThrottleRepository(tx);
      await throttle.put(userKey(username), recordFailure(await throttle.get(userKey(username)), now, USERNAME_RULE));
      await throttle.put(ipKey(input.clientIp), recordFailure(await throttle.get(ipKey(input.clientIp)), now, CLIENT_RULE));
      await appendAudit(tx, {
        at: now,
        accountId: account?.id ?? null,
        username,
        action: 'auth.login',
        outcome: 'failure',
        clientIp: input.clientIp,
        reason: account ? 'wrong_password' : 'unknown_username',
      });
    });
    throw new AppError(ErrorCode.INVALID_CREDENTIALS, 'Wrong username or password');
  }
  if (account.disabledAt) {
    await ctx.db.transaction((tx) =>
      appendAudit(tx, { at: now, accountId: account.id, username, action: 'auth.login', outcome: 'denied', clientIp: input.clientIp, reason: 'disabled' }),
    );
    throw new AppError(ErrorCode.ACCOUNT_DISABLED, 'This account is disabled');
  }

  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionAbsoluteMs);
  const roles = await ctx.db.transaction(async (tx) => {
    const throttle = new LoginThrottleRepository(tx);
    await throttle.clear(userKey(username));
    await new SessionRepository(tx).create({
      tokenHash: hashToken(token),
      accountId: account.id,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      clientIp: input.clientIp,
      userAgent: input.userAgent,
    });
    const roleViews = await new AccountRepository(tx).roles(account.id);
    await appendAudit(tx, {
      at: now,
      accountId: account.id,
      username,
      role: roleViews.map((r) => r.role).join(',') || null,
      action: 'auth.login',
      outcome: 'success',
      clientIp: input.clientIp,
    });
    return roleViews;
  });
  return { token, csrfToken, expiresAt, account, roles };
}

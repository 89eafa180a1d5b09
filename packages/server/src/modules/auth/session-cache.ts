import type { SessionWithAccount } from './session-repository.ts';

/**
 * Sessions this process has read, for ANXIN_SESSION_CACHE_MS (off by default): every authenticated request would
 * otherwise wait for one database round trip before its handler runs. Entries are keyed by the token's hash and
 * dropped when the session is deleted here (sign-out, "sign out everywhere", expiry); what changes elsewhere (another
 * process, an account disabled, a role changed) applies when the entry runs out. Bounded: the oldest go first.
 */
const MAX_ENTRIES = 10_000;
const entries = new Map<string, { until: number; session: SessionWithAccount }>();

export const sessionCache = {
  get(tokenHash: string, nowMs: number): SessionWithAccount | undefined {
    const e = entries.get(tokenHash);
    if (!e) return undefined;
    if (e.until <= nowMs) {
      entries.delete(tokenHash);
      return undefined;
    }
    return e.session;
  },
  put(tokenHash: string, session: SessionWithAccount, untilMs: number): void {
    entries.delete(tokenHash);
    if (entries.size >= MAX_ENTRIES) {
      const oldest = entries.keys().next().value;
      if (oldest !== undefined) entries.delete(oldest);
    }
    entries.set(tokenHash, { until: untilMs, session });
  },
  /** Keeps the entry's expiry but records a newer last-seen time (after a touch). */
  touched(tokenHash: string, at: Date): void {
    const e = entries.get(tokenHash);
    if (e) e.session = { ...e.session, lastSeenAt: at };
  },
  forget(tokenHash: string): void {
    entries.delete(tokenHash);
  },
  forgetAccount(accountId: string): void {
    for (const [key, e] of entries) if (e.session.accountId === accountId) entries.delete(key);
  },
};

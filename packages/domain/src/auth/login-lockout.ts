/**
 * Sign-in throttling. Failures are counted per key (a username, or a client address) within a
 * window; reaching the limit locks the key for a while. A success clears the username's count.
 */
export interface ThrottleState {
  failures: number;
  windowStart: Date;
  lockedUntil: Date | null;
}

export interface ThrottleRule {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/** Per username: 5 wrong passwords within 15 minutes lock the account for 15 minutes. */
export const USERNAME_RULE: ThrottleRule = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** Per client address: 20 failures within 15 minutes (password spraying across accounts). */
export const CLIENT_RULE: ThrottleRule = { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/** Seconds until the key may try again, or 0 when it is not locked. */
export function lockedForSeconds(state: ThrottleState | undefined, now: Date): number {
  if (!state?.lockedUntil) return 0;
  const ms = state.lockedUntil.getTime() - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

/** The state after one more failure. */
export function recordFailure(state: ThrottleState | undefined, now: Date, rule: ThrottleRule): ThrottleState {
  if (!state || now.getTime() - state.windowStart.getTime() >= rule.windowMs || lockExpired(state, now)) {
    return { failures: 1, windowStart: now, lockedUntil: rule.maxFailures <= 1 ? new Date(now.getTime() + rule.lockMs) : null };
  }
  const failures = state.failures + 1;
  const windowStart = state.windowStart;
  const lockedUntil = failures >= rule.maxFailures ? new Date(now.getTime() + rule.lockMs) : null;
  return { failures, windowStart, lockedUntil };
}

function lockExpired(state: ThrottleState, now: Date): boolean {
  return state.lockedUntil !== null && lockedForSeconds(state, now) === 0;
}

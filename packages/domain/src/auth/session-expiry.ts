/** Sessions end after 30 minutes without activity or 12 hours after sign-in, whichever comes first. */
export interface SessionTimes {
  lastSeenAt: Date;
  expiresAt: Date;
}

export type SessionStatus = 'active' | 'idle_expired' | 'absolute_expired';

export function sessionStatus(session: SessionTimes, now: Date, idleMs: number): SessionStatus {
  if (now.getTime() >= session.expiresAt.getTime()) return 'absolute_expired';
  if (now.getTime() - session.lastSeenAt.getTime() >= idleMs) return 'idle_expired';
  return 'active';
}

/** Touching last_seen on every request would write on every read; once a minute is precise enough. */
export const SESSION_TOUCH_INTERVAL_MS = 60_000;

export function shouldTouch(session: SessionTimes, now: Date): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS;
}

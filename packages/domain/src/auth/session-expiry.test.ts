import { describe, expect, it } from 'vitest';
import { sessionStatus, shouldTouch } from './session-expiry.ts';

const IDLE = 30 * 60_000;
const start = new Date('2026-01-01T08:00:00+08:00');
const plus = (ms: number): Date => new Date(start.getTime() + ms);
const session = { lastSeenAt: start, expiresAt: plus(12 * 3_600_000) };

describe('session expiry', () => {
  it('is active within the idle window', () => {
    expect(sessionStatus(session, plus(IDLE - 1), IDLE)).toBe('active');
  });
  it('expires after 30 idle minutes', () => {
    expect(sessionStatus(session, plus(IDLE), IDLE)).toBe('idle_expired');
  });
  it('expires at 12 hours even when active', () => {
    const busy = { lastSeenAt: plus(12 * 3_600_000 - 1000), expiresAt: session.expiresAt };
    expect(sessionStatus(busy, plus(12 * 3_600_000), IDLE)).toBe('absolute_expired');
    expect(sessionStatus(busy, plus(12 * 3_600_000 - 1), IDLE)).toBe('active');
  });
  it('touches at most once a minute', () => {
    expect(shouldTouch(session, plus(59_999))).toBe(false);
    expect(shouldTouch(session, plus(60_000))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { USERNAME_RULE, lockedForSeconds, recordFailure, type ThrottleState } from './login-lockout.ts';

const t0 = new Date('2026-01-01T00:00:00Z');
const at = (ms: number): Date => new Date(t0.getTime() + ms);

function fail(times: number, start = 0, step = 1000): ThrottleState | undefined {
  let s: ThrottleState | undefined;
  for (let i = 0; i < times; i++) s = recordFailure(s, at(start + i * step), USERNAME_RULE);
  return s;
}

describe('login lockout', () => {
  it('does not lock below the limit', () => {
    const s = fail(4);
    expect(s?.failures).toBe(4);
    expect(lockedForSeconds(s, at(5000))).toBe(0);
  });

  it('locks on the fifth failure for 15 minutes', () => {
    const s = fail(5);
    expect(lockedForSeconds(s, at(4000))).toBe(15 * 60);
    expect(lockedForSeconds(s, at(4000 + 15 * 60_000 - 1000))).toBe(1);
    expect(lockedForSeconds(s, at(4000 + 15 * 60_000))).toBe(0);
  });

  it('forgets failures outside the window', () => {
    let s = fail(4);
    s = recordFailure(s, at(USERNAME_RULE.windowMs + 10_000), USERNAME_RULE);
    expect(s.failures).toBe(1);
    expect(s.lockedUntil).toBeNull();
  });

  it('starts counting afresh after a lock expires', () => {
    const locked = fail(5);
    const after = recordFailure(locked, at(4000 + USERNAME_RULE.lockMs + 1), USERNAME_RULE);
    expect(after.failures).toBe(1);
    expect(after.lockedUntil).toBeNull();
  });

  it('unlocked state reports zero', () => {
    expect(lockedForSeconds(undefined, t0)).toBe(0);
  });
});

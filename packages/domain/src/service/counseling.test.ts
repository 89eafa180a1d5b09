import { describe, expect, it } from 'vitest';
import { PLAN_STATUSES, canChangePlanStatus, planAcceptsSessions, validateSession, type SessionDraft } from './counseling.ts';

const TODAY = '2026-03-02';
const ok: SessionDraft = { date: '2026-03-01', durationMinutes: 50, participantCount: 1, type: 'individual' };

describe('validateSession', () => {
  it('accepts a valid individual session dated today or earlier', () => {
    expect(validateSession(ok, TODAY)).toEqual([]);
    expect(validateSession({ ...ok, date: TODAY }, TODAY)).toEqual([]);
  });

  it.each([
    [{ date: '2026-03-03' }, 'date'],
    [{ date: '2026-02-30x' }, 'date'],
    [{ durationMinutes: 4 }, 'durationMinutes'],
    [{ durationMinutes: 481 }, 'durationMinutes'],
    [{ durationMinutes: 30.5 }, 'durationMinutes'],
    [{ participantCount: 2 }, 'participants'],
    [{ type: 'family' as const, participantCount: 0 }, 'participants'],
    [{ type: 'group' as const, participantCount: 1 }, 'participants'],
  ])('refuses %o naming %s', (change, field) => {
    expect(validateSession({ ...ok, ...change }, TODAY).map((e) => e.field)).toEqual([field]);
  });

  it('a group session takes two or more participants', () => {
    expect(validateSession({ ...ok, type: 'group', participantCount: 2 }, TODAY)).toEqual([]);
    expect(validateSession({ ...ok, type: 'group', participantCount: 30 }, TODAY)).toEqual([]);
  });
});

describe('plan status', () => {
  it('finished plans stay finished, active and paused plans can move', () => {
    const table = PLAN_STATUSES.map((from) => [from, PLAN_STATUSES.filter((to) => canChangePlanStatus(from, to))]);
    expect(table).toEqual([
      ['active', ['paused', 'completed', 'cancelled']],
      ['paused', ['active', 'completed', 'cancelled']],
      ['completed', []],
      ['cancelled', []],
    ]);
  });

  it('only an active plan takes sessions', () => {
    expect(PLAN_STATUSES.filter(planAcceptsSessions)).toEqual(['active']);
  });
});

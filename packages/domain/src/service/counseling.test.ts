import { describe, expect, it } from 'vitest';
import {
  PLAN_STATUSES,
  canChangePlanStatus,
  planAcceptsSessions,
  planIsOpen,
  reassignedOwner,
  validateSession,
  validateSessionCorrection,
  type SessionDraft,
} from './counseling.ts';

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

describe('planIsOpen', () => {
  it.each([
    ['active', true],
    ['paused', true],
    ['completed', false],
    ['cancelled', false],
  ] as const)('%s → %s', (status, open) => {
    expect(planIsOpen(status)).toBe(open);
  });
});

describe('reassignedOwner', () => {
  const current = { teamId: 'team-1', responsibleAccountId: 'acc-1' };
  it('keeps what is left out and clears what is null', () => {
    expect(reassignedOwner(current, { responsibleAccountId: 'acc-2' })).toEqual({ owner: { teamId: 'team-1', responsibleAccountId: 'acc-2' }, errors: [] });
    expect(reassignedOwner(current, { teamId: 'team-2', responsibleAccountId: null })).toEqual({ owner: { teamId: 'team-2', responsibleAccountId: null }, errors: [] });
  });
  it('refuses a change of nothing and a plan left with no one', () => {
    expect(reassignedOwner(current, {}).errors.map((e) => [e.field, e.code])).toEqual([['responsibleAccountId', 'required']]);
    expect(reassignedOwner(current, { teamId: null, responsibleAccountId: null }).errors.map((e) => e.field)).toEqual(['responsibleAccountId']);
    expect(reassignedOwner({ teamId: null, responsibleAccountId: 'acc-1' }, { responsibleAccountId: null }).errors).toHaveLength(1);
  });
});

describe('validateSessionCorrection', () => {
  const current = { ...ok, modality: 'in_person' as const };
  it('lists the fields a valid correction changes', () => {
    expect(validateSessionCorrection(current, { reason: '日期写错', date: '2026-02-27', notes: null }, TODAY)).toEqual({ changed: ['date', 'notes'], errors: [] });
  });
  it.each([
    [{ reason: ' ', durationMinutes: 40 }, 'reason'],
    [{ reason: '补充记录' }, 'reason'],
    [{ reason: '日期写错', date: '2026-03-03' }, 'date'],
    [{ reason: '时长写错', durationMinutes: 481 }, 'durationMinutes'],
  ])('refuses %o naming %s', (c, field) => {
    expect(validateSessionCorrection(current, c, TODAY).errors.map((e) => e.field)).toEqual([field]);
  });
});

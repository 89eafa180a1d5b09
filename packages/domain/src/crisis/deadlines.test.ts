import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FIRST_CONTACT,
  dueAt,
  escalationStepDue,
  firstContactDue,
  isFirstContactOverdue,
  localDate,
  localMidnight,
  needsPoliceLiaison,
  nextGridContactDue,
  parseDeadlineSpec,
  parseFirstContactDeadlines,
  smdEmergencyDue,
} from './deadlines.ts';

const SH = 'Asia/Shanghai';
const at = (s: string): Date => new Date(s);

describe('crisis deadlines', () => {
  it('uses 1 h / 24 h / 72 h by default, across midnight and month ends', () => {
    const c = (level: 'imminent' | 'high' | 'moderate', t: string) => ({ level, levelSetAt: at(t), firstContactAt: null });
    expect(firstContactDue(c('imminent', '2026-03-02T23:30:00+08:00'), DEFAULT_FIRST_CONTACT, SH)).toEqual(at('2026-03-03T00:30:00+08:00'));
    expect(firstContactDue(c('high', '2026-02-28T18:00:00+08:00'), DEFAULT_FIRST_CONTACT, SH)).toEqual(at('2026-03-01T18:00:00+08:00'));
    expect(firstContactDue(c('moderate', '2026-12-30T10:00:00+08:00'), DEFAULT_FIRST_CONTACT, SH)).toEqual(at('2027-01-02T10:00:00+08:00'));
  });

  it('ends a day-based deadline at local midnight in Asia/Shanghai, not UTC', () => {
    // 2026-03-02 23:30 in Shanghai is 15:30 UTC on the same date; 01:30 on 03-03 is still 03-02 in UTC.
    expect(dueAt(at('2026-03-02T23:30:00+08:00'), { days: 1 }, SH)).toEqual(at('2026-03-04T00:00:00+08:00'));
    expect(dueAt(at('2026-03-03T01:30:00+08:00'), { days: 1 }, SH)).toEqual(at('2026-03-05T00:00:00+08:00'));
    expect(dueAt(at('2026-03-03T01:30:00+08:00'), { days: 1 }, 'UTC')).toEqual(at('2026-03-04T00:00:00Z'));
    expect(localDate(at('2026-03-02T16:30:00Z'), SH)).toBe('2026-03-03');
  });

  it('finds local midnight on a day the clock changes (Europe/Berlin, 2026-03-29)', () => {
    expect(localMidnight('2026-03-28', 1, 'Europe/Berlin')).toEqual(at('2026-03-29T00:00:00+01:00'));
    expect(localMidnight('2026-03-29', 1, 'Europe/Berlin')).toEqual(at('2026-03-30T00:00:00+02:00'));
  });

  it('parses deployment configuration and refuses nonsense', () => {
    expect(parseDeadlineSpec('2h')).toEqual({ hours: 2 });
    expect(parseDeadlineSpec('3d')).toEqual({ days: 3 });
    expect(parseDeadlineSpec('0h')).toBeNull();
    expect(parseDeadlineSpec('soon')).toBeNull();
    expect(parseFirstContactDeadlines('imminent=30h,moderate=3d')).toEqual({ imminent: { hours: 30 }, high: { hours: 24 }, moderate: { days: 3 } });
    expect(parseFirstContactDeadlines('urgent=1h')).toBeNull();
    expect(parseFirstContactDeadlines('high=')).toBeNull();
  });

  it('escalates to the team lead at the deadline and to the county specialist after as long again', () => {
    const c = { level: 'high' as const, levelSetAt: at('2026-03-02T09:00:00+08:00'), firstContactAt: null };
    const step = (t: string) => escalationStepDue(c, at(t), DEFAULT_FIRST_CONTACT, SH);
    expect(step('2026-03-03T08:59:59+08:00')).toBe(0);
    expect(step('2026-03-03T09:00:00+08:00')).toBe(1);
    expect(step('2026-03-04T08:59:59+08:00')).toBe(1);
    expect(step('2026-03-04T09:00:00+08:00')).toBe(2);
    expect(isFirstContactOverdue(c, at('2026-03-03T09:00:00+08:00'), DEFAULT_FIRST_CONTACT, SH)).toBe(true);
    const contacted = { ...c, firstContactAt: at('2026-03-02T10:00:00+08:00') };
    expect(escalationStepDue(contacted, at('2026-03-09T00:00:00+08:00'), DEFAULT_FIRST_CONTACT, SH)).toBe(0);
    expect(isFirstContactOverdue(contacted, at('2026-03-09T00:00:00+08:00'), DEFAULT_FIRST_CONTACT, SH)).toBe(false);
  });

  it('needs police liaison within 24 h from severe-mental-disorder risk level 3', () => {
    expect([0, 1, 2, 3, 4, 5].map(needsPoliceLiaison)).toEqual([false, false, false, true, true, true]);
    expect(needsPoliceLiaison(null)).toBe(false);
    expect(smdEmergencyDue(at('2026-03-02T20:00:00+08:00'))).toEqual(at('2026-03-03T20:00:00+08:00'));
  });

  it('puts the next grid check at the end of the local day', () => {
    expect(nextGridContactDue(at('2026-03-02T23:50:00+08:00'), 7, SH)).toEqual(at('2026-03-10T00:00:00+08:00'));
    expect(nextGridContactDue(at('2026-03-02T00:10:00+08:00'), 1, SH)).toEqual(at('2026-03-04T00:00:00+08:00'));
  });
});

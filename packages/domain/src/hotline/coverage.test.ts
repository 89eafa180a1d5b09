import { describe, expect, it } from 'vitest';
import { checkCoverage, isOpenDuringHour, openHoursPerDay, staffedByHour } from './coverage.ts';

describe('line hours', () => {
  it('measures daily opening, including 24 h and across midnight', () => {
    expect(openHoursPerDay({ open: '08:00', close: '22:00' })).toBe(14);
    expect(openHoursPerDay({ open: '06:00', close: '00:00' })).toBe(18);
    expect(openHoursPerDay({ open: '00:00', close: '24:00' })).toBe(24);
    expect(openHoursPerDay({ open: '00:00', close: '00:00' })).toBe(24);
    expect(isOpenDuringHour({ open: '20:00', close: '02:00' }, 1)).toBe(true);
    expect(isOpenDuringHour({ open: '20:00', close: '02:00' }, 2)).toBe(false);
    expect(() => openHoursPerDay({ open: '25:00', close: '01:00' })).toThrow(RangeError);
  });
});

describe('coverage check', () => {
  const day = '2026-03-02';
  const fullRoster = [
    { date: day, start: '06:00', end: '14:00' },
    { date: day, start: '06:00', end: '14:00' },
    { date: day, start: '14:00', end: '00:00' },
    { date: day, start: '14:00', end: '00:00' },
  ];
  it('reports nothing for an 18-hour line with 2 seats and 2 on duty all day', () => {
    expect(checkCoverage({ hours: { open: '06:00', close: '00:00' }, seats: 2 }, fullRoster, [day])).toEqual([]);
  });
  it('reports each rule that fails, with the hours of each staffing gap', () => {
    const roster = [
      { date: day, start: '08:00', end: '14:00' },
      { date: day, start: '08:00', end: '12:00' },
      { date: day, start: '15:00', end: '20:00' },
    ];
    const gaps = checkCoverage({ hours: { open: '08:00', close: '20:00' }, seats: 1 }, roster, [day]);
    expect(gaps).toEqual([
      { rule: 'hours_per_day', have: 12, need: 18 },
      { rule: 'seats_per_line', have: 1, need: 2 },
      { rule: 'staffed_seats', date: day, fromHour: 12, toHour: 14, have: 1, need: 2 },
      { rule: 'staffed_seats', date: day, fromHour: 14, toHour: 15, have: 0, need: 2 },
      { rule: 'staffed_seats', date: day, fromHour: 15, toHour: 20, have: 1, need: 2 },
    ]);
  });
  it('counts a night shift that started the day before', () => {
    const staffed = staffedByHour([{ date: '2026-03-01', start: '22:00', end: '06:00' }], day);
    expect(staffed.slice(0, 7)).toEqual([1, 1, 1, 1, 1, 1, 0]);
    const gaps = checkCoverage(
      { hours: { open: '00:00', close: '24:00' }, seats: 3 },
      [...fullRoster, { date: '2026-03-01', start: '22:00', end: '06:00' }, { date: '2026-03-01', start: '22:00', end: '06:00' }],
      [day],
    );
    expect(gaps).toEqual([]);
  });
});

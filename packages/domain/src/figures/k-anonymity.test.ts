import { describe, expect, it } from 'vitest';
import { ageBand, checkKAnonymity, dateShiftFrom, generalizeRegion, shiftDate } from './k-anonymity.ts';

describe('de-identification', () => {
  it('bands ages by completed years, top-coded at 90', () => {
    expect(ageBand('1980-05-17', '2026-05-16')).toBe('40-49'); // 45 the day before the birthday
    expect(ageBand('1986-05-17', '2026-05-16')).toBe('30-39'); // 39
    expect(ageBand('1986-05-17', '2026-05-17')).toBe('40-49'); // 40 on the birthday
    expect(ageBand('2020-01-01', '2026-03-02')).toBe('0-9');
    expect(ageBand('1930-01-01', '2026-03-02')).toBe('90+');
  });

  it('cuts regions to the county and shifts dates within ±15 days', () => {
    expect(generalizeRegion('420102001001')).toBe('420102000000');
    expect(generalizeRegion('420102001001007')).toBe('420102000000');
    expect(generalizeRegion('420100000000')).toBe('420100000000');
    expect(shiftDate('2026-03-01', -1)).toBe('2026-02-28');
    expect(shiftDate('2026-12-31', 1)).toBe('2027-01-01');
    const shifts = [0, 1, 15, 30, 31, 4294967295].map(dateShiftFrom);
    expect(shifts.slice(0, 5)).toEqual([-15, -14, 0, 15, -15]);
    for (const s of shifts) expect(Math.abs(s)).toBeLessThanOrEqual(15);
  });
});

describe('k-anonymity', () => {
  const row = (sex: string, band: string, county = '420102000000') => ({ sex, band, county, status: 'verified' });
  const five = Array.from({ length: 5 }, () => row('male', '40-49'));

  it('passes when every quasi-identifier class has at least k rows', () => {
    const r = checkKAnonymity([...five, ...Array.from({ length: 6 }, () => row('female', '40-49'))], ['sex', 'band', 'county']);
    expect(r).toEqual({ k: 5, ok: true, smallestClass: 5, classes: 2, failingClasses: 0, failingRows: 0 });
  });

  it('fails on one unique row and reports the classes and rows at fault', () => {
    const r = checkKAnonymity([...five, row('female', '90+')], ['sex', 'band', 'county']);
    expect(r).toEqual({ k: 5, ok: false, smallestClass: 1, classes: 2, failingClasses: 1, failingRows: 1 });
  });

  it('ignores non-quasi-identifier columns and honours a chosen k', () => {
    const rows = [...five.slice(0, 3), { ...row('male', '40-49'), status: 'pending' }];
    expect(checkKAnonymity(rows, ['sex', 'band', 'county'], 4).ok).toBe(true);
    expect(checkKAnonymity(rows, ['sex', 'band', 'county', 'status'], 3).ok).toBe(false);
    expect(checkKAnonymity([], ['sex']).ok).toBe(true);
    expect(() => checkKAnonymity(rows, ['sex'], 1)).toThrow();
  });
});

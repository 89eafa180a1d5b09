import { describe, expect, it } from 'vitest';
import { addDays } from '../register/iso-date.ts';
import { cumulativePlan, monthOf } from './figure-rollup.ts';

/** C(t) evaluated the way the database does, from day rows, month rows and the total. */
function viaPlan(days: ReadonlyMap<string, number>, t: string): number {
  const months = new Map<string, number>();
  let total = 0;
  for (const [d, v] of days) {
    months.set(monthOf(d), (months.get(monthOf(d)) ?? 0) + v);
    total += v;
  }
  const p = cumulativePlan(t);
  let out = total;
  for (const [m, v] of months) if (m >= p.monthsFrom) out -= v;
  for (const [d, v] of days) if (d >= p.daysFrom && d <= p.daysTo) out += p.sign * v;
  return out;
}

describe('cumulativePlan', () => {
  it('reads the month of t from its nearer end', () => {
    expect(cumulativePlan('2026-03-05')).toEqual({ monthsFrom: '2026-03-01', sign: 1, daysFrom: '2026-03-01', daysTo: '2026-03-05' });
    expect(cumulativePlan('2026-03-20')).toEqual({ monthsFrom: '2026-04-01', sign: -1, daysFrom: '2026-03-21', daysTo: '2026-03-31' });
    // the last day of a month reads no day rows at all (an empty range)
    expect(cumulativePlan('2026-12-31')).toEqual({ monthsFrom: '2027-01-01', sign: -1, daysFrom: '2027-01-01', daysTo: '2026-12-31' });
    expect(cumulativePlan('2024-02-29').daysFrom > cumulativePlan('2024-02-29').daysTo).toBe(true);
  });

  it('never reads more than 16 day rows', () => {
    for (let t = '2023-12-01'; t <= '2025-01-31'; t = addDays(t, 1)) {
      const p = cumulativePlan(t);
      let n = 0;
      for (let d = p.daysFrom; d <= p.daysTo; d = addDays(d, 1)) n++;
      expect(n).toBeLessThanOrEqual(16);
    }
  });

  it('equals the plain sum up to t for every day of two years, with rows before, inside and after', () => {
    const days = new Map<string, number>();
    let seed = 12345;
    for (let d = '2023-11-15'; d <= '2025-02-10'; d = addDays(d, 1)) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      if (seed % 3 !== 0) days.set(d, (seed % 7) - 2); // some negative, some zero, some days missing
    }
    for (let t = '2023-11-01'; t <= '2025-03-05'; t = addDays(t, 1)) {
      let plain = 0;
      for (const [d, v] of days) if (d <= t) plain += v;
      expect([t, viaPlan(days, t)]).toEqual([t, plain]);
    }
  });
});

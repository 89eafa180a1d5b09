import { describe, expect, it } from 'vitest';
import { positiveRateRise } from './positive-rate-rise.ts';

describe('significant rise of a positive-screen rate', () => {
  it('flags 10 % → 20 % over 200 screenings each (z ≈ 2.80)', () => {
    const r = positiveRateRise({ positive: 20, total: 200 }, { positive: 40, total: 200 });
    expect(r.z).toBeCloseTo(2.801, 2);
    expect(r.significant).toBe(true);
  });

  it('does not flag 10 % → 13 % over 100 each (z ≈ 0.66), nor a fall', () => {
    expect(positiveRateRise({ positive: 10, total: 100 }, { positive: 13, total: 100 }).significant).toBe(false);
    const fall = positiveRateRise({ positive: 40, total: 200 }, { positive: 20, total: 200 });
    expect(fall.z).toBeLessThan(0);
    expect(fall.significant).toBe(false);
  });

  it('does not test groups below the minimum size or without variance', () => {
    const small = positiveRateRise({ positive: 0, total: 10 }, { positive: 9, total: 10 });
    expect(small).toEqual({ previousRate: 0, currentRate: 0.9, z: null, significant: false });
    expect(positiveRateRise({ positive: 0, total: 50 }, { positive: 0, total: 50 }).significant).toBe(false);
    expect(positiveRateRise({ positive: 0, total: 0 }, { positive: 5, total: 50 }).previousRate).toBeNull();
  });
});

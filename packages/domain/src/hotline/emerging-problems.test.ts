import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTION, detectEmergingProblems, detectSpike, poissonUpperTail } from './emerging-problems.ts';

// A deterministic pseudo-random Poisson series (Knuth's method with a small LCG), so the test is stable.
function poissonSeries(lambda: number, days: number, seed: number): number[] {
  let s = seed;
  const rand = (): number => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
  const out: number[] = [];
  for (let d = 0; d < days; d++) {
    const l = Math.exp(-lambda);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= rand();
    } while (p > l);
    out.push(k - 1);
  }
  return out;
}

describe('Poisson upper tail', () => {
  it('matches closed forms', () => {
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(poissonUpperTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(poissonUpperTail(2, 1)).toBeCloseTo(1 - 2 * Math.exp(-1), 12);
    // P(X ≥ 10 | λ = 2) = 4.6498e-5 (standard table value)
    expect(poissonUpperTail(10, 2)).toBeCloseTo(4.6498e-5, 8);
  });
  it('stays accurate far in the tail', () => {
    const p = poissonUpperTail(40, 2);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-20);
  });
});

describe('emerging-problem detection', () => {
  const baseline = poissonSeries(3, 28, 42);

  it('raises no alert on ordinary days drawn from the baseline rate', () => {
    const days = poissonSeries(3, 200, 7);
    const alerts = days.filter((d) => detectSpike(baseline, d).alert);
    expect(alerts.length).toBeLessThanOrEqual(1); // threshold 0.001 over 200 days
  });
  it('raises an alert when a spike is injected', () => {
    const r = detectSpike(baseline, 15);
    expect(r.alert).toBe(true);
    expect(r.reason).toBe('spike');
    expect(r.pValue).toBeLessThan(0.001);
  });
  it('does not alert on a handful of calls in a quiet cell, however unusual', () => {
    const quiet = new Array<number>(28).fill(0);
    const loose = { ...DEFAULT_DETECTION, pThreshold: 0.01 };
    const r = detectSpike(quiet, 4, loose);
    expect(r.pValue).toBeLessThan(0.01); // λ floored at 0.5: P(X ≥ 4) = 0.00175
    expect(r).toMatchObject({ alert: false, reason: 'below_min_count' });
    expect(detectSpike(quiet, 6).alert).toBe(true);
  });
  it('does not test cells without enough history', () => {
    expect(detectSpike([1, 2, 1], 30).reason).toBe('short_baseline');
  });
  it('finds the spiking cell among many and ranks by strength', () => {
    const cells = [
      { category: 'emotion', regionCode: '420102000000', baseline, today: 4 },
      { category: 'grief', regionCode: '420103000000', baseline, today: 14 },
      { category: 'covid_fear', regionCode: '420104000000', baseline, today: 25 },
      { category: 'work', regionCode: '420105000000', baseline, today: 3 },
    ];
    const found = detectEmergingProblems(cells);
    expect(found.map((f) => f.category)).toEqual(['covid_fear', 'grief']);
  });
});

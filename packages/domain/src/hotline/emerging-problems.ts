/**
 * Emerging-problem detection (issue 7, seed 002 §(七): report "prominent problems or possible stress
 * events" promptly). For each problem category × region, today's count is tested against its baseline
 * with a one-sided Poisson test: with λ = mean daily count over the baseline days (floored at
 * `minBaselineRate` so a never-seen category is not an alert on its first call), the p-value is
 * P(X ≥ today | λ). An alert needs BOTH p < `pThreshold` (default 0.001, about 1 false alert per
 * thousand category-region-days) AND today ≥ `minCount` (default 5 calls), so that tiny counts in quiet
 * districts never page anyone.
 */
export interface DetectionOptions {
  pThreshold: number;
  minCount: number;
  minBaselineRate: number;
  /** Baseline days needed before a cell is tested at all. */
  minBaselineDays: number;
}

export const DEFAULT_DETECTION: DetectionOptions = { pThreshold: 0.001, minCount: 5, minBaselineRate: 0.5, minBaselineDays: 7 };

export interface DetectionResult {
  alert: boolean;
  expected: number;
  observed: number;
  pValue: number;
  /** Why there is no alert (or 'spike'). */
  reason: 'spike' | 'below_min_count' | 'not_significant' | 'short_baseline';
}

/** P(X ≥ k) for X ~ Poisson(λ), summed in log space (exact for the counts a hotline sees). */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  // 1 − P(X ≤ k−1)
  let logTerm = -lambda; // log P(X = 0)
  let cdf = Math.exp(logTerm);
  for (let i = 1; i < k; i++) {
    logTerm += Math.log(lambda) - Math.log(i);
    cdf += Math.exp(logTerm);
  }
  const tail = 1 - cdf;
  if (tail > 1e-10) return tail;
  // Far in the tail 1 − cdf loses precision: sum the tail terms directly.
  let sum = 0;
  let t = logTerm + Math.log(lambda) - Math.log(k); // log P(X = k)
  for (let i = k; i < k + 1000; i++) {
    sum += Math.exp(t);
    t += Math.log(lambda) - Math.log(i + 1);
    if (Math.exp(t) < sum * 1e-16) break;
  }
  return sum;
}

export function detectSpike(baseline: readonly number[], observed: number, options: DetectionOptions = DEFAULT_DETECTION): DetectionResult {
  const expected = Math.max(options.minBaselineRate, baseline.reduce((a, b) => a + b, 0) / Math.max(1, baseline.length));
  const pValue = poissonUpperTail(observed, expected);
  if (baseline.length < options.minBaselineDays) return { alert: false, expected, observed, pValue, reason: 'short_baseline' };
  if (observed < options.minCount) return { alert: false, expected, observed, pValue, reason: 'below_min_count' };
  if (pValue >= options.pThreshold) return { alert: false, expected, observed, pValue, reason: 'not_significant' };
  return { alert: true, expected, observed, pValue, reason: 'spike' };
}

export interface CellSeries {
  category: string;
  regionCode: string;
  /** Daily counts before the day tested, oldest first. */
  baseline: readonly number[];
  today: number;
}

export interface EmergingProblem extends DetectionResult {
  category: string;
  regionCode: string;
}

/** Runs the test over every cell and returns the alerts, strongest first. */
export function detectEmergingProblems(cells: readonly CellSeries[], options: DetectionOptions = DEFAULT_DETECTION): EmergingProblem[] {
  return cells
    .map((c) => ({ category: c.category, regionCode: c.regionCode, ...detectSpike(c.baseline, c.today, options) }))
    .filter((r) => r.alert)
    .sort((a, b) => a.pValue - b.pValue);
}

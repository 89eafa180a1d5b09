/**
 * Flags a population group whose positive-screen rate rose significantly from one period to the next
 * (seed 000 III.(4): adjust the focus of services to the groups that need it). One-sided two-proportion
 * z-test with a pooled variance at α = 0.05 (z ≥ 1.645), applied only when both periods have at least
 * `minGroup` (default 30) screenings, so small groups do not raise alarms on noise.
 */
export interface Proportion {
  positive: number;
  total: number;
}

export interface RiseResult {
  previousRate: number | null;
  currentRate: number | null;
  z: number | null;
  significant: boolean;
}

export const RISE_Z_CRITICAL = 1.645;

export function positiveRateRise(previous: Proportion, current: Proportion, minGroup = 30): RiseResult {
  const p0 = previous.total > 0 ? previous.positive / previous.total : null;
  const p1 = current.total > 0 ? current.positive / current.total : null;
  if (p0 === null || p1 === null || previous.total < minGroup || current.total < minGroup) {
    return { previousRate: p0, currentRate: p1, z: null, significant: false };
  }
  const pooled = (previous.positive + current.positive) / (previous.total + current.total);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / previous.total + 1 / current.total));
  if (se === 0) return { previousRate: p0, currentRate: p1, z: null, significant: false };
  const z = (p1 - p0) / se;
  return { previousRate: p0, currentRate: p1, z, significant: z >= RISE_Z_CRITICAL };
}

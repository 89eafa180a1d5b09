/**
 * Population mental-health status (seed 000 III.(4): assess the status of different populations and
 * adjust the focus of services): for each population category and instrument, the severity distribution
 * per month, and a flag when the positive rate of the last month rose significantly over the month
 * before (positiveRateRise: one-sided two-proportion z-test, α = 0.05, both months ≥ 30 results).
 */
import { isPositive } from './assessment-figures.ts';
import { positiveRateRise, type RiseResult } from './positive-rate-rise.ts';

/** One count from the database: results of an instrument, in a category (or 'all'), in a month, at a severity. */
export interface SeverityCount {
  category: string;
  instrument: string;
  /** YYYY-MM */
  month: string;
  severity: string | null;
  n: number;
}

export interface MonthStatus {
  month: string;
  total: number;
  positive: number;
  severities: Record<string, number>;
}

export interface GroupStatus {
  category: string;
  instrument: string;
  months: MonthStatus[];
  /** The last month against the one before. */
  rise: RiseResult;
}

/** Groups the counts per category × instrument over the given months (oldest first), flagged groups first. */
export function summarizePopulationStatus(rows: readonly SeverityCount[], months: readonly string[], minGroup = 30): GroupStatus[] {
  const groups = new Map<string, GroupStatus>();
  for (const r of rows) {
    const key = `${r.category}|${r.instrument}`;
    let g = groups.get(key);
    if (!g) {
      g = { category: r.category, instrument: r.instrument, months: months.map((m) => ({ month: m, total: 0, positive: 0, severities: {} })), rise: { previousRate: null, currentRate: null, z: null, significant: false } };
      groups.set(key, g);
    }
    const m = g.months.find((x) => x.month === r.month);
    if (!m) continue;
    m.total += r.n;
    if (isPositive(r.instrument, r.severity)) m.positive += r.n;
    const s = r.severity ?? 'unknown';
    m.severities[s] = (m.severities[s] ?? 0) + r.n;
  }
  const out = [...groups.values()];
  for (const g of out) {
    const last = g.months[g.months.length - 1];
    const before = g.months[g.months.length - 2];
    if (last && before) g.rise = positiveRateRise({ positive: before.positive, total: before.total }, { positive: last.positive, total: last.total }, minGroup);
  }
  out.sort(
    (a, b) =>
      Number(b.rise.significant) - Number(a.rise.significant) ||
      (b.rise.z ?? -Infinity) - (a.rise.z ?? -Infinity) ||
      a.category.localeCompare(b.category) ||
      a.instrument.localeCompare(b.instrument),
  );
  return out;
}

/** The months from the one containing `from` to the one containing `to`, inclusive (YYYY-MM). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(to.slice(0, 4));
  const endM = Number(to.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

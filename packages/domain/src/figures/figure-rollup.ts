import { COUNTRY_CODE, regionPrefix } from '../regions/region-code.ts';
import { addDays, addMonths, daysInMonth, type IsoDate } from '../register/iso-date.ts';
import { rateOf, rollupRegion, type Contribution, type FigureDefinition } from './figure-definition.ts';

/** Significant digits of each rollup level (province, city, county, street, community). */
export const ROLLUP_LEVEL_DIGITS = [2, 4, 6, 9, 12] as const;

/**
 * Adds up contributions the way the database rollups do, for tests and for the property check:
 * `figure → region code (every level from province to community) → day → count`.
 */
export function rollupContributions(contributions: Iterable<Contribution>): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of contributions) {
    const community = rollupRegion(c.regionCode);
    for (const digits of ROLLUP_LEVEL_DIGITS) {
      const region = community.slice(0, digits).padEnd(12, '0');
      for (const f of c.figures) {
        const key = rollupKey(f, region, c.day);
        out.set(key, (out.get(key) ?? 0) + 1);
      }
    }
  }
  return out;
}

export function rollupKey(figure: string, regionCode: string, day: string): string {
  return `${figure}|${regionCode}|${day}`;
}

export interface FigureQuery {
  /** The region whose figures are asked for (any level; the country means everything). */
  regionCode: string;
  /** First and last day, inclusive, YYYY-MM-DD. */
  from: string;
  to: string;
}

/**
 * A figure's value for a region and period from raw contributions: flow figures count anchors inside
 * [from, to]; state figures count anchors up to `to`; rates divide their two count figures.
 */
export function figureValue(
  definitions: ReadonlyMap<string, FigureDefinition>,
  id: string,
  contributions: readonly Contribution[],
  q: FigureQuery,
): number | null {
  const def = definitions.get(id);
  if (!def) throw new Error(`unknown figure ${id}`);
  if (def.kind === 'rate') {
    const n = figureValue(definitions, def.numerator, contributions, q);
    const d = figureValue(definitions, def.denominator, contributions, q);
    return rateOf(n ?? 0, d ?? 0);
  }
  const prefix = q.regionCode === COUNTRY_CODE ? '' : regionPrefix(q.regionCode);
  let n = 0;
  for (const c of contributions) {
    if (!c.figures.includes(id) || !c.regionCode.startsWith(prefix)) continue;
    if (c.day > q.to) continue;
    if (def.measure === 'flow' && c.day < q.from) continue;
    n++;
  }
  return n;
}

/**
 * How the rollups answer "the sum of every day up to and including `t`" without adding up every day
 * since the start. Besides one row per day, the database keeps one row per calendar month and one
 * running total per figure × region, so
 *
 *   C(t) = total − Σ month rows from `monthsFrom` on + sign × Σ day rows in [daysFrom, daysTo]
 *
 * Either the month of `t` is taken out whole and its first days added back (sign +1), or only the
 * later months are taken out together with the rest of `t`'s month (sign −1), whichever reads fewer
 * day rows (at most 16). Months before `t`'s month are never read, so the cost does not grow with
 * history. An empty day range has daysFrom > daysTo.
 */
export interface CumulativePlan {
  monthsFrom: IsoDate;
  sign: 1 | -1;
  daysFrom: IsoDate;
  daysTo: IsoDate;
}

export function cumulativePlan(t: IsoDate): CumulativePlan {
  const year = Number(t.slice(0, 4));
  const month = Number(t.slice(5, 7));
  const day = Number(t.slice(8, 10));
  const first = `${t.slice(0, 8)}01`;
  const last = daysInMonth(year, month);
  if (day <= last - day) return { monthsFrom: first, sign: 1, daysFrom: first, daysTo: t };
  return { monthsFrom: addMonths(first, 1), sign: -1, daysFrom: addDays(t, 1), daysTo: `${t.slice(0, 8)}${String(last).padStart(2, '0')}` };
}

/** The first day of the month of `d` (the key of its month row). */
export function monthOf(d: IsoDate): IsoDate {
  return `${d.slice(0, 8)}01`;
}

/**
 * The population mental-health status view (population-status.ts) read from a rollup instead of the base
 * tables (issue 8: 42 s at province with 50M assessments). Definition of what is counted, mirrored by
 * migration 0700 and checked against it by a property test:
 *
 * - A result counts once, on the day it was completed (Asia/Shanghai), in the region recorded on the
 *   assessment, when it is submitted and is the newest version (as the assessment figures).
 * - It counts in the group `all`, and in every population category the person belongs to **now**: a
 *   membership with no end date (`valid_to` null) at the time the figures are read, one count per
 *   category even if the person holds two open memberships of it. The view answers "how are the people
 *   who are recovered patients today doing, month by month", so when a membership starts, ends, moves
 *   to another record or is deleted, every past result of that person moves with it (the triggers
 *   re-count them). This is what the view counted from the base tables before the rollup.
 * - Each count is keyed by category × instrument × severity band (no band: the empty string, shown as
 *   `unknown` by the view) per community and day; the engine adds communities up to every level and
 *   keeps month rows, so a period reads whole months from month rows and the days of a partly covered
 *   first or last month from day rows.
 */
import { addDays, addMonths, daysInMonth, type IsoDate } from '../register/iso-date.ts';
import type { Contribution } from './figure-definition.ts';
import type { AssessmentFacts } from './assessment-figures.ts';

/** The group that counts every result once, whatever the person's categories. */
export const ALL_GROUP = 'all';

const PREFIX = 'population.';

/** Rollup key of one group × instrument × severity band (`population.<group>.<instrument>.<severity>`). */
export function populationFigure(group: string, instrument: string, severity: string | null): string {
  return `${PREFIX}${group}.${instrument}.${severity ?? ''}`;
}

/**
 * The parts of a key made by `populationFigure` (an empty severity is null again). Instruments and bands
 * are codes without dots; the group is read as everything before them, so a category code with a dot
 * would still come back whole.
 */
export function parsePopulationFigure(figure: string): { group: string; instrument: string; severity: string | null } {
  const parts = figure.slice(PREFIX.length).split('.');
  const severity = parts.pop() ?? '';
  const instrument = parts.pop() ?? '';
  return { group: parts.join('.'), instrument, severity: severity === '' ? null : severity };
}

/** An assessment as the dashboard figures see it, plus its person's categories. */
export interface PopulationFacts extends AssessmentFacts {
  /** Categories of the person's open memberships now (duplicates allowed; each counts once). */
  openCategories: readonly string[];
}

/** What one assessment adds to the population rollup (nothing unless it is a counted result). */
export function populationContributions(a: PopulationFacts): Contribution[] {
  if (a.status !== 'submitted' || a.superseded || a.completedDay === null) return [];
  const groups = [ALL_GROUP, ...new Set(a.openCategories)];
  return [{ figures: groups.map((g) => populationFigure(g, a.instrument, a.severity)), regionCode: a.regionCode, day: a.completedDay }];
}

/**
 * Which rows answer [from, to]: month rows for every month the period covers whole, day rows for the
 * covered days of a month it covers only in part (at most two such ranges: its first and last month).
 */
export interface PopulationReadPlan {
  /** First days of the first and last whole month, or null when no month is covered whole. */
  months: { from: IsoDate; to: IsoDate } | null;
  dayRanges: { from: IsoDate; to: IsoDate }[];
}

export function populationReadPlan(from: IsoDate, to: IsoDate): PopulationReadPlan {
  const monthStart = (d: IsoDate): IsoDate => `${d.slice(0, 8)}01`;
  const dayRanges: { from: IsoDate; to: IsoDate }[] = [];
  // first whole month: from's month if the period starts on its first day, else the next one
  let first = monthStart(from);
  if (from !== first) {
    dayRanges.push({ from, to: to < monthEndOf(from) ? to : monthEndOf(from) });
    first = addMonths(first, 1);
  }
  // last whole month: to's month if the period ends on its last day, else the one before
  let last = monthStart(to);
  if (to !== monthEndOf(to)) {
    if (last >= first) dayRanges.push({ from: last, to });
    last = addMonths(last, -1);
  }
  return { months: first <= last ? { from: first, to: last } : null, dayRanges };
}

/** Every day of the plan once (for tests): the whole months' days and the day ranges. */
export function planDays(plan: PopulationReadPlan): IsoDate[] {
  const out: IsoDate[] = [];
  if (plan.months) for (let d = plan.months.from; d <= monthEndOf(plan.months.to); d = addDays(d, 1)) out.push(d);
  for (const r of plan.dayRanges) for (let d = r.from; d <= r.to; d = addDays(d, 1)) out.push(d);
  return out.sort();
}

function monthEndOf(d: IsoDate): IsoDate {
  return `${d.slice(0, 8)}${String(daysInMonth(Number(d.slice(0, 4)), Number(d.slice(5, 7)))).padStart(2, '0')}`;
}

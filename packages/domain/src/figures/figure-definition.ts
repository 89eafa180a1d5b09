/**
 * What a dashboard figure is, written once. Every count figure counts rows of one base table that
 * satisfy a predicate; each row is attributed to ONE region (its community; a grid is folded into its
 * community) and ONE anchor day (a date on the row, in Asia/Shanghai). Region levels above community
 * add up their descendants (a county's figure is the sum over its streets' communities).
 *
 * - `flow` figures count events: the value for a period is the number of rows whose anchor day falls
 *   in it (registrations in March, admissions in March).
 * - `state` figures count records in their CURRENT state, anchored on the day the record was created:
 *   the value "as of" a day is the number of records created up to that day that are in the state now
 *   (persons registered by 31 March who are verified today). A state figure does not reconstruct the
 *   past state of a record.
 * - `rate` figures divide one count figure by another over the same region and period.
 *
 * Each definition carries its own short label and its definition text in Chinese and English, so the
 * dashboard tooltip, the XLSX/PDF reports and the docs all show the same words (written once, here).
 */
export type FigureMeasure = 'flow' | 'state';

/** A text in both languages of the product (zh-CN first). */
export interface Bilingual {
  zh: string;
  en: string;
}

export interface CountFigure {
  id: string;
  label: Bilingual;
  /** Numerator/denominator meaning, anchor day and region semantics, for the definition tooltip. */
  definition: Bilingual;
  family: string;
  kind: 'count';
  measure: FigureMeasure;
  /** The base table whose rows are counted. */
  source: string;
  /** Which date on the row anchors it (documentation; the family's evaluator implements it). */
  anchor: string;
}

export interface RateFigure {
  id: string;
  label: Bilingual;
  definition: Bilingual;
  family: string;
  kind: 'rate';
  numerator: string;
  denominator: string;
}

export type FigureDefinition = CountFigure | RateFigure;

/** A rate as a fraction, or null when the denominator is zero (shown as “—”, never as 0 %). */
/** The wording a family appends to each count's definition: what flow and state mean there, and where a row counts. */
export interface CountNotes {
  flow: Bilingual;
  state: Bilingual;
  region: Bilingual;
}

/** A count figure whose definition is `what` followed by the family's notes for its measure and its region rule. */
export function countDefinition(
  notes: CountNotes,
  family: string,
  id: string,
  measure: FigureMeasure,
  source: string,
  anchor: string,
  label: [string, string],
  what: [string, string],
): FigureDefinition {
  const note = notes[measure];
  return {
    id,
    family,
    kind: 'count',
    measure,
    source,
    anchor,
    label: { zh: label[0], en: label[1] },
    definition: { zh: `${what[0]}${note.zh}${notes.region.zh}`, en: `${what[1]} ${note.en} ${notes.region.en}` },
  };
}

export function rateOf(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return numerator / denominator;
}

/** One row's contribution to the rollups: it counts once in each figure, in one region, on one day. */
export interface Contribution {
  figures: readonly string[];
  /** Region code as stored on the record (12-digit community or 15-digit grid). */
  regionCode: string;
  /** Anchor day, YYYY-MM-DD (Asia/Shanghai). */
  day: string;
}

/** The community (12 digits) a region code is counted in: a grid counts in its community. */
export function rollupRegion(regionCode: string): string {
  return regionCode.slice(0, 12);
}

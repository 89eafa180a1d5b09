/**
 * Every dashboard figure. A module's figures live in one file per family (`<family>-figures.ts`) and
 * are listed here with one line; the server's rollup triggers (migrations 06xx) count them.
 */
import type { FigureDefinition } from './figure-definition.ts';
import { ASSESSMENT_FIGURES } from './assessment-figures.ts';
import { REGISTER_FIGURES } from './register-figures.ts';

export const FIGURES: readonly FigureDefinition[] = [...REGISTER_FIGURES, ...ASSESSMENT_FIGURES];

export const FIGURES_BY_ID: ReadonlyMap<string, FigureDefinition> = new Map(FIGURES.map((f) => [f.id, f]));

/** The figures the dashboard shows first, in order (the rest are in the breakdowns). */
export const HEADLINE_FIGURES: readonly string[] = [
  'register.persons',
  'register.new_persons',
  'register.verified_rate',
  'register.admissions',
  'register.discharges',
  'register.handovers_open',
  'assessments.completed',
  'assessments.positive_rate',
];

/** Ids of the count figures whose rollups the database keeps. */
export function countFigureIds(): string[] {
  return FIGURES.filter((f) => f.kind === 'count').map((f) => f.id);
}

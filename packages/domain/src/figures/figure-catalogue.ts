/**
 * Every dashboard figure. A module's figures live in one file per family (`<family>-figures.ts`) and
 * are listed here with one line; the server's rollup triggers (migrations 06xx) count them.
 */
import type { FigureDefinition } from './figure-definition.ts';
import { ASSESSMENT_FIGURES } from './assessment-figures.ts';
import { REGISTER_FIGURES } from './register-figures.ts';
import { CONSULTATION_FIGURES } from './consultation-figures.ts';
import { FOLLOWUP_FIGURES } from './followup-figures.ts';
import { INTERVENTION_FIGURES } from './intervention-figures.ts';
import { CRISIS_FIGURES } from './crisis-figures.ts';
import { CARE_FIGURES } from './care-figures.ts';
import { HOTLINE_FIGURES } from './hotline-figures.ts';

export const FIGURES: readonly FigureDefinition[] = [
  ...REGISTER_FIGURES,
  ...ASSESSMENT_FIGURES,
  ...CONSULTATION_FIGURES,
  ...FOLLOWUP_FIGURES,
  ...INTERVENTION_FIGURES,
  ...CRISIS_FIGURES,
  ...CARE_FIGURES,
  ...HOTLINE_FIGURES,
];

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
  'followup.on_time_rate',
  'followup.overdue',
  'crisis.open',
  'hotline.answer_rate',
];

/**
 * The service families shown on the dashboard after the register overview, each with its headline figures
 * (cards, the report's per-family summary) in order. The dashboard page and the reports read this list.
 */
export const FAMILY_HEADLINES: Readonly<Record<string, readonly string[]>> = {
  assessments: ['assessments.completed', 'assessments.positive', 'assessments.positive_rate', 'consultations.requested', 'consultations.in_time_rate', 'consultations.open'],
  followup: ['followup.due', 'followup.done_on_time', 'followup.on_time_rate', 'followup.overdue', 'followup.unreachable', 'followup.unreachable_rate'],
  interventions: ['interventions.sessions', 'interventions.sessions.individual', 'interventions.sessions.group', 'interventions.sessions.family', 'interventions.plans_started', 'interventions.plans_open'],
  crisis: ['crisis.opened', 'crisis.open', 'crisis.open.imminent', 'crisis.deadline_rate', 'crisis.admissions', 'crisis.closed'],
  care: ['care.visits', 'care.visits_with_needs', 'care.aid_requests', 'care.aid_accepted_rate', 'care.aid_pending'],
  hotline: ['hotline.calls', 'hotline.answered', 'hotline.abandoned', 'hotline.answer_rate', 'hotline.filed'],
};

/** Ids of the count figures whose rollups the database keeps. */
export function countFigureIds(): string[] {
  return FIGURES.filter((f) => f.kind === 'count').map((f) => f.id);
}

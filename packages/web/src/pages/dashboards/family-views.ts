import { FAMILY_HEADLINES, FIGURES, HEADLINE_FIGURES } from '@anxin/domain/figures/figure-catalogue.ts';

/**
 * What the figures page shows for each family: headline cards, the daily trend (flow counts), one
 * breakdown chart and the child-region table's columns. Every id is a figure of the domain catalogue, so
 * labels and definitions (tooltips) come from there; the XLSX exports always hold every figure.
 */
export interface FamilyView {
  key: string;
  headline: readonly string[];
  trend: readonly string[];
  breakdown: readonly string[];
  table: readonly string[];
  /** The count figure the child-region bar chart ranks by. */
  rank: string;
}

const ids = (prefix: string) => FIGURES.filter((f) => f.id.startsWith(prefix)).map((f) => f.id);
const head = (family: string) => FAMILY_HEADLINES[family] ?? [];

export const FAMILY_VIEWS: readonly FamilyView[] = [
  {
    key: 'overview',
    headline: HEADLINE_FIGURES,
    trend: ['register.new_persons', 'register.admissions', 'register.discharges', 'register.handovers'],
    breakdown: FIGURES.filter((f) => f.family === 'register_categories').map((f) => f.id),
    table: ['register.persons', 'register.new_persons', 'register.verified_rate', 'register.admissions', 'register.handovers_open'],
    rank: 'register.persons',
  },
  {
    key: 'assessments',
    headline: head('assessments'),
    trend: ['assessments.completed', 'assessments.positive', 'consultations.requested', 'consultations.answered'],
    breakdown: ids('assessments.completed.'),
    table: head('assessments'),
    rank: 'assessments.completed',
  },
  {
    key: 'followup',
    headline: head('followup'),
    trend: ['followup.due', 'followup.done_on_time', 'followup.unreachable'],
    breakdown: ['followup.due', 'followup.done', 'followup.done_on_time', 'followup.unreachable', 'followup.overdue', 'followup.open'],
    table: head('followup'),
    rank: 'followup.due',
  },
  {
    key: 'interventions',
    headline: head('interventions'),
    trend: ['interventions.sessions.individual', 'interventions.sessions.group', 'interventions.sessions.family'],
    breakdown: [...ids('interventions.sessions.'), ...ids('interventions.plans_open.')],
    table: head('interventions'),
    rank: 'interventions.sessions',
  },
  {
    key: 'crisis',
    headline: head('crisis'),
    trend: ['crisis.opened', 'crisis.closed', 'crisis.admissions'],
    breakdown: ids('crisis.open.'),
    table: head('crisis'),
    rank: 'crisis.open',
  },
  {
    key: 'care',
    headline: head('care'),
    trend: ['care.visits', 'care.aid_requests'],
    breakdown: ['care.visits', 'care.visits_with_needs', 'care.aid_requests', 'care.aid_accepted', 'care.aid_pending'],
    table: head('care'),
    rank: 'care.visits',
  },
  {
    key: 'hotline',
    headline: head('hotline'),
    trend: ['hotline.calls', 'hotline.answered', 'hotline.abandoned'],
    breakdown: ids('hotline.category.'),
    table: head('hotline'),
    rank: 'hotline.calls',
  },
];

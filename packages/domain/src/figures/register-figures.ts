/**
 * Register figures (issue 3 tables: persons, person_categories, hospital_episodes, handovers).
 * The SQL triggers in migration 0600 implement exactly these predicates; the server's property test
 * checks the database rollups against these functions applied to the base rows.
 */
import { POPULATION_CATEGORIES } from '../register/population-category.ts';
import type { Contribution, FigureDefinition } from './figure-definition.ts';

export const REGISTER_FIGURES: readonly FigureDefinition[] = [
  { id: 'register.new_persons', family: 'register', kind: 'count', measure: 'flow', source: 'persons', anchor: 'created_at' },
  { id: 'register.persons', family: 'register', kind: 'count', measure: 'state', source: 'persons', anchor: 'created_at' },
  { id: 'register.verified', family: 'register', kind: 'count', measure: 'state', source: 'persons', anchor: 'created_at' },
  { id: 'register.pending', family: 'register', kind: 'count', measure: 'state', source: 'persons', anchor: 'created_at' },
  { id: 'register.moved', family: 'register', kind: 'count', measure: 'state', source: 'persons', anchor: 'created_at' },
  { id: 'register.deceased', family: 'register', kind: 'count', measure: 'state', source: 'persons', anchor: 'created_at' },
  { id: 'register.not_found', family: 'register', kind: 'count', measure: 'state', source: 'persons', anchor: 'created_at' },
  { id: 'register.verified_rate', family: 'register', kind: 'rate', numerator: 'register.verified', denominator: 'register.persons' },
  { id: 'register.admissions', family: 'register', kind: 'count', measure: 'flow', source: 'hospital_episodes', anchor: 'admission_date' },
  { id: 'register.discharges', family: 'register', kind: 'count', measure: 'flow', source: 'hospital_episodes', anchor: 'discharge_date' },
  { id: 'register.handovers', family: 'register', kind: 'count', measure: 'flow', source: 'handovers', anchor: 'created_at' },
  { id: 'register.handovers_open', family: 'register', kind: 'count', measure: 'state', source: 'handovers', anchor: 'created_at' },
  { id: 'register.handovers_unrouted', family: 'register', kind: 'count', measure: 'state', source: 'handovers', anchor: 'created_at' },
  ...POPULATION_CATEGORIES.map(
    (c): FigureDefinition => ({
      id: `register.category.${c.code}`,
      family: 'register_categories',
      kind: 'count',
      measure: 'state',
      source: 'person_categories',
      anchor: 'created_at',
    }),
  ),
];

/** The facts of a person row the register figures read. */
export interface PersonFacts {
  regionCode: string;
  /** Local (Asia/Shanghai) day of created_at. */
  createdDay: string;
  verificationStatus: string;
  mergedInto: string | null;
}

const STATUS_FIGURE: Record<string, string | undefined> = {
  verified: 'register.verified',
  corrected: 'register.verified',
  pending: 'register.pending',
  moved: 'register.moved',
  deceased: 'register.deceased',
  not_found: 'register.not_found',
};

/** A merged-away record counts nowhere: its survivor carries the person. */
export function personContributions(p: PersonFacts): Contribution[] {
  if (p.mergedInto !== null) return [];
  const figures = ['register.new_persons', 'register.persons'];
  const status = STATUS_FIGURE[p.verificationStatus];
  if (status) figures.push(status);
  return [{ figures, regionCode: p.regionCode, day: p.createdDay }];
}

export interface CategoryFacts {
  category: string;
  validTo: string | null;
  createdDay: string;
}

/** An open membership (no end date) of a live person, in the person's current residence. */
export function categoryContributions(c: CategoryFacts, person: PersonFacts): Contribution[] {
  if (person.mergedInto !== null || c.validTo !== null) return [];
  return [{ figures: [`register.category.${c.category}`], regionCode: person.regionCode, day: c.createdDay }];
}

export interface EpisodeFacts {
  admissionDate: string;
  dischargeDate: string | null;
}

/** Admissions on the admission day, discharges on the discharge day, in the person's current residence. */
export function episodeContributions(e: EpisodeFacts, person: PersonFacts): Contribution[] {
  if (person.mergedInto !== null) return [];
  const out: Contribution[] = [{ figures: ['register.admissions'], regionCode: person.regionCode, day: e.admissionDate }];
  if (e.dischargeDate !== null) out.push({ figures: ['register.discharges'], regionCode: person.regionCode, day: e.dischargeDate });
  return out;
}

export interface HandoverFacts {
  regionCode: string;
  createdDay: string;
  status: string;
  toOrgId: string | null;
}

/** Hand-overs in the region recorded on the hand-over (the residence when it was made). */
export function handoverContributions(h: HandoverFacts): Contribution[] {
  const figures = ['register.handovers'];
  if (h.status === 'new') figures.push('register.handovers_open');
  if (h.toOrgId === null && h.status !== 'closed') figures.push('register.handovers_unrouted');
  return [{ figures, regionCode: h.regionCode, day: h.createdDay }];
}

import type { FieldError } from '../register/field-error.ts';

/**
 * Care visits (关爱帮扶, seed 002 §(五)/(七)): grassroots workers visit recovered patients' families, learn their
 * recovery and economic situation, find practical needs and help them obtain relief policies.
 */
export const RECOVERY_SITUATIONS = ['good', 'stable', 'fluctuating', 'poor'] as const;
export type RecoverySituation = (typeof RECOVERY_SITUATIONS)[number];

/** Family economic situation, on the civil-affairs categories a worker can see on a visit. */
export const ECONOMIC_SITUATIONS = ['adequate', 'tight', 'low_income', 'subsistence_allowance', 'extreme_poverty'] as const;
export type EconomicSituation = (typeof ECONOMIC_SITUATIONS)[number];

/** Practical needs found on a visit (structured so they can be counted and turned into aid requests). */
export const NEED_TYPES = [
  'financial_assistance',
  'medical_expenses',
  'medication_supply',
  'employment',
  'housing',
  'daily_care',
  'schooling',
  'legal_aid',
  'psychological_support',
  'other',
] as const;
export type NeedType = (typeof NEED_TYPES)[number];

export const NEED_URGENCIES = ['routine', 'urgent'] as const;
export type NeedUrgency = (typeof NEED_URGENCIES)[number];

/** Which organization type usually answers a need: the default addressee of an aid request. */
export const NEED_DEFAULT_RECIPIENT: Readonly<Record<NeedType, 'civil_affairs' | 'primary_care' | 'social_work' | 'mental_health_institution'>> = {
  financial_assistance: 'civil_affairs',
  medical_expenses: 'civil_affairs',
  medication_supply: 'primary_care',
  employment: 'civil_affairs',
  housing: 'civil_affairs',
  daily_care: 'social_work',
  schooling: 'civil_affairs',
  legal_aid: 'social_work',
  psychological_support: 'mental_health_institution',
  other: 'civil_affairs',
};

export interface CareVisitDraft {
  visitDate: string;
  needs: { type: NeedType }[];
}

/** A visit is dated today or earlier, and lists each need type at most once. */
export function validateCareVisit(v: CareVisitDraft, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.visitDate) || Number.isNaN(Date.parse(`${v.visitDate}T00:00:00Z`))) {
    errors.push({ field: 'visitDate', code: 'invalid_date', message: 'The date is not a valid YYYY-MM-DD date' });
  } else if (v.visitDate > today) {
    errors.push({ field: 'visitDate', code: 'future_date', message: 'A visit cannot be recorded before it takes place' });
  }
  const seen = new Set<NeedType>();
  v.needs.forEach((n, i) => {
    if (seen.has(n.type)) errors.push({ field: `needs[${i}].type`, code: 'invalid_value', message: 'This need is already listed' });
    seen.add(n.type);
  });
  return errors;
}

/**
 * The hotline call record's coded fields and the rule for filing it. Drafts may be incomplete (they are
 * saved continuously while the counselor types); a filed record must say what the call was about, how
 * risky it was and what was done.
 */
import { POPULATION_CATEGORIES } from '../register/population-category.ts';
import { validateProblems, type ProblemRef } from './problem-taxonomy.ts';
import type { RiskAnswers } from './risk-assessment.ts';

export const CALLER_GROUPS = ['general_public', ...POPULATION_CATEGORIES.map((c) => c.code)] as [string, ...string[]];
export const AGE_BANDS = ['under_14', '14_17', '18_24', '25_34', '35_44', '45_59', '60_plus', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const CALLER_SEXES = ['male', 'female', 'unknown'] as const;
export const DISPOSITIONS = ['support', 'information', 'referral', 'emergency_110_120', 'callback'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export interface CallRecordDraft {
  problems: readonly ProblemRef[];
  risk: RiskAnswers | null;
  dispositions: readonly string[];
  callbackConsent: boolean;
  hasCallerNumber: boolean;
}

export interface RecordFieldError {
  field: string;
  message: string;
}

/** What stops a record from being filed, each with the field at fault (empty when it can be filed). */
export function filingErrors(r: CallRecordDraft): RecordFieldError[] {
  const errors: RecordFieldError[] = [];
  if (r.problems.length === 0) errors.push({ field: 'problems', message: 'Choose at least one problem category' });
  const bad = validateProblems(r.problems);
  if (bad) errors.push({ field: `problems[${bad.index}]`, message: bad.message });
  if (r.risk === null) errors.push({ field: 'risk', message: 'Complete the risk assessment' });
  if (r.dispositions.length === 0) errors.push({ field: 'dispositions', message: 'Choose at least one disposition' });
  if (r.dispositions.includes('callback') && !(r.callbackConsent && r.hasCallerNumber))
    errors.push({ field: 'callerNumber', message: 'A callback needs the caller’s consent and number' });
  return errors;
}

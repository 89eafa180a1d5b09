/**
 * Informed consent before an assessment (seed 002 §(四): 知情同意、自愿参与). A consent is for one purpose, records
 * the text version shown, how it was given and who took it. A person under 14 on the day cannot consent alone:
 * a guardian consents for them. A withdrawal stops everything done under that purpose from that moment.
 */
import { fieldError, type FieldError } from '../register/field-error.ts';
import { isIsoDate } from '../register/iso-date.ts';

export const CONSENT_PURPOSES = ['assessment', 'followup', 'counseling', 'data_sharing'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const CONSENT_METHODS = ['signed_paper', 'witnessed_verbal', 'electronic'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

export const CONSENT_GIVERS = ['self', 'guardian'] as const;
export type ConsentGiver = (typeof CONSENT_GIVERS)[number];

export const GUARDIAN_RELATIONS = ['parent', 'legal_guardian', 'spouse', 'child', 'other_relative', 'other'] as const;
export type GuardianRelation = (typeof GUARDIAN_RELATIONS)[number];

/** Below this age (in whole years on the day of consent) a guardian must consent. */
export const GUARDIAN_CONSENT_BELOW_AGE = 14;

/** Age in whole years on `on` for someone born on `birthDate` (both 'YYYY-MM-DD'); a 29 February birthday falls on 1 March. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age--;
  return age;
}

export function guardianRequired(birthDate: string, on: string): boolean {
  return ageOn(birthDate, on) < GUARDIAN_CONSENT_BELOW_AGE;
}

export interface ConsentDraft {
  purpose: ConsentPurpose;
  textVersion: string;
  method: ConsentMethod;
  givenBy: ConsentGiver;
  guardianName?: string | undefined;
  guardianRelation?: GuardianRelation | undefined;
  witnessName?: string | undefined;
  /** Local calendar date the consent was given. */
  givenOn: string;
}

/**
 * Checks a consent against the person's birth date and today's date. Errors name the body field:
 * a minor's own consent, a guardian without name or relation, verbal consent without a witness, a date in the future.
 */
export function validateConsent(draft: ConsentDraft, person: { birthDate: string }, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!/^[\w.-]{1,40}$/.test(draft.textVersion)) errors.push(fieldError('textVersion', 'invalid_value', 'The consent text version is 1–40 letters, digits, dots or dashes'));
  if (!isIsoDate(draft.givenOn)) errors.push(fieldError('givenAt', 'invalid_date', 'The consent date is not a valid date'));
  else {
    if (draft.givenOn > today) errors.push(fieldError('givenAt', 'future_date', 'Consent cannot be given in the future'));
    if (draft.givenOn < person.birthDate) errors.push(fieldError('givenAt', 'before_birth', 'Consent cannot predate the person’s birth'));
    if (draft.givenBy === 'self' && guardianRequired(person.birthDate, draft.givenOn)) {
      errors.push(
        fieldError('givenBy', 'invalid_value', `The person is under ${GUARDIAN_CONSENT_BELOW_AGE} on the day: a guardian must consent for them`),
      );
    }
  }
  if (draft.givenBy === 'guardian') {
    if (!draft.guardianName?.trim()) errors.push(fieldError('guardianName', 'required', 'Name the guardian who consented'));
    if (draft.guardianRelation === undefined) errors.push(fieldError('guardianRelation', 'required', 'Say how the guardian is related'));
  } else if (draft.guardianName !== undefined || draft.guardianRelation !== undefined) {
    errors.push(fieldError('guardianName', 'invalid_value', 'A guardian is named only when the guardian consents'));
  }
  if (draft.method === 'witnessed_verbal' && !draft.witnessName?.trim()) {
    errors.push(fieldError('witnessName', 'required', 'Verbal consent needs the name of the witness'));
  }
  return errors;
}

export interface ConsentState {
  purpose: ConsentPurpose;
  givenBy: ConsentGiver;
  givenAt: Date;
  withdrawnAt: Date | null;
}

export type ConsentCheck = { valid: true } | { valid: false; reason: 'none' | 'withdrawn' | 'guardian_required' };

/**
 * Whether the person's consents allow work for `purpose` at `at`: some consent for the purpose given by then
 * and not withdrawn by then, given by a guardian while the person is under 14 (a consent a person gave
 * themself is never made valid for a younger age). The reason says why not, for a clear refusal.
 */
export function checkConsent(
  consents: readonly ConsentState[],
  purpose: ConsentPurpose,
  person: { birthDate: string },
  at: Date,
  onDate: string,
): ConsentCheck {
  const forPurpose = consents.filter((c) => c.purpose === purpose && c.givenAt.getTime() <= at.getTime());
  if (forPurpose.length === 0) return { valid: false, reason: 'none' };
  const live = forPurpose.filter((c) => c.withdrawnAt === null || c.withdrawnAt.getTime() > at.getTime());
  if (live.length === 0) return { valid: false, reason: 'withdrawn' };
  const needsGuardian = guardianRequired(person.birthDate, onDate);
  if (needsGuardian && !live.some((c) => c.givenBy === 'guardian')) return { valid: false, reason: 'guardian_required' };
  return { valid: true };
}

export const CONSENT_REFUSAL_MESSAGES: Readonly<Record<'none' | 'withdrawn' | 'guardian_required', string>> = {
  none: 'No informed consent for assessment is on record for this person',
  withdrawn: 'The person has withdrawn consent for assessment',
  guardian_required: `The person is under ${GUARDIAN_CONSENT_BELOW_AGE}: a guardian’s consent is required`,
};

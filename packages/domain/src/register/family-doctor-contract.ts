/**
 * Family-doctor service agreements (家庭医生签约服务). Recovered patients without one should be
 * offered one (综发〔2020〕224号: "对未纳入家庭医生签约服务的治愈患者，及时安排家庭医生…签订服务协议").
 */
import { fieldError, type FieldError } from './field-error.ts';
import { addDays, addMonths, isIsoDate, type IsoDate } from './iso-date.ts';

export interface FamilyDoctorAgreement {
  /** The family doctor's (or team's) id. */
  doctor: string;
  signedOn: IsoDate;
  /** Usually 12. The agreement runs from signedOn up to the same day termMonths later, exclusive. */
  termMonths: number;
  /** Ended early by either side, effective from this day. */
  terminatedOn?: IsoDate;
}

export type ContractStatus = 'none' | 'signed' | 'expired';

export type ContractState =
  | { status: 'signed'; agreement: FamilyDoctorAgreement; validThrough: IsoDate }
  | { status: 'expired'; lastValidThrough: IsoDate }
  | { status: 'none' };

export const MAX_TERM_MONTHS = 120;

export function validateFamilyDoctorAgreement(a: FamilyDoctorAgreement): FieldError[] {
  const errors: FieldError[] = [];
  if (a.doctor.trim() === '') errors.push(fieldError('doctor', 'required', 'Doctor is required'));
  const signedOk = isIsoDate(a.signedOn);
  if (!signedOk) errors.push(fieldError('signedOn', 'invalid_date', 'Signing date is not a valid YYYY-MM-DD date'));
  if (!Number.isInteger(a.termMonths) || a.termMonths < 1 || a.termMonths > MAX_TERM_MONTHS)
    errors.push(fieldError('termMonths', 'invalid_value', `Term must be 1–${MAX_TERM_MONTHS} whole months`));
  if (a.terminatedOn !== undefined) {
    if (!isIsoDate(a.terminatedOn)) errors.push(fieldError('terminatedOn', 'invalid_date', 'Termination date is not a valid YYYY-MM-DD date'));
    else if (signedOk && a.terminatedOn < a.signedOn)
      errors.push(fieldError('terminatedOn', 'invalid_value', 'Termination date is before the signing date'));
  }
  return errors;
}

/** First day the agreement no longer applies. */
function endExclusive(a: FamilyDoctorAgreement): IsoDate {
  const natural = addMonths(a.signedOn, a.termMonths);
  return a.terminatedOn !== undefined && a.terminatedOn < natural ? a.terminatedOn : natural;
}

/**
 * The contract state on a date. Agreements signed after `on` do not count yet; invalid agreements
 * (see validateFamilyDoctorAgreement) are ignored rather than guessed at. If several overlap, the
 * one running longest wins.
 */
export function familyDoctorContractState(agreements: readonly FamilyDoctorAgreement[], on: IsoDate): ContractState {
  let current: { agreement: FamilyDoctorAgreement; end: IsoDate } | undefined;
  let lastEnd: IsoDate | undefined;
  for (const a of agreements) {
    if (validateFamilyDoctorAgreement(a).length > 0 || a.signedOn > on) continue;
    const end = endExclusive(a);
    if (on < end) {
      if (!current || end > current.end) current = { agreement: a, end };
    } else if (lastEnd === undefined || end > lastEnd) lastEnd = end;
  }
  if (current) return { status: 'signed', agreement: current.agreement, validThrough: addDays(current.end, -1) };
  if (lastEnd !== undefined) return { status: 'expired', lastValidThrough: addDays(lastEnd, -1) };
  return { status: 'none' };
}

export function familyDoctorContractStatus(agreements: readonly FamilyDoctorAgreement[], on: IsoDate): ContractStatus {
  return familyDoctorContractState(agreements, on).status;
}

/**
 * Whether someone should be asked to (re)sign: no contract, an expired one, or — with a renewal
 * window — one that lapses within that many days.
 */
export function needsContractTask(
  agreements: readonly FamilyDoctorAgreement[],
  on: IsoDate,
  options: { renewalWindowDays?: number } = {},
): boolean {
  const state = familyDoctorContractState(agreements, on);
  if (state.status !== 'signed') return true;
  const window = options.renewalWindowDays ?? 0;
  return window > 0 && state.validThrough < addDays(on, window);
}

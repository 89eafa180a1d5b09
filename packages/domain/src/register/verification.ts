/**
 * Community verification (核对) of register entries: the community or grid worker checks each person
 * the hospitals or importers reported (综发〔2020〕224号: "与属地街道、社区对辖区内治愈患者的信息进行核对").
 * `applyVerification` is pure; the caller persists the new state and carries out the effects.
 */
import { AppError, ErrorCode, validationError } from '../errors/error-code.ts';
import { isRegionCode, regionLevel } from '../regions/region-code.ts';
import { isIsoDate, type IsoDate } from './iso-date.ts';
import type { PersonInput } from './person.ts';

export const VERIFICATION_STATUSES = ['pending', 'verified', 'corrected', 'not_found', 'moved', 'deceased'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export interface VerificationState {
  status: VerificationStatus;
  /** The jurisdiction (community or grid) that owns the entry now. */
  regionCode: string;
  /** Only while `moved`: the jurisdiction the entry was handed over to, awaiting its answer. */
  movedTo?: string;
  /** Only when `deceased`. */
  deceasedDate?: IsoDate;
}

/** Fields a worker may correct on a visit; a change of residence is a `move`, not a correction. */
export type PersonCorrections = Partial<Pick<PersonInput, 'name' | 'sex' | 'birthDate' | 'nationalId' | 'phone' | 'address' | 'household'>>;

export type VerificationEvent =
  /** The visit found the person and the record right. */
  | { type: 'confirm' }
  /** The visit found the person, with some fields wrong. */
  | { type: 'correct'; corrections: PersonCorrections }
  /** Nobody at the address knows the person (may be retried). */
  | { type: 'not_found' }
  /** The person lives elsewhere now. */
  | { type: 'move'; toRegionCode: string }
  | { type: 'decease'; deceasedDate: IsoDate }
  /** The receiving jurisdiction of a move takes the entry over. */
  | { type: 'accept_handover' }
  /** The receiving jurisdiction did not find the person there; the entry goes back. */
  | { type: 'reject_handover' };
export type VerificationEventType = VerificationEvent['type'];
export const VERIFICATION_EVENT_TYPES = [
  'confirm',
  'correct',
  'not_found',
  'move',
  'decease',
  'accept_handover',
  'reject_handover',
] as const satisfies readonly VerificationEventType[];

export type VerificationEffect =
  | { type: 'apply_corrections'; corrections: PersonCorrections }
  /** Put the entry in the receiving jurisdiction's verification queue. */
  | { type: 'handover'; fromRegionCode: string; toRegionCode: string }
  | { type: 'set_residence'; regionCode: string }
  /** Tell the sending jurisdiction its move was refused. */
  | { type: 'handover_rejected'; fromRegionCode: string; toRegionCode: string }
  | { type: 'cancel_handover'; toRegionCode: string }
  | { type: 'mark_deceased'; deceasedDate: IsoDate }
  /** Stop follow-ups, assessments and contract tasks for the person. */
  | { type: 'cancel_open_tasks' };

export type VerificationResult =
  | { ok: true; state: VerificationState; effects: VerificationEffect[] }
  | { ok: false; error: AppError };

/** Visits that can follow any "person is (or was) here" state. */
const VISIT_EVENTS = ['confirm', 'correct', 'not_found', 'move', 'decease'] as const satisfies readonly VerificationEventType[];

/** Which events each state accepts. `deceased` is terminal; a wrong death report is fixed by an administrator. */
export const VERIFICATION_TRANSITIONS: Readonly<Record<VerificationStatus, readonly VerificationEventType[]>> = {
  pending: VISIT_EVENTS,
  verified: VISIT_EVENTS,
  corrected: VISIT_EVENTS,
  not_found: VISIT_EVENTS,
  // While the receiving side decides, only it acts; a death still ends everything.
  moved: ['accept_handover', 'reject_handover', 'decease'],
  deceased: [],
};

export function initialVerificationState(regionCode: string): VerificationState {
  return { status: 'pending', regionCode };
}

export function allowedVerificationEvents(status: VerificationStatus): readonly VerificationEventType[] {
  return VERIFICATION_TRANSITIONS[status];
}

const ok = (state: VerificationState, effects: VerificationEffect[] = []): VerificationResult => ({ ok: true, state, effects });
const fail = (error: AppError): VerificationResult => ({ ok: false, error });

function isResidenceCode(code: unknown): code is string {
  if (typeof code !== 'string' || !isRegionCode(code)) return false;
  const level = regionLevel(code);
  return level === 'community' || level === 'grid';
}

export function applyVerification(current: VerificationState, event: VerificationEvent): VerificationResult {
  if (!VERIFICATION_TRANSITIONS[current.status].includes(event.type)) {
    return fail(
      new AppError(ErrorCode.INVALID_STATE, `Cannot ${event.type} an entry that is ${current.status}`, {
        details: { status: current.status, event: event.type },
      }),
    );
  }
  const here = current.regionCode;

  switch (event.type) {
    case 'confirm':
      return ok({ status: 'verified', regionCode: here });
    case 'correct':
      if (Object.keys(event.corrections).length === 0) return fail(validationError('corrections', 'A correction must change at least one field'));
      return ok({ status: 'corrected', regionCode: here }, [{ type: 'apply_corrections', corrections: event.corrections }]);
    case 'not_found':
      return ok({ status: 'not_found', regionCode: here });
    case 'move':
      if (!isResidenceCode(event.toRegionCode))
        return fail(validationError('toRegionCode', 'A move needs the community or grid code of the new residence'));
      if (event.toRegionCode === here) return fail(validationError('toRegionCode', 'The new residence is the current one'));
      return ok({ status: 'moved', regionCode: here, movedTo: event.toRegionCode }, [
        { type: 'handover', fromRegionCode: here, toRegionCode: event.toRegionCode },
      ]);
    case 'decease': {
      if (!isIsoDate(event.deceasedDate)) return fail(validationError('deceasedDate', 'Date of death must be a YYYY-MM-DD date'));
      const effects: VerificationEffect[] = [];
      if (current.movedTo !== undefined) effects.push({ type: 'cancel_handover', toRegionCode: current.movedTo });
      effects.push({ type: 'mark_deceased', deceasedDate: event.deceasedDate }, { type: 'cancel_open_tasks' });
      return ok({ status: 'deceased', regionCode: here, deceasedDate: event.deceasedDate }, effects);
    }
    case 'accept_handover': {
      const to = current.movedTo;
      if (to === undefined) return fail(new AppError(ErrorCode.INVALID_STATE, 'Moved entry has no receiving jurisdiction'));
      // The new community has not seen the person yet, so the entry starts over there.
      return ok({ status: 'pending', regionCode: to }, [{ type: 'set_residence', regionCode: to }]);
    }
    case 'reject_handover': {
      const to = current.movedTo;
      if (to === undefined) return fail(new AppError(ErrorCode.INVALID_STATE, 'Moved entry has no receiving jurisdiction'));
      return ok({ status: 'not_found', regionCode: here }, [{ type: 'handover_rejected', fromRegionCode: here, toRegionCode: to }]);
    }
  }
}

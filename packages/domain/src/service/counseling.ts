import type { FieldError } from '../register/field-error.ts';

/** Seed 002 §(四)/(五): the consultation recommends group, family or individual intervention (团体/家庭/个体干预). */
export const INTERVENTION_TYPES = ['individual', 'group', 'family'] as const;
export type InterventionType = (typeof INTERVENTION_TYPES)[number];

export const PLAN_STATUSES = ['active', 'paused', 'completed', 'cancelled'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** How a session was held. Anything else is refused (400 naming `body.modality`). */
export const SESSION_MODALITIES = ['in_person', 'phone', 'online', 'home'] as const;
export type SessionModality = (typeof SESSION_MODALITIES)[number];

export const ATTENDANCE = ['attended', 'absent', 'left_early'] as const;
export type Attendance = (typeof ATTENDANCE)[number];

/** The mental-health toolkit handed to recovered patients (seed 002 §(五)): handbook, service leaflet, other. */
export const TOOLKIT_ITEMS = ['handbook', 'service_leaflet', 'other'] as const;
export type ToolkitItem = (typeof TOOLKIT_ITEMS)[number];

/** Plan status changes: a finished plan stays finished. */
const PLAN_NEXT: Readonly<Record<PlanStatus, readonly PlanStatus[]>> = {
  active: ['paused', 'completed', 'cancelled'],
  paused: ['active', 'completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

export function canChangePlanStatus(from: PlanStatus, to: PlanStatus): boolean {
  return PLAN_NEXT[from].includes(to);
}

/** Sessions can be recorded only on a plan that is going on. */
export function planAcceptsSessions(status: PlanStatus): boolean {
  return status === 'active';
}

export interface SessionDraft {
  /** YYYY-MM-DD, local date the session took place. */
  date: string;
  durationMinutes: number;
  /** A group session needs at least two participants; an individual or family one exactly one person. */
  participantCount: number;
  type: InterventionType;
}

/** Longest session we accept: a half-day group workshop. */
export const MAX_SESSION_MINUTES = 480;

/** Checks a session against the calendar (`today` in the service's time zone) and the plan type. */
export function validateSession(s: SessionDraft, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s.date) || Number.isNaN(Date.parse(`${s.date}T00:00:00Z`))) {
    errors.push({ field: 'date', code: 'invalid_date', message: 'The date is not a valid YYYY-MM-DD date' });
  } else if (s.date > today) {
    errors.push({ field: 'date', code: 'future_date', message: 'A session cannot be recorded before it takes place' });
  }
  if (!Number.isInteger(s.durationMinutes) || s.durationMinutes < 5 || s.durationMinutes > MAX_SESSION_MINUTES) {
    errors.push({ field: 'durationMinutes', code: 'invalid_value', message: `Duration is 5 to ${MAX_SESSION_MINUTES} minutes` });
  }
  if (s.type === 'group' && s.participantCount < 2) {
    errors.push({ field: 'participants', code: 'invalid_value', message: 'A group session has at least two participants' });
  }
  if (s.type !== 'group' && s.participantCount !== 1) {
    errors.push({ field: 'participants', code: 'invalid_value', message: 'An individual or family session is for one registered person' });
  }
  return errors;
}

/** A plan can change hands while it is going on (active or paused); a finished plan keeps its last owner. */
export function planIsOpen(status: PlanStatus): boolean {
  return status === 'active' || status === 'paused';
}

export interface PlanOwner {
  teamId: string | null;
  responsibleAccountId: string | null;
}

/**
 * The owner a plan has after a reassignment: a field left out (undefined) keeps its value, `null` clears it. A plan
 * always keeps a responsible counselor or team, and a reassignment must change something.
 */
export function reassignedOwner(
  current: PlanOwner,
  change: { teamId?: string | null | undefined; responsibleAccountId?: string | null | undefined },
): { owner: PlanOwner; errors: FieldError[] } {
  const owner: PlanOwner = {
    teamId: change.teamId === undefined ? current.teamId : change.teamId,
    responsibleAccountId: change.responsibleAccountId === undefined ? current.responsibleAccountId : change.responsibleAccountId,
  };
  const errors: FieldError[] = [];
  if (change.teamId === undefined && change.responsibleAccountId === undefined) {
    errors.push({ field: 'responsibleAccountId', code: 'required', message: 'Name the new responsible counselor or team' });
  } else if (owner.teamId === null && owner.responsibleAccountId === null) {
    errors.push({ field: 'responsibleAccountId', code: 'required', message: 'A plan keeps a responsible counselor or team' });
  }
  return { owner, errors };
}

/** What a correction of a recorded session may change; type and participants stay (a wrong person is a new record). */
export interface SessionCorrection {
  reason: string;
  date?: string | undefined;
  durationMinutes?: number | undefined;
  modality?: SessionModality | undefined;
  topic?: string | null | undefined;
  goals?: string | null | undefined;
  outcome?: string | null | undefined;
  notes?: string | null | undefined;
  attendance?: { personId: string; attendance: Attendance }[] | undefined;
}

export const SESSION_CORRECTION_FIELDS = ['date', 'durationMinutes', 'modality', 'topic', 'goals', 'outcome', 'notes', 'attendance'] as const;
export type SessionCorrectionField = (typeof SESSION_CORRECTION_FIELDS)[number];

/** Shortest reason accepted for correcting a session ("写错日期" is four characters). */
export const MIN_CORRECTION_REASON = 2;

/**
 * Checks a correction of a recorded session: a reason is required, something must change, and the corrected
 * session must still be valid (date not in the future, duration 5–480 minutes). Returns the fields it changes.
 */
export function validateSessionCorrection(
  current: SessionDraft & { modality: SessionModality },
  c: SessionCorrection,
  today: string,
): { changed: SessionCorrectionField[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (c.reason.trim().length < MIN_CORRECTION_REASON) {
    errors.push({ field: 'reason', code: 'required', message: 'Say why the session record is corrected' });
  }
  const changed = SESSION_CORRECTION_FIELDS.filter((f) => c[f] !== undefined);
  if (changed.length === 0) errors.push({ field: 'reason', code: 'invalid_value', message: 'The correction changes nothing' });
  const after: SessionDraft = { ...current, date: c.date ?? current.date, durationMinutes: c.durationMinutes ?? current.durationMinutes };
  errors.push(...validateSession(after, today).filter((e) => e.field === 'date' || e.field === 'durationMinutes'));
  return { changed, errors };
}

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

import type { Role } from '../auth/roles.ts';

/**
 * The crisis case workflow (issue 6; seed 002 §(六)): reported → triaged → one-on-one intervention →
 * admitted / stabilized / referred → community feedback given → key-person grid management → closed
 * with a review. Every transition names the roles that may take it; the server also checks the
 * action (crisis.manage) and the jurisdiction.
 */
export const CASE_STATUSES = [
  'reported',
  'triaged',
  'intervention',
  'admitted',
  'stabilized',
  'referred',
  'feedback_given',
  'grid_management',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_EVENTS = [
  'triage',
  'start_intervention',
  'admit',
  'discharge',
  'stabilize',
  'refer',
  'give_feedback',
  'start_grid_management',
  'close',
  'dismiss',
] as const;
export type CaseEvent = (typeof CASE_EVENTS)[number];

/** The crisis team: psychiatrists and counsellors (the roles granted crisis.manage). */
const TEAM: readonly Role[] = ['psychiatrist', 'counselor'];
/** Admission, discharge and closing are a psychiatrist's decisions. */
const PSYCHIATRIST: readonly Role[] = ['psychiatrist'];

interface Transition {
  from: readonly CaseStatus[];
  to: CaseStatus;
  roles: readonly Role[];
}

export const TRANSITIONS: Readonly<Record<CaseEvent, Transition>> = {
  triage: { from: ['reported'], to: 'triaged', roles: TEAM },
  start_intervention: { from: ['triaged'], to: 'intervention', roles: TEAM },
  // An imminent case may go to hospital straight from triage.
  admit: { from: ['triaged', 'intervention'], to: 'admitted', roles: PSYCHIATRIST },
  discharge: { from: ['admitted'], to: 'stabilized', roles: PSYCHIATRIST },
  stabilize: { from: ['intervention'], to: 'stabilized', roles: TEAM },
  refer: { from: ['intervention', 'admitted'], to: 'referred', roles: TEAM },
  give_feedback: { from: ['stabilized', 'referred'], to: 'feedback_given', roles: TEAM },
  start_grid_management: { from: ['feedback_given'], to: 'grid_management', roles: TEAM },
  // Closing needs a review (recorded with the transition).
  close: { from: ['grid_management'], to: 'closed', roles: PSYCHIATRIST },
  // A report that triage finds to be no crisis (false alarm, duplicate) is closed with a review too.
  dismiss: { from: ['reported', 'triaged'], to: 'closed', roles: PSYCHIATRIST },
};

export type TransitionOutcome =
  | { ok: true; to: CaseStatus }
  | { ok: false; reason: 'invalid_state' | 'forbidden_role' };

/**
 * May an account holding `roles` take `event` on a case in `status`? The state is checked first: an
 * event that does not apply to the state is invalid whoever asks.
 */
export function transition(status: CaseStatus, event: CaseEvent, roles: readonly Role[]): TransitionOutcome {
  const t = TRANSITIONS[event];
  if (!t.from.includes(status)) return { ok: false, reason: 'invalid_state' };
  if (!roles.some((r) => t.roles.includes(r))) return { ok: false, reason: 'forbidden_role' };
  return { ok: true, to: t.to };
}

/** The events the roles may take from a status (for the case page's buttons). */
export function availableEvents(status: CaseStatus, roles: readonly Role[]): CaseEvent[] {
  return CASE_EVENTS.filter((e) => transition(status, e, roles).ok);
}

export function isOpenStatus(status: CaseStatus): boolean {
  return status !== 'closed';
}

/** Events that require a written review (closing a case). */
export function needsReview(event: CaseEvent): boolean {
  return event === 'close' || event === 'dismiss';
}

export function isCaseEvent(value: string): value is CaseEvent {
  return (CASE_EVENTS as readonly string[]).includes(value);
}

import { AppError, ErrorCode } from '../errors/error-code.ts';

/**
 * Two-way referral (双向转诊, seed 004 §15) between primary care, mental-health institutions, social-work
 * organizations and civil affairs. The sender refers a person; the receiving organization accepts or declines,
 * records that it has seen the person, and returns the referral with its advice (回转); the sender closes it.
 *
 *   sent ──accept──▶ accepted ──see──▶ seen ──return_with_advice──▶ returned_with_advice ──close──▶ closed
 *     └──decline──▶ declined ──close──▶ closed
 *
 * Each event belongs to one side: the receiver moves the referral forward, the sender closes it.
 */
export const REFERRAL_STATUSES = ['sent', 'accepted', 'declined', 'seen', 'returned_with_advice', 'closed'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const REFERRAL_EVENTS = ['accept', 'decline', 'see', 'return_with_advice', 'close'] as const;
export type ReferralEventType = (typeof REFERRAL_EVENTS)[number];

export const REFERRAL_SIDES = ['sender', 'receiver'] as const;
export type ReferralSide = (typeof REFERRAL_SIDES)[number];

/** Organization types that take part in referrals. */
export const REFERRAL_ORGANIZATION_TYPES = [
  'primary_care',
  'mental_health_institution',
  'designated_hospital',
  'social_work',
  'civil_affairs',
] as const;
export type ReferralOrganizationType = (typeof REFERRAL_ORGANIZATION_TYPES)[number];

export function isReferralOrganizationType(type: string): type is ReferralOrganizationType {
  return (REFERRAL_ORGANIZATION_TYPES as readonly string[]).includes(type);
}

interface Transition {
  from: ReferralStatus;
  by: ReferralSide;
  to: ReferralStatus;
  /** The event needs a text: the reason for a decline, the advice on return. */
  needsText: boolean;
}

/** The whole machine in one table. */
export const REFERRAL_TRANSITIONS: Readonly<Record<ReferralEventType, readonly Transition[]>> = {
  accept: [{ from: 'sent', by: 'receiver', to: 'accepted', needsText: false }],
  decline: [{ from: 'sent', by: 'receiver', to: 'declined', needsText: true }],
  see: [{ from: 'accepted', by: 'receiver', to: 'seen', needsText: false }],
  return_with_advice: [{ from: 'seen', by: 'receiver', to: 'returned_with_advice', needsText: true }],
  close: [
    { from: 'returned_with_advice', by: 'sender', to: 'closed', needsText: false },
    { from: 'declined', by: 'sender', to: 'closed', needsText: false },
  ],
};

export const TERMINAL_REFERRAL_STATUSES: readonly ReferralStatus[] = ['closed'];

export type ReferralTransitionResult = { ok: true; status: ReferralStatus } | { ok: false; error: AppError };

/** The events one side may take on a referral in the given status. */
export function allowedReferralEvents(status: ReferralStatus, side: ReferralSide): ReferralEventType[] {
  return REFERRAL_EVENTS.filter((e) => REFERRAL_TRANSITIONS[e].some((t) => t.from === status && t.by === side));
}

/** Whether the event needs a text (decline reason, advice). */
export function referralEventNeedsText(event: ReferralEventType): boolean {
  return REFERRAL_TRANSITIONS[event].some((t) => t.needsText);
}

/**
 * Applies an event taken by one side. The wrong side → FORBIDDEN; an event not allowed in the current status
 * → INVALID_STATE; a decline without a reason or a return without advice → VALIDATION (field `body.text`).
 */
export function applyReferralEvent(
  status: ReferralStatus,
  event: ReferralEventType,
  side: ReferralSide,
  text?: string | null,
): ReferralTransitionResult {
  const fromHere = REFERRAL_TRANSITIONS[event].filter((t) => t.from === status);
  if (fromHere.length === 0) {
    return { ok: false, error: new AppError(ErrorCode.INVALID_STATE, `A referral that is ${status} cannot take '${event}'`) };
  }
  const t = fromHere.find((x) => x.by === side);
  if (!t) {
    const who = fromHere[0]?.by === 'sender' ? 'sending' : 'receiving';
    return { ok: false, error: new AppError(ErrorCode.FORBIDDEN, `Only the ${who} organization may ${event.replaceAll('_', ' ')}`) };
  }
  if (t.needsText && (text ?? '').trim() === '') {
    const what = event === 'decline' ? 'a reason' : 'advice';
    return { ok: false, error: new AppError(ErrorCode.VALIDATION, `'${event}' needs ${what}`, { field: 'body.text' }) };
  }
  return { ok: true, status: t.to };
}

/** A referral is active (in someone's queue to act on) until it is closed. */
export function isReferralOpen(status: ReferralStatus): boolean {
  return !TERMINAL_REFERRAL_STATUSES.includes(status);
}

/** Whose move it is: the side that has an event available (closed → nobody). */
export function referralAwaits(status: ReferralStatus): ReferralSide | null {
  if (allowedReferralEvents(status, 'receiver').length > 0) return 'receiver';
  if (allowedReferralEvents(status, 'sender').length > 0) return 'sender';
  return null;
}

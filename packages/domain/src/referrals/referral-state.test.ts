import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../errors/error-code.ts';
import {
  REFERRAL_EVENTS,
  REFERRAL_SIDES,
  REFERRAL_STATUSES,
  allowedReferralEvents,
  applyReferralEvent,
  isReferralOpen,
  isReferralOrganizationType,
  referralAwaits,
  referralEventNeedsText,
  type ReferralEventType,
  type ReferralSide,
  type ReferralStatus,
} from './referral-state.ts';

type Outcome = ReferralStatus | 'FORBIDDEN' | 'INVALID_STATE';

/**
 * Expected outcome for every status × event × side, written out in full independently of the transition
 * table: the new status, FORBIDDEN (the other side's move) or INVALID_STATE (no such move from here).
 */
const TABLE: Record<ReferralStatus, Record<ReferralEventType, Record<ReferralSide, Outcome>>> = {
  sent: {
    accept: { receiver: 'accepted', sender: 'FORBIDDEN' },
    decline: { receiver: 'declined', sender: 'FORBIDDEN' },
    see: { receiver: 'INVALID_STATE', sender: 'INVALID_STATE' },
    return_with_advice: { receiver: 'INVALID_STATE', sender: 'INVALID_STATE' },
    close: { receiver: 'INVALID_STATE', sender: 'INVALID_STATE' },
  },
  accepted: {
    accept: { receiver: 'INVALID_STATE', sender: 'INVALID_STATE' },
    decline: { receiver: 'INVALID_STATE', sender: 'INVALID_STATE' },
    see: { receiver: 'seen', sender: 'FORBIDDEN' },
    return_with_advice: { receiver: 'INVALID_STATE', sender: 'INVALID_STATE' },
    close: { receiver: 'INVALID_STATE', sender: 'INVALID_STATE' },
  },
  declined: {
    accept: { receiver: 'INVALID_STATE', sender: 'INVALID_STATE' },
    decline: { receiver: 'INVALID_STATE', sender: 'INVALID_STATE' },
    see: { receiver: 'INVALID_STATE', sender: 'INVALID_STATE' },
    return_with_advice: { receiver: 'INVALID_STATE', sender: 'INVALID_STATE' },
    close: { receiver: 'FORBIDDEN', sender: 'closed' },
  },
  seen: {
    accept: { receiver: 'INVALID_STATE', sender: 'INVALID_STATE' },
    decline: { receiver: 'INVALID_STATE', sender: 'INVALID_STATE' },
    see: { receiver: 'INVALID_STATE', sender: 'INVALID_STATE' },
    return_with_advice: { receiver: 'returned_with_advice', sender: 'FORBIDDEN' },
    close: { receiver: 'INVALID_STATE', sender: 'INVALID_STATE' },
  },
  returned_with_advice: {
    accept: { receiver: 'INVALID_STATE', sender: 'INVALID_STATE' },
    decline: { receiver: 'INVALID_STATE', sender: 'INVALID_STATE' },
    see: { receiver: 'INVALID_STATE', sender: 'INVALID_STATE' },
    return_with_advice: { receiver: 'INVALID_STATE', sender: 'INVALID_STATE' },
    close: { receiver: 'FORBIDDEN', sender: 'closed' },
  },
  closed: {
    accept: { receiver: 'INVALID_STATE', sender: 'INVALID_STATE' },
    decline: { receiver: 'INVALID_STATE', sender: 'INVALID_STATE' },
    see: { receiver: 'INVALID_STATE', sender: 'INVALID_STATE' },
    return_with_advice: { receiver: 'INVALID_STATE', sender: 'INVALID_STATE' },
    close: { receiver: 'INVALID_STATE', sender: 'INVALID_STATE' },
  },
};

const CASES = REFERRAL_STATUSES.flatMap((s) =>
  REFERRAL_EVENTS.flatMap((e) => REFERRAL_SIDES.map((side) => [s, e, side, TABLE[s][e][side]] as const)),
);

describe('referral state machine', () => {
  it('covers every status, event and side', () => {
    expect(CASES).toHaveLength(6 * 5 * 2);
  });

  it.each(CASES)('%s + %s by %s → %s', (status, event, side, expected) => {
    const result = applyReferralEvent(status, event, side, 'text given');
    if (expected === 'FORBIDDEN' || expected === 'INVALID_STATE') {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe(ErrorCode[expected]);
      expect(allowedReferralEvents(status, side)).not.toContain(event);
    } else {
      expect(result).toEqual({ ok: true, status: expected });
      expect(allowedReferralEvents(status, side)).toContain(event);
    }
  });

  it('a decline needs a reason and a return needs advice, named as body.text', () => {
    for (const text of [undefined, null, '', '   ']) {
      const d = applyReferralEvent('sent', 'decline', 'receiver', text);
      expect(d.ok).toBe(false);
      if (!d.ok) expect([d.error.code, d.error.field]).toEqual([ErrorCode.VALIDATION, 'body.text']);
      const r = applyReferralEvent('seen', 'return_with_advice', 'receiver', text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect([r.error.code, r.error.field]).toEqual([ErrorCode.VALIDATION, 'body.text']);
    }
    expect(applyReferralEvent('sent', 'accept', 'receiver')).toEqual({ ok: true, status: 'accepted' });
    expect(applyReferralEvent('returned_with_advice', 'close', 'sender')).toEqual({ ok: true, status: 'closed' });
    expect(REFERRAL_EVENTS.filter(referralEventNeedsText)).toEqual(['decline', 'return_with_advice']);
  });

  it('the full round trip reaches closed through both sides', () => {
    let status: ReferralStatus = 'sent';
    const steps: [ReferralEventType, ReferralSide][] = [
      ['accept', 'receiver'],
      ['see', 'receiver'],
      ['return_with_advice', 'receiver'],
      ['close', 'sender'],
    ];
    for (const [event, side] of steps) {
      const r = applyReferralEvent(status, event, side, 'advice');
      if (!r.ok) throw r.error;
      status = r.status;
    }
    expect(status).toBe('closed');
  });

  it('knows whose move it is and which statuses are open', () => {
    expect(REFERRAL_STATUSES.map((s) => [s, referralAwaits(s), isReferralOpen(s)])).toEqual([
      ['sent', 'receiver', true],
      ['accepted', 'receiver', true],
      ['declined', 'sender', true],
      ['seen', 'receiver', true],
      ['returned_with_advice', 'sender', true],
      ['closed', null, false],
    ]);
  });

  it('names the organization types that take part', () => {
    expect(['primary_care', 'mental_health_institution', 'social_work', 'civil_affairs'].every(isReferralOrganizationType)).toBe(true);
    expect(isReferralOrganizationType('public_security')).toBe(false);
    expect(isReferralOrganizationType('hotline_center')).toBe(false);
  });
});

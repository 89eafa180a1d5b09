import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../errors/error-code.ts';
import {
  VERIFICATION_EVENT_TYPES,
  VERIFICATION_STATUSES,
  allowedVerificationEvents,
  applyVerification,
  initialVerificationState,
  type VerificationEvent,
  type VerificationEventType,
  type VerificationState,
  type VerificationStatus,
} from './verification.ts';

const HERE = '420102001001';
const THERE = '420103002004';

const EVENTS: Record<VerificationEventType, VerificationEvent> = {
  confirm: { type: 'confirm' },
  correct: { type: 'correct', corrections: { phone: '13812345678' } },
  not_found: { type: 'not_found' },
  move: { type: 'move', toRegionCode: THERE },
  decease: { type: 'decease', deceasedDate: '2024-05-01' },
  accept_handover: { type: 'accept_handover' },
  reject_handover: { type: 'reject_handover' },
};

function stateIn(status: VerificationStatus): VerificationState {
  if (status === 'moved') return { status, regionCode: HERE, movedTo: THERE };
  if (status === 'deceased') return { status, regionCode: HERE, deceasedDate: '2024-01-01' };
  return { status, regionCode: HERE };
}

/** Expected outcome per state × event: the resulting status, or null for INVALID_STATE. Written out in full on purpose. */
const TABLE: Record<VerificationStatus, Record<VerificationEventType, VerificationStatus | null>> = {
  pending: { confirm: 'verified', correct: 'corrected', not_found: 'not_found', move: 'moved', decease: 'deceased', accept_handover: null, reject_handover: null },
  verified: { confirm: 'verified', correct: 'corrected', not_found: 'not_found', move: 'moved', decease: 'deceased', accept_handover: null, reject_handover: null },
  corrected: { confirm: 'verified', correct: 'corrected', not_found: 'not_found', move: 'moved', decease: 'deceased', accept_handover: null, reject_handover: null },
  not_found: { confirm: 'verified', correct: 'corrected', not_found: 'not_found', move: 'moved', decease: 'deceased', accept_handover: null, reject_handover: null },
  moved: { confirm: null, correct: null, not_found: null, move: null, decease: 'deceased', accept_handover: 'pending', reject_handover: 'not_found' },
  deceased: { confirm: null, correct: null, not_found: null, move: null, decease: null, accept_handover: null, reject_handover: null },
};

const CASES = VERIFICATION_STATUSES.flatMap((s) => VERIFICATION_EVENT_TYPES.map((e) => [s, e, TABLE[s][e]] as const));

describe('verification state machine', () => {
  it('covers every state and event', () => {
    expect(CASES).toHaveLength(6 * 7);
  });

  it.each(CASES)('%s + %s → %s', (status, eventType, expected) => {
    const result = applyVerification(stateIn(status), EVENTS[eventType]);
    if (expected === null) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe(ErrorCode.INVALID_STATE);
      expect(allowedVerificationEvents(status)).not.toContain(eventType);
    } else {
      expect(result).toMatchObject({ ok: true, state: { status: expected } });
      expect(allowedVerificationEvents(status)).toContain(eventType);
    }
  });

  it('starts pending in the reporting jurisdiction', () => {
    expect(initialVerificationState(HERE)).toEqual({ status: 'pending', regionCode: HERE });
  });

  it('deceased is terminal', () => {
    expect(allowedVerificationEvents('deceased')).toEqual([]);
  });
});

describe('effects', () => {
  it('a confirmation or not-found visit has no effects', () => {
    expect(applyVerification(stateIn('pending'), EVENTS.confirm)).toEqual({ ok: true, state: { status: 'verified', regionCode: HERE }, effects: [] });
    expect(applyVerification(stateIn('verified'), EVENTS.not_found)).toEqual({ ok: true, state: { status: 'not_found', regionCode: HERE }, effects: [] });
  });

  it('a correction carries its changes', () => {
    expect(applyVerification(stateIn('pending'), { type: 'correct', corrections: { name: '张三', sex: 'female' } })).toEqual({
      ok: true,
      state: { status: 'corrected', regionCode: HERE },
      effects: [{ type: 'apply_corrections', corrections: { name: '张三', sex: 'female' } }],
    });
  });

  it('a move hands the entry over and remembers where to', () => {
    expect(applyVerification(stateIn('verified'), EVENTS.move)).toEqual({
      ok: true,
      state: { status: 'moved', regionCode: HERE, movedTo: THERE },
      effects: [{ type: 'handover', fromRegionCode: HERE, toRegionCode: THERE }],
    });
  });

  it('accepting a hand-over restarts verification in the new jurisdiction', () => {
    expect(applyVerification(stateIn('moved'), EVENTS.accept_handover)).toEqual({
      ok: true,
      state: { status: 'pending', regionCode: THERE },
      effects: [{ type: 'set_residence', regionCode: THERE }],
    });
  });

  it('a rejected hand-over returns the entry as not found', () => {
    expect(applyVerification(stateIn('moved'), EVENTS.reject_handover)).toEqual({
      ok: true,
      state: { status: 'not_found', regionCode: HERE },
      effects: [{ type: 'handover_rejected', fromRegionCode: HERE, toRegionCode: THERE }],
    });
  });

  it('a death closes open work, and cancels a pending hand-over', () => {
    expect(applyVerification(stateIn('not_found'), EVENTS.decease)).toEqual({
      ok: true,
      state: { status: 'deceased', regionCode: HERE, deceasedDate: '2024-05-01' },
      effects: [{ type: 'mark_deceased', deceasedDate: '2024-05-01' }, { type: 'cancel_open_tasks' }],
    });
    const fromMoved = applyVerification(stateIn('moved'), EVENTS.decease);
    expect(fromMoved.ok && fromMoved.effects[0]).toEqual({ type: 'cancel_handover', toRegionCode: THERE });
    expect(fromMoved.ok && fromMoved.state).toEqual({ status: 'deceased', regionCode: HERE, deceasedDate: '2024-05-01' });
  });
});

describe('event payload validation', () => {
  it.each([
    ['no code', ''],
    ['malformed code', '42010300200'],
    ['a street', '420103002000'],
    ['the same community', HERE],
  ])('a move to %s is refused', (_label, toRegionCode) => {
    const result = applyVerification(stateIn('pending'), { type: 'move', toRegionCode });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(ErrorCode.VALIDATION);
      expect(result.error.field).toBe('toRegionCode');
    }
  });

  it('a move to a grid is accepted', () => {
    expect(applyVerification(stateIn('pending'), { type: 'move', toRegionCode: `${HERE}002` }).ok).toBe(true);
  });

  it('refuses an empty correction and a malformed date of death', () => {
    const empty = applyVerification(stateIn('pending'), { type: 'correct', corrections: {} });
    expect(!empty.ok && empty.error.field).toBe('corrections');
    const badDate = applyVerification(stateIn('pending'), { type: 'decease', deceasedDate: '2024-02-30' });
    expect(!badDate.ok && badDate.error.code).toBe(ErrorCode.VALIDATION);
  });

  it('reports the state check before the payload check', () => {
    const result = applyVerification(stateIn('deceased'), { type: 'move', toRegionCode: '' });
    expect(!result.ok && result.error.code).toBe(ErrorCode.INVALID_STATE);
  });

  it('refuses hand-over answers on a moved entry without a destination', () => {
    const broken: VerificationState = { status: 'moved', regionCode: HERE };
    expect(applyVerification(broken, EVENTS.accept_handover).ok).toBe(false);
    expect(applyVerification(broken, EVENTS.reject_handover).ok).toBe(false);
  });
});

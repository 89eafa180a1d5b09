import { describe, expect, it } from 'vitest';
import { callMetrics, classifyCall, type CallTimes } from './call-metrics.ts';

const T0 = new Date('2026-03-02T09:00:00+08:00');
const at = (s: number): Date => new Date(T0.getTime() + s * 1000);
const answered = (wait: number, talk: number): CallTimes => ({ offeredAt: T0, answeredAt: at(wait), abandonedAt: null, endedAt: at(wait + talk) });
const abandoned = (wait: number): CallTimes => ({ offeredAt: T0, answeredAt: null, abandonedAt: at(wait), endedAt: at(wait) });
const ringing: CallTimes = { offeredAt: T0, answeredAt: null, abandonedAt: null, endedAt: null };

describe('call classification', () => {
  it('tells answered, abandoned, short abandons and waiting calls apart', () => {
    expect(classifyCall(answered(3, 60))).toBe('answered');
    expect(classifyCall(abandoned(30))).toBe('abandoned');
    expect(classifyCall(abandoned(4))).toBe('short_abandoned');
    expect(classifyCall(abandoned(5))).toBe('abandoned'); // the threshold itself is a real abandon
    expect(classifyCall(abandoned(8), { shortAbandonSeconds: 10, serviceLevelSeconds: 20 })).toBe('short_abandoned');
    expect(classifyCall(ringing)).toBe('waiting');
    // ended without answer or abandon event: the caller is gone
    expect(classifyCall({ offeredAt: T0, answeredAt: null, abandonedAt: null, endedAt: at(40) })).toBe('abandoned');
  });
});

describe('call metrics', () => {
  it('computes each definition on a small worked set', () => {
    const calls = [answered(0, 300), answered(10, 600), answered(40, 120), abandoned(50), abandoned(2), ringing];
    const m = callMetrics(calls, at(90));
    expect(m.offered).toBe(5); // 3 answered + 1 abandoned + 1 waiting; the short abandon is left out
    expect(m.answered).toBe(3);
    expect(m.abandoned).toBe(1);
    expect(m.shortAbandoned).toBe(1);
    expect(m.waiting).toBe(1);
    expect(m.answerRate).toBeCloseTo(3 / 4, 12);
    expect(m.abandonRate).toBeCloseTo(1 / 4, 12);
    expect(m.serviceLevel).toBeCloseTo(2 / 4, 12); // 0 s and 10 s are within 20 s; 40 s is not; the abandon counts against
    expect(m.asaSeconds).toBeCloseTo(50 / 3, 12);
    expect(m.ahtSeconds).toBeCloseTo(340, 12);
    expect(m.longestWaitSeconds).toBe(90);
  });
  it('gives nulls, not zeros or NaN, when nothing has happened', () => {
    const m = callMetrics([], T0);
    expect(m).toMatchObject({ offered: 0, answerRate: null, serviceLevel: null, asaSeconds: null, ahtSeconds: null });
  });
  it('a short abandon changes no rate', () => {
    const base = [answered(5, 100), abandoned(60)];
    expect(callMetrics([...base, abandoned(1), abandoned(3)], T0).answerRate).toBe(callMetrics(base, T0).answerRate);
  });
  it('talk time is counted only once the call has ended', () => {
    const live: CallTimes = { offeredAt: T0, answeredAt: at(2), abandonedAt: null, endedAt: null };
    const m = callMetrics([live, answered(2, 200)], at(500));
    expect(m.answered).toBe(2);
    expect(m.ahtSeconds).toBe(200);
  });
});

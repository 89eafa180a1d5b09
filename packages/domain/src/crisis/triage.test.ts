import { describe, expect, it } from 'vitest';
import { THOUGHTS, TIMEFRAMES, triageLevel, type TriageInput } from './triage.ts';

const base: TriageInput = { thoughts: 'none', plan: false, means: false, timeframe: 'none', recentAttempt: false };

describe('triage rule', () => {
  it('calls a recent attempt imminent whatever else is said', () => {
    expect(triageLevel({ ...base, recentAttempt: true }).level).toBe('imminent');
  });
  it('calls a plan with means to act within 24 h imminent', () => {
    const r = triageLevel({ thoughts: 'active', plan: true, means: true, timeframe: 'within_24h', recentAttempt: false });
    expect(r).toEqual({ level: 'imminent', reasons: ['thoughts_active', 'plan', 'means', 'timeframe_within_24h'] });
  });
  it('calls a plan without means or without a near timeframe high', () => {
    expect(triageLevel({ ...base, thoughts: 'active', plan: true, timeframe: 'within_24h' }).level).toBe('high');
    expect(triageLevel({ ...base, thoughts: 'active', plan: true, means: true, timeframe: 'later' }).level).toBe('high');
  });
  it('calls active thoughts with means high, passive thoughts alone moderate', () => {
    expect(triageLevel({ ...base, thoughts: 'active', means: true }).level).toBe('high');
    expect(triageLevel({ ...base, thoughts: 'active' }).level).toBe('moderate');
    expect(triageLevel({ ...base, thoughts: 'passive' }).level).toBe('moderate');
    expect(triageLevel(base)).toEqual({ level: 'moderate', reasons: [] });
  });
  it('never gives a lower level when a risk factor is added (monotone)', () => {
    const rank = { moderate: 1, high: 2, imminent: 3 } as const;
    const all: TriageInput[] = [];
    for (const thoughts of THOUGHTS)
      for (const plan of [false, true])
        for (const means of [false, true])
          for (const timeframe of TIMEFRAMES) for (const recentAttempt of [false, true]) all.push({ thoughts, plan, means, timeframe, recentAttempt });
    for (const t of all) {
      const r = rank[triageLevel(t).level];
      expect(rank[triageLevel({ ...t, plan: true }).level]).toBeGreaterThanOrEqual(r);
      expect(rank[triageLevel({ ...t, means: true }).level]).toBeGreaterThanOrEqual(r);
      expect(rank[triageLevel({ ...t, recentAttempt: true }).level]).toBeGreaterThanOrEqual(r);
      if (t.thoughts !== 'active') expect(rank[triageLevel({ ...t, thoughts: 'active' }).level]).toBeGreaterThanOrEqual(r);
    }
  });
});

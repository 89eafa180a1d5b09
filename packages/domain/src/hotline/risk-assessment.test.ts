import { describe, expect, it } from 'vitest';
import { assessRisk, type RiskAnswers } from './risk-assessment.ts';

const base: RiskAnswers = { thoughts: 'none', plan: false, means: false, timeframe: 'none' };

describe('risk assessment', () => {
  it.each<[Partial<RiskAnswers>, string]>([
    [{}, 'none'],
    [{ thoughts: 'passive' }, 'low'],
    [{ thoughts: 'active' }, 'moderate'],
    [{ thoughts: 'passive', means: true }, 'moderate'],
    [{ thoughts: 'active', plan: true }, 'high'],
    [{ thoughts: 'active', plan: true, means: true, timeframe: 'later' }, 'high'],
    [{ thoughts: 'active', timeframe: 'within_24h' }, 'high'],
    [{ harmToOthers: true }, 'high'],
    [{ thoughts: 'active', plan: true, means: true, timeframe: 'within_24h' }, 'imminent'],
    [{ thoughts: 'active', timeframe: 'in_progress' }, 'imminent'],
  ])('%o → %s', (answers, level) => {
    expect(assessRisk({ ...base, ...answers }).level).toBe(level);
  });
  it('escalates high and imminent, asks for 110/120 only when imminent, and lists reasons as codes', () => {
    const high = assessRisk({ ...base, thoughts: 'active', plan: true });
    expect(high).toMatchObject({ escalate: true, emergencyLinkage: false, reasons: ['thoughts_active', 'plan'] });
    expect(assessRisk({ ...base, timeframe: 'in_progress' })).toMatchObject({ escalate: true, emergencyLinkage: true });
    expect(assessRisk({ ...base, thoughts: 'active' }).escalate).toBe(false);
  });
});

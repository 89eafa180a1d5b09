import { describe, expect, it } from 'vitest';
import { answersForTotal } from './answers-for-total.ts';
import type { Answers } from './instrument-definition.ts';
import { getInstrument } from './instrument-registry.ts';
import { DEFAULT_RISK_CONFIG, DEFAULT_RISK_RULES, evaluateRiskRules, type RiskRule } from './risk-rules.ts';
import { scoreInstrument } from './score-instrument.ts';

const evaluate = (id: string, answers: Answers, config = DEFAULT_RISK_CONFIG) =>
  evaluateRiskRules(scoreInstrument(id, answers), answers, config).map((t) => t.ruleId);

const atTotal = (id: string, total: number) => answersForTotal(getInstrument(id).definition, total);

describe('risk rules', () => {
  it('PHQ-9 item 9 above 0 is a crisis, even with a minimal total or a blank elsewhere', () => {
    const triggered = evaluateRiskRules(scoreInstrument('phq9', [0, 0, 0, 0, 0, 0, 0, 0, 1]), [0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(triggered).toEqual([expect.objectContaining({ ruleId: 'phq9-item9', flag: 'suicide_risk_item9', level: 'high', action: 'crisis' })]);
    expect(triggered[0]?.explanation.zh).toContain('第9题');
    expect(evaluate('phq9', [null, 0, 0, 0, 0, 0, 0, 0, 3])).toEqual(['phq9-item9']);
    expect(evaluate('phq9', [0, 0, 0, 0, 0, 0, 0, 0, 0])).toEqual([]);
  });

  it.each([
    ['phq9', 9, 10],
    ['gad7', 9, 10],
    ['phq15', 14, 15],
    ['pcl5', 32, 33],
    ['k10', 21, 22],
    ['k6', 12, 13],
  ])('%s requests a consultation from %i+1 (default config)', (id, below, at) => {
    const belowAnswers = atTotal(id, below);
    const atAnswers = atTotal(id, at);
    expect(evaluate(id, belowAnswers).filter((r) => r === 'severity-consultation')).toEqual([]);
    expect(evaluate(id, atAnswers)).toContain('severity-consultation');
  });

  it('WHO-5 requests a consultation at raw 7 or below, not 8 (inverted scale)', () => {
    expect(evaluate('who5', atTotal('who5', 8))).toEqual([]);
    expect(evaluate('who5', atTotal('who5', 7))).toEqual(['severity-consultation']);
  });

  it('follows the configured level', () => {
    const config = { consultationSeverity: { phq9: 'mild' } };
    expect(evaluate('phq9', [1, 1, 1, 1, 1, 0, 0, 0, 0], config)).toEqual(['severity-consultation']);
    expect(evaluate('gad7', atTotal('gad7', 21), config)).toEqual([]); // not configured for gad7
  });

  it('does not request a consultation from an incomplete result', () => {
    expect(evaluate('phq9', [3, 3, 3, 3, 3, 3, 3, 3, null])).toEqual([]);
  });

  it('orders the most urgent first and accepts a deployment’s own rules', () => {
    const imminent: RiskRule = {
      id: 'test-imminent',
      instrument: 'phq9',
      when: (_result, answers) => answers[8] === 3,
      flag: 'test_flag',
      level: 'imminent',
      explanation: { zh: '测试', en: 'test' },
      action: 'crisis',
    };
    const answers = [3, 3, 3, 3, 3, 3, 3, 3, 3];
    const config = { ...DEFAULT_RISK_CONFIG, rules: [...DEFAULT_RISK_RULES, imminent] };
    const ids = evaluateRiskRules(scoreInstrument('phq9', answers), answers, config).map((t) => t.ruleId);
    expect(ids).toEqual(['test-imminent', 'phq9-item9', 'severity-consultation']);
  });
});


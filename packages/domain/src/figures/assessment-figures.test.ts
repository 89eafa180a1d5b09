import { describe, expect, it } from 'vitest';
import { FIGURES_BY_ID } from './figure-catalogue.ts';
import { figureValue } from './figure-rollup.ts';
import { assessmentContributions, isPositive, type AssessmentFacts } from './assessment-figures.ts';

const a = (over: Partial<AssessmentFacts>): AssessmentFacts => ({
  regionCode: '420102001001',
  instrument: 'phq9',
  status: 'submitted',
  severity: 'mild',
  completedDay: '2026-03-02',
  superseded: false,
  ...over,
});

describe('assessment figures on hand-made data', () => {
  const rows = [
    a({ severity: 'moderate' }),
    a({ severity: 'mild' }),
    a({ instrument: 'gad7', severity: 'severe', regionCode: '420103001001' }),
    a({ severity: 'severe', superseded: true }), // amended: its amendment counts instead
    a({ severity: 'minimal' }), // the amendment
    a({ status: 'draft', completedDay: null, severity: null }),
    a({ instrument: 'who5', severity: 'likely_depression', completedDay: '2026-02-27' }),
  ].flatMap(assessmentContributions);
  const q = (regionCode: string, from = '2026-03-01', to = '2026-03-31') => ({ regionCode, from, to });

  it('counts submitted newest versions by completion day, and positives by the manual cut-offs', () => {
    expect(figureValue(FIGURES_BY_ID, 'assessments.completed', rows, q('420100000000'))).toBe(4);
    expect(figureValue(FIGURES_BY_ID, 'assessments.positive', rows, q('420100000000'))).toBe(2);
    expect(figureValue(FIGURES_BY_ID, 'assessments.positive_rate', rows, q('420102000000'))).toBeCloseTo(1 / 3);
    expect(figureValue(FIGURES_BY_ID, 'assessments.completed.phq9', rows, q('420102000000'))).toBe(3);
    expect(figureValue(FIGURES_BY_ID, 'assessments.positive.gad7', rows, q('420103000000'))).toBe(1);
    expect(figureValue(FIGURES_BY_ID, 'assessments.positive.who5', rows, q('420102000000', '2026-02-01', '2026-02-28'))).toBe(1);
  });

  it('knows the cut-off bands', () => {
    expect(isPositive('phq9', 'mild')).toBe(false);
    expect(isPositive('phq9', 'moderate')).toBe(true);
    expect(isPositive('k6', 'moderate')).toBe(false);
    expect(isPositive('k6', 'serious')).toBe(true);
    expect(isPositive('unknown', 'severe')).toBe(false);
    expect(isPositive('phq9', null)).toBe(false);
  });
});

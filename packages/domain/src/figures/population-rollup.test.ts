import { describe, expect, it } from 'vitest';
import { addDays } from '../register/iso-date.ts';
import { parsePopulationFigure, planDays, populationContributions, populationFigure, populationReadPlan } from './population-rollup.ts';

describe('population rollup', () => {
  it('keys a group × instrument × severity and reads the key back (no band = null)', () => {
    expect(populationFigure('student', 'phq9', 'moderately_severe')).toBe('population.student.phq9.moderately_severe');
    expect(parsePopulationFigure('population.student.phq9.moderately_severe')).toEqual({ group: 'student', instrument: 'phq9', severity: 'moderately_severe' });
    expect(parsePopulationFigure(populationFigure('all', 'k6', null))).toEqual({ group: 'all', instrument: 'k6', severity: null });
    expect(parsePopulationFigure(populationFigure('local.group', 'gad7', 'mild'))).toEqual({ group: 'local.group', instrument: 'gad7', severity: 'mild' });
  });

  it('counts a submitted newest result in all and once in each category the person holds now', () => {
    const base = { regionCode: '420102001001', instrument: 'phq9', status: 'submitted', severity: 'mild', completedDay: '2026-03-02', superseded: false };
    expect(populationContributions({ ...base, openCategories: ['student', 'student', 'disability'] })).toEqual([
      { figures: ['population.all.phq9.mild', 'population.student.phq9.mild', 'population.disability.phq9.mild'], regionCode: '420102001001', day: '2026-03-02' },
    ]);
    expect(populationContributions({ ...base, openCategories: [], superseded: true })).toEqual([]);
    expect(populationContributions({ ...base, openCategories: [], status: 'draft' })).toEqual([]);
    expect(populationContributions({ ...base, openCategories: [], completedDay: null })).toEqual([]);
  });

  it('reads whole months from month rows and the rest from day rows, every day exactly once', () => {
    expect(populationReadPlan('2026-03-05', '2026-05-10')).toEqual({
      months: { from: '2026-04-01', to: '2026-04-01' },
      dayRanges: [{ from: '2026-03-05', to: '2026-03-31' }, { from: '2026-05-01', to: '2026-05-10' }],
    });
    expect(populationReadPlan('2026-03-01', '2026-03-31')).toEqual({ months: { from: '2026-03-01', to: '2026-03-01' }, dayRanges: [] });
    expect(populationReadPlan('2026-03-05', '2026-03-20')).toEqual({ months: null, dayRanges: [{ from: '2026-03-05', to: '2026-03-20' }] });
    expect(populationReadPlan('2025-12-01', '2026-02-27')).toEqual({ months: { from: '2025-12-01', to: '2026-01-01' }, dayRanges: [{ from: '2026-02-01', to: '2026-02-27' }] });
    // every period starting in 2024 (a leap year) up to 400 days long covers each of its days once
    for (let i = 0; i < 400; i += 11)
      for (let len = 0; len < 400; len += 29) {
        const from = addDays('2024-01-01', i);
        const to = addDays(from, len);
        const want: string[] = [];
        for (let d = from; d <= to; d = addDays(d, 1)) want.push(d);
        expect([from, to, planDays(populationReadPlan(from, to))]).toEqual([from, to, want]);
      }
  });
});

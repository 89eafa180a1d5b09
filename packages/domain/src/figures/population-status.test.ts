import { describe, expect, it } from 'vitest';
import { monthsBetween, summarizePopulationStatus, type SeverityCount } from './population-status.ts';

describe('population mental-health status', () => {
  const months = ['2026-01', '2026-02', '2026-03'];
  const rows: SeverityCount[] = [
    // recovered patients on PHQ-9: 10 % positive in February, 20 % in March, 200 each → flagged
    { category: 'recovered_patient', instrument: 'phq9', month: '2026-02', severity: 'moderate', n: 20 },
    { category: 'recovered_patient', instrument: 'phq9', month: '2026-02', severity: 'mild', n: 180 },
    { category: 'recovered_patient', instrument: 'phq9', month: '2026-03', severity: 'severe', n: 10 },
    { category: 'recovered_patient', instrument: 'phq9', month: '2026-03', severity: 'moderately_severe', n: 30 },
    { category: 'recovered_patient', instrument: 'phq9', month: '2026-03', severity: 'minimal', n: 160 },
    // students on GAD-7: a rise on too few results → not flagged
    { category: 'student', instrument: 'gad7', month: '2026-02', severity: 'mild', n: 10 },
    { category: 'student', instrument: 'gad7', month: '2026-03', severity: 'severe', n: 9 },
    { category: 'student', instrument: 'gad7', month: '2025-12', severity: 'severe', n: 99 }, // outside the months
  ];

  it('builds severity distributions per month and flags a significant rise first', () => {
    const [first, second] = summarizePopulationStatus(rows, months);
    expect(first?.category).toBe('recovered_patient');
    expect(first?.rise.significant).toBe(true);
    expect(first?.rise.previousRate).toBeCloseTo(0.1);
    expect(first?.rise.currentRate).toBeCloseTo(0.2);
    expect(first?.months.map((m) => [m.month, m.total, m.positive])).toEqual([
      ['2026-01', 0, 0],
      ['2026-02', 200, 20],
      ['2026-03', 200, 40],
    ]);
    expect(first?.months[2]?.severities).toEqual({ severe: 10, moderately_severe: 30, minimal: 160 });
    expect(second?.category).toBe('student');
    expect(second?.rise.significant).toBe(false);
    expect(second?.rise.z).toBeNull();
    expect(second?.months[2]).toEqual({ month: '2026-03', total: 9, positive: 9, severities: { severe: 9 } });
  });

  it('lists the months of a period', () => {
    expect(monthsBetween('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03-01', '2026-03-31')).toEqual(['2026-03']);
  });
});

import { describe, expect, it } from 'vitest';
import { answersForTotal } from './answers-for-total.ts';
import { scoreInstrument } from './score-instrument.ts';
import { WHO5_DEFINITION } from './who5.ts';

describe('WHO-5', () => {
  it.each([
    [0, 0, 'likely_depression', ['poor_wellbeing', 'likely_depression_screen']],
    [7, 28, 'likely_depression', ['poor_wellbeing', 'likely_depression_screen']],
    [8, 32, 'poor_wellbeing', ['poor_wellbeing']],
    [12, 48, 'poor_wellbeing', ['poor_wellbeing']],
    [13, 52, 'adequate_wellbeing', []],
    [25, 100, 'adequate_wellbeing', []],
  ])('raw %i = %i%% is %s', (raw, percentage, severity, flags) => {
    expect(scoreInstrument('who5', answersForTotal(WHO5_DEFINITION, raw))).toEqual({
      instrument: 'who5',
      version: '1.0.0',
      total: raw,
      severity,
      complete: true,
      flags,
      subscales: {},
      derived: { percentage },
    });
  });

  it('has no percentage when incomplete', () => {
    const result = scoreInstrument('who5', [5, 5, 5, 5, null]);
    expect(result).toMatchObject({ total: null, severity: null, complete: false, flags: [] });
    expect(result).not.toHaveProperty('derived');
  });

  it('flags low well-being on an incomplete form only when no answer could lift it', () => {
    expect(scoreInstrument('who5', [0, 0, 1, 1, null]).flags).toEqual(['poor_wellbeing', 'likely_depression_screen']); // ≤7 even at 5
    expect(scoreInstrument('who5', [1, 1, 1, 1, null]).flags).toEqual(['poor_wellbeing']); // 4–9
    expect(scoreInstrument('who5', [2, 2, 2, 2, null]).flags).toEqual([]); // 8–13
  });
});

import { describe, expect, it } from 'vitest';
import { answersForTotal } from './answers-for-total.ts';
import { GAD7_DEFINITION } from './gad7.ts';
import { scoreInstrument } from './score-instrument.ts';

describe('GAD-7', () => {
  it.each([
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'severe'],
    [21, 'severe'],
  ])('total %i is %s', (total, severity) => {
    const result = scoreInstrument('gad7', answersForTotal(GAD7_DEFINITION, total));
    expect(result).toMatchObject({ total, severity, complete: true, flags: [] });
  });

  it('scores all zeros and all threes', () => {
    expect(scoreInstrument('gad7', [0, 0, 0, 0, 0, 0, 0])).toMatchObject({ total: 0, severity: 'minimal' });
    expect(scoreInstrument('gad7', [3, 3, 3, 3, 3, 3, 3])).toEqual({
      instrument: 'gad7',
      version: '1.0.0',
      total: 21,
      severity: 'severe',
      complete: true,
      flags: [],
      subscales: {},
    });
  });

  it('gives no total for a blank answer', () => {
    expect(scoreInstrument('gad7', [3, 3, 3, null, 3, 3, 3])).toMatchObject({ total: null, severity: null, complete: false });
  });

  it('applies the general-hospital profile at 10 only when asked', () => {
    const nine = answersForTotal(GAD7_DEFINITION, 9);
    const ten = answersForTotal(GAD7_DEFINITION, 10);
    expect(scoreInstrument('gad7', ten).flags).toEqual([]);
    expect(scoreInstrument('gad7', nine, { cutoffProfile: 'cn-general-hospital' }).flags).toEqual([]);
    expect(scoreInstrument('gad7', ten, { cutoffProfile: 'cn-general-hospital' })).toMatchObject({
      flags: ['screen_positive'],
      cutoffProfile: 'cn-general-hospital',
    });
  });

  it('does not claim a profile that has no cut-off for this instrument', () => {
    const result = scoreInstrument('gad7', answersForTotal(GAD7_DEFINITION, 20), { cutoffProfile: 'cn-community' });
    expect(result.flags).toEqual([]);
    expect(result).not.toHaveProperty('cutoffProfile');
  });
});

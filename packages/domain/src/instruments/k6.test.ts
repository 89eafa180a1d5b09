import { describe, expect, it } from 'vitest';
import { answersForTotal } from './answers-for-total.ts';
import { K6_DEFINITION } from './k6.ts';
import { scoreInstrument } from './score-instrument.ts';

describe('K6 (0–4 scoring)', () => {
  it.each([
    [0, 'none', false],
    [4, 'none', false],
    [5, 'moderate', false],
    [12, 'moderate', false],
    [13, 'serious', true],
    [24, 'serious', true],
  ])('total %i is %s, serious-mental-illness flag %s', (total, severity, flagged) => {
    const result = scoreInstrument('k6', answersForTotal(K6_DEFINITION, total));
    expect(result).toMatchObject({ total, severity, complete: true });
    expect(result.flags).toEqual(flagged ? ['probable_serious_mental_illness'] : []);
  });

  it('rejects the K10 scale value 5', () => {
    expect(() => scoreInstrument('k6', [5, 0, 0, 0, 0, 0])).toThrow(expect.objectContaining({ field: 'answers[0]' }));
  });

  it('flags an incomplete form already at 13', () => {
    expect(scoreInstrument('k6', [4, 4, 4, 1, null, 0])).toMatchObject({
      total: null,
      complete: false,
      flags: ['probable_serious_mental_illness'],
    });
    expect(scoreInstrument('k6', [4, 4, 4, 0, null, 0]).flags).toEqual([]);
  });
});

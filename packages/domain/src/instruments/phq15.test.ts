import { describe, expect, it } from 'vitest';
import { answersForTotal } from './answers-for-total.ts';
import { PHQ15_DEFINITION } from './phq15.ts';
import { scoreInstrument } from './score-instrument.ts';

const withItem4 = (value: number | null, rest = 0): (number | null)[] => {
  const answers: (number | null)[] = Array<number | null>(15).fill(rest);
  answers[3] = value;
  return answers;
};

describe('PHQ-15', () => {
  it.each([
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'low'],
    [9, 'low'],
    [10, 'medium'],
    [14, 'medium'],
    [15, 'high'],
    [30, 'high'],
  ])('total %i is %s', (total, severity) => {
    expect(scoreInstrument('phq15', answersForTotal(PHQ15_DEFINITION, total))).toMatchObject({ total, severity, complete: true, flags: [] });
  });

  it('scores all zeros and all twos', () => {
    expect(scoreInstrument('phq15', Array<number>(15).fill(0))).toMatchObject({ total: 0, severity: 'minimal' });
    expect(scoreInstrument('phq15', Array<number>(15).fill(2))).toMatchObject({ total: 30, severity: 'high' });
  });

  it('rejects 3, which some sources wrongly list', () => {
    expect(() => scoreInstrument('phq15', withItem4(3))).toThrow(expect.objectContaining({ code: 'VALIDATION', field: 'answers[3]' }));
  });

  describe('item 4 (menstrual, women only)', () => {
    it('a man may leave it blank: complete, scored as 0', () => {
      expect(scoreInstrument('phq15', withItem4(null, 1), { sex: 'male' })).toMatchObject({ total: 14, severity: 'medium', complete: true });
    });

    it('a woman leaving it blank is an incomplete answer', () => {
      expect(scoreInstrument('phq15', withItem4(null, 1), { sex: 'female' })).toMatchObject({ total: null, severity: null, complete: false });
    });

    it('with sex unknown a blank is incomplete: we cannot assume the item does not apply', () => {
      expect(scoreInstrument('phq15', withItem4(null, 1))).toMatchObject({ total: null, complete: false });
    });

    it("counts a man's answer when he gives one", () => {
      expect(scoreInstrument('phq15', withItem4(2), { sex: 'male' }).total).toBe(2);
    });

    it('only item 4 is excused for men', () => {
      const answers = withItem4(null);
      answers[0] = null;
      expect(scoreInstrument('phq15', answers, { sex: 'male' }).complete).toBe(false);
    });
  });
});

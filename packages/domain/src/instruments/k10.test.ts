import { describe, expect, it } from 'vitest';
import { answersForTotal } from './answers-for-total.ts';
import { K10_DEFINITION } from './k10.ts';
import { scoreInstrument } from './score-instrument.ts';

describe('K10 (ABS scoring, 1–5)', () => {
  it.each([
    [10, 'low'],
    [15, 'low'],
    [16, 'moderate'],
    [21, 'moderate'],
    [22, 'high'],
    [29, 'high'],
    [30, 'very_high'],
    [50, 'very_high'],
  ])('total %i is %s', (total, severity) => {
    expect(scoreInstrument('k10', answersForTotal(K10_DEFINITION, total))).toMatchObject({ total, severity, complete: true, flags: [] });
  });

  it('scores all ones and all fives; 0 is not an answer', () => {
    expect(scoreInstrument('k10', Array<number>(10).fill(1)).total).toBe(10);
    expect(scoreInstrument('k10', Array<number>(10).fill(5)).total).toBe(50);
    expect(() => scoreInstrument('k10', Array<number>(10).fill(0))).toThrow(expect.objectContaining({ field: 'answers[0]' }));
  });

  describe('skip rule for items 3 and 6 (Andrews & Slade 2001)', () => {
    it('a blank item 3 after "none of the time" on item 2 scores 1', () => {
      expect(scoreInstrument('k10', [2, 1, null, 2, 2, 2, 2, 2, 2, 2])).toMatchObject({ total: 18, complete: true });
    });

    it('a blank item 6 after "none of the time" on item 5 scores 1', () => {
      expect(scoreInstrument('k10', [2, 2, 2, 2, 1, null, 2, 2, 2, 2])).toMatchObject({ total: 18, complete: true });
    });

    it('a blank item 3 after any other answer on item 2 is missing', () => {
      expect(scoreInstrument('k10', [2, 2, null, 2, 2, 2, 2, 2, 2, 2])).toMatchObject({ total: null, severity: null, complete: false });
    });

    it('keeps an item 3 answer given anyway', () => {
      expect(scoreInstrument('k10', [1, 1, 3, 1, 1, 1, 1, 1, 1, 1]).total).toBe(12);
    });
  });

  it('does not prorate any other blank', () => {
    expect(scoreInstrument('k10', [5, 5, 5, 5, 5, 5, 5, 5, 5, null])).toMatchObject({ total: null, severity: null, complete: false });
  });
});

import { describe, expect, it } from 'vitest';
import { answersForTotal } from './answers-for-total.ts';
import { PCL5_DEFINITION, meetsPcl5DsmRule } from './pcl5.ts';
import { scoreInstrument } from './score-instrument.ts';

/** Twenty zeros with the given 1-based items set. */
function items(set: Record<number, number>): number[] {
  const answers = Array<number>(20).fill(0);
  for (const [item, value] of Object.entries(set)) answers[Number(item) - 1] = value;
  return answers;
}

/** A DSM-5 pattern at exactly the minimum: 1 B, 1 C, 2 D, 2 E at "moderately". */
const MINIMAL_DSM = { 1: 2, 6: 2, 8: 2, 9: 2, 15: 2, 16: 2 };

describe('PCL-5 total and provisional cut-off', () => {
  it.each([
    [0, 'below_threshold', false],
    [32, 'below_threshold', false],
    [33, 'probable_ptsd', true],
    [80, 'probable_ptsd', true],
  ])('total %i is %s (cut-off 33)', (total, severity, flagged) => {
    const result = scoreInstrument('pcl5', answersForTotal(PCL5_DEFINITION, total));
    expect(result).toMatchObject({ total, severity, complete: true });
    expect(result.flags.includes('provisional_ptsd_cutoff')).toBe(flagged);
  });

  it.each([31, 32])('a deployment can use %i from the published 31–33 range', (cutoff) => {
    const below = scoreInstrument('pcl5', answersForTotal(PCL5_DEFINITION, cutoff - 1), { pcl5Cutoff: cutoff });
    const at = scoreInstrument('pcl5', answersForTotal(PCL5_DEFINITION, cutoff), { pcl5Cutoff: cutoff });
    expect(below.flags).not.toContain('provisional_ptsd_cutoff');
    expect(below.severity).toBe('below_threshold');
    expect(at.flags).toContain('provisional_ptsd_cutoff');
    expect(at.severity).toBe('probable_ptsd');
  });

  it.each([0, 81, 32.5])('rejects cut-off %s', (cutoff) => {
    expect(() => scoreInstrument('pcl5', items({}), { pcl5Cutoff: cutoff })).toThrow(expect.objectContaining({ field: 'pcl5Cutoff' }));
  });

  it('scores all zeros and all fours with cluster subscales', () => {
    expect(scoreInstrument('pcl5', items({}))).toEqual({
      instrument: 'pcl5',
      version: '1.0.0',
      total: 0,
      severity: 'below_threshold',
      complete: true,
      flags: [],
      subscales: { B: 0, C: 0, D: 0, E: 0 },
    });
    expect(scoreInstrument('pcl5', Array<number>(20).fill(4))).toMatchObject({
      total: 80,
      flags: ['provisional_ptsd_cutoff', 'provisional_ptsd_dsm5'],
      subscales: { B: 20, C: 8, D: 28, E: 24 },
    });
  });
});

describe('PCL-5 DSM-5 rule', () => {
  it('is met by the minimal pattern, with a total far below the cut-off', () => {
    const result = scoreInstrument('pcl5', items(MINIMAL_DSM));
    expect(result.total).toBe(12);
    expect(result.flags).toEqual(['provisional_ptsd_dsm5']);
    expect(result.severity).toBe('below_threshold');
  });

  it.each([
    ['B', 1],
    ['C', 6],
    ['D', 9],
    ['E', 16],
  ])('fails when cluster %s loses one symptom (item %i down to 1)', (_cluster, item) => {
    expect(meetsPcl5DsmRule(items({ ...MINIMAL_DSM, [item]: 1 }))).toBe(false);
  });

  it('ignores items rated 1, however many', () => {
    expect(meetsPcl5DsmRule(Array<number>(20).fill(1))).toBe(false);
  });

  it('uses the other items of a cluster too', () => {
    expect(meetsPcl5DsmRule(items({ 5: 3, 7: 4, 13: 2, 14: 2, 19: 2, 20: 2 }))).toBe(true);
  });
});

describe('PCL-5 missing answers', () => {
  it('nulls the total and the subscale containing the blank only', () => {
    const answers: (number | null)[] = items({ 1: 3 });
    answers[6] = null; // item 7, cluster C
    expect(scoreInstrument('pcl5', answers)).toMatchObject({
      total: null,
      severity: null,
      complete: false,
      subscales: { B: 3, C: null, D: 0, E: 0 },
    });
  });

  it('keeps the cut-off flag when the answered items already reach it', () => {
    const answers: (number | null)[] = Array<number>(20).fill(2);
    answers[19] = null; // 38 without it
    expect(scoreInstrument('pcl5', answers).flags).toContain('provisional_ptsd_cutoff');
  });
});

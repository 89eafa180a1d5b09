import { describe, expect, it } from 'vitest';
import { answersForTotal } from './answers-for-total.ts';
import { PHQ9_DEFINITION, phq9Flags } from './phq9.ts';
import { scoreInstrument } from './score-instrument.ts';

const score = (answers: (number | null)[], options = {}) => scoreInstrument('phq9', answers, options);

describe('PHQ-9 severity', () => {
  it.each([
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'moderately_severe'],
    [19, 'moderately_severe'],
    [20, 'severe'],
    [27, 'severe'],
  ])('total %i is %s', (total, severity) => {
    const result = score(answersForTotal(PHQ9_DEFINITION, total));
    expect(result.total).toBe(total);
    expect(result.severity).toBe(severity);
    expect(result.complete).toBe(true);
  });

  it('scores all zeros and all threes', () => {
    expect(score([0, 0, 0, 0, 0, 0, 0, 0, 0])).toEqual({
      instrument: 'phq9',
      version: '1.0.0',
      total: 0,
      severity: 'minimal',
      complete: true,
      flags: [],
      subscales: {},
    });
    const max = score([3, 3, 3, 3, 3, 3, 3, 3, 3]);
    expect(max.total).toBe(27);
    expect(max.severity).toBe('severe');
    expect(max.flags).toEqual(['major_depressive_syndrome', 'suicide_risk_item9']);
  });
});

describe('PHQ-9 depressive syndrome algorithm', () => {
  it('needs a core item at ≥2 and five symptoms for major depressive syndrome', () => {
    expect(phq9Flags([2, 0, 2, 2, 2, 0, 0, 0, 0])).toEqual(['other_depressive_syndrome']); // 4 symptoms
    expect(phq9Flags([2, 0, 2, 2, 2, 2, 0, 0, 0])).toEqual(['major_depressive_syndrome']); // 5 symptoms
    expect(phq9Flags([0, 2, 2, 2, 2, 2, 0, 0, 0])).toEqual(['major_depressive_syndrome']); // core via item 2
  });

  it('does not count symptoms without a core item', () => {
    expect(phq9Flags([1, 1, 3, 3, 3, 3, 3, 3, 0])).toEqual([]);
  });

  it('counts item 9 at 1 but other items only at 2', () => {
    expect(phq9Flags([2, 0, 2, 2, 1, 1, 1, 1, 1])).toEqual(['other_depressive_syndrome', 'suicide_risk_item9']); // 4: q1,q3,q4,q9
    expect(phq9Flags([2, 0, 2, 2, 2, 1, 1, 1, 1])).toEqual(['major_depressive_syndrome', 'suicide_risk_item9']); // 5 with q9
  });

  it('needs at least two symptoms for other depressive syndrome', () => {
    expect(phq9Flags([2, 0, 0, 0, 0, 0, 0, 0, 0])).toEqual([]); // core alone = 1 symptom
    expect(phq9Flags([2, 2, 0, 0, 0, 0, 0, 0, 0])).toEqual(['other_depressive_syndrome']);
  });
});

describe('PHQ-9 item 9', () => {
  it.each([
    [0, false],
    [1, true],
    [3, true],
  ])('item 9 = %i → suicide_risk_item9 %s, whatever the total', (item9, flagged) => {
    const result = score([0, 0, 0, 0, 0, 0, 0, 0, item9]);
    expect(result.flags.includes('suicide_risk_item9')).toBe(flagged);
  });

  it('still raises the item 9 flag when another answer is missing', () => {
    const result = score([0, null, 0, 0, 0, 0, 0, 0, 2]);
    expect(result).toMatchObject({ total: null, severity: null, complete: false });
    expect(result.flags).toContain('suicide_risk_item9');
  });

  it('does not raise it when item 9 itself is missing', () => {
    expect(score([3, 3, 3, 3, 3, 3, 3, 3, null]).flags).not.toContain('suicide_risk_item9');
  });
});

describe('PHQ-9 missing answers', () => {
  it('gives no total and no severity: the manual allows no proration', () => {
    expect(score([1, 1, 1, 1, null, 1, 1, 1, 0])).toEqual({
      instrument: 'phq9',
      version: '1.0.0',
      total: null,
      severity: null,
      complete: false,
      flags: [],
      subscales: {},
    });
  });

  it('keeps a syndrome flag only when no completion could undo it', () => {
    // Five symptoms already present: major whatever the blank is.
    expect(score([3, 3, 3, 3, 3, null, 0, 0, 0]).flags).toEqual(['major_depressive_syndrome']);
    // Four present and one blank: could be other (blank <2) or major (blank ≥2), so neither is certain.
    expect(score([3, 3, 3, 3, null, 0, 0, 0, 0]).flags).toEqual([]);
  });
});

describe('PHQ-9 Chinese cut-off profile', () => {
  it('is not applied unless asked for', () => {
    const result = score(answersForTotal(PHQ9_DEFINITION, 7));
    expect(result.flags).not.toContain('screen_positive');
    expect(result).not.toHaveProperty('cutoffProfile');
  });

  it.each([
    [6, false],
    [7, true],
  ])('cn-community: total %i → screen_positive %s, bands unchanged', (total, positive) => {
    const result = score(answersForTotal(PHQ9_DEFINITION, total), { cutoffProfile: 'cn-community' });
    expect(result.cutoffProfile).toBe('cn-community');
    expect(result.flags.includes('screen_positive')).toBe(positive);
    expect(result.severity).toBe('mild');
  });

  it('cn-rural-elderly uses 8', () => {
    expect(score(answersForTotal(PHQ9_DEFINITION, 7), { cutoffProfile: 'cn-rural-elderly' }).flags).not.toContain('screen_positive');
    expect(score(answersForTotal(PHQ9_DEFINITION, 8), { cutoffProfile: 'cn-rural-elderly' }).flags).toContain('screen_positive');
  });

  it('flags an incomplete form only when the answered items already reach the cut-off', () => {
    expect(score([3, 3, 1, null, 0, 0, 0, 0, 0], { cutoffProfile: 'cn-community' }).flags).toContain('screen_positive');
    expect(score([3, 3, 0, null, 0, 0, 0, 0, 0], { cutoffProfile: 'cn-community' }).flags).not.toContain('screen_positive');
  });
});

import { describe, expect, it } from 'vitest';
import { PROBLEM_TAXONOMY, problemLabel, validateProblems } from './problem-taxonomy.ts';

describe('problem taxonomy', () => {
  it('has the categories the issue and the monthly form name, with unique codes and both labels', () => {
    const codes = PROBLEM_TAXONOMY.map((c) => c.code);
    for (const c of ['emotion', 'family', 'marriage_love', 'mental_illness', 'covid_fear', 'grief', 'stigma', 'work', 'study'])
      expect(codes).toContain(c);
    expect(new Set(codes).size).toBe(codes.length);
    for (const top of PROBLEM_TAXONOMY) {
      expect(top.zh).toMatch(/\p{Script=Han}/u);
      expect(top.en).toMatch(/[A-Za-z]/);
      const subs = top.subcategories.map((s) => s.code as string);
      expect(new Set(subs).size).toBe(subs.length);
      expect(subs.length).toBeGreaterThan(0);
    }
  });
  it('validates two-level references', () => {
    expect(validateProblems([{ category: 'grief', subcategory: 'covid_bereavement' }, { category: 'emotion' }])).toBeNull();
    expect(validateProblems([{ category: 'nope' }])?.message).toMatch(/Unknown/);
    expect(validateProblems([{ category: 'grief', subcategory: 'anxiety' }])).toEqual({ index: 0, message: 'Subcategory anxiety does not belong to grief' });
    expect(validateProblems([{ category: 'work' }, { category: 'work' }])?.index).toBe(1);
    expect(validateProblems(new Array(6).fill(0).map((_, i) => ({ category: PROBLEM_TAXONOMY[i]!.code })))?.index).toBe(5);
  });
  it('labels in both languages', () => {
    expect(problemLabel('grief', 'covid_bereavement')).toBe('哀伤 / 疫情丧亲');
    expect(problemLabel('work', null, 'en')).toBe('Work');
  });
});

import { describe, expect, it } from 'vitest';
import {
  POPULATION_CATEGORIES,
  SPECIAL_POPULATION_SUBTYPES,
  activeCategories,
  isMembershipActive,
  isPopulationCategory,
  parsePopulationCategory,
  parsePopulationCategoryList,
  populationCategoryLabel,
  type CategoryMembership,
} from './population-category.ts';

describe('category list', () => {
  it('has the 16 categories of the brief, with unique codes and labels', () => {
    expect(POPULATION_CATEGORIES.map((c) => c.code)).toEqual([
      'recovered_patient',
      'patient_family',
      'bereaved_family',
      'frontline_medical',
      'frontline_police_other',
      'minimum_allowance',
      'extreme_poverty',
      'elderly_special_difficulty',
      'child_in_difficulty',
      'vagrant',
      'disability',
      'special_population',
      'severe_mental_disorder',
      'student',
      'employee',
      'other',
    ]);
    const labels = [...POPULATION_CATEGORIES, ...SPECIAL_POPULATION_SUBTYPES].flatMap((c) => [c.zh, c.en.toLowerCase(), ...('aliases' in c ? c.aliases : [])]);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('labels in both languages', () => {
    expect(populationCategoryLabel('bereaved_family', 'zh')).toBe('病亡者家属');
    expect(populationCategoryLabel('bereaved_family', 'en')).toBe('Bereaved family');
    expect(isPopulationCategory('student')).toBe(true);
    expect(isPopulationCategory('Student')).toBe(false);
  });
});

describe('parsing', () => {
  it('reads every code, zh label and en label back to its category', () => {
    for (const c of POPULATION_CATEGORIES) {
      for (const text of [c.code, c.zh, c.en, c.en.toUpperCase(), ` ${c.zh} `]) {
        expect(parsePopulationCategory(text), text).toEqual({ category: c.code });
      }
    }
  });

  it('reads special-population subtypes by qualified code or their own label', () => {
    expect(parsePopulationCategory('special_population:drug_rehabilitation')).toEqual({ category: 'special_population', subtype: 'drug_rehabilitation' });
    expect(parsePopulationCategory('社区矫正对象')).toEqual({ category: 'special_population', subtype: 'community_corrections' });
    expect(parsePopulationCategory('Other special population')).toEqual({ category: 'special_population', subtype: 'other' });
    expect(parsePopulationCategory('特殊人群')).toEqual({ category: 'special_population' });
  });

  it('accepts aliases and tolerant code spellings', () => {
    expect(parsePopulationCategory('治愈患者')).toEqual({ category: 'recovered_patient' });
    expect(parsePopulationCategory('职工')).toEqual({ category: 'employee' });
    expect(parsePopulationCategory('Recovered-Patient')).toEqual({ category: 'recovered_patient' });
    expect(parsePopulationCategory('ｓｔｕｄｅｎｔ')).toEqual({ category: 'student' });
  });

  it.each(['', 'patient', '新冠患者', 'special_population:unknown'])('does not guess at %j', (text) => {
    expect(parsePopulationCategory(text)).toBeUndefined();
  });

  it('splits lists on ; and ；, skipping blanks and duplicates', () => {
    expect(parsePopulationCategoryList('治愈患者; 低保对象；recovered_patient;;')).toEqual({
      ok: true,
      categories: [{ category: 'recovered_patient' }, { category: 'minimum_allowance' }],
    });
    expect(parsePopulationCategoryList('')).toEqual({ ok: true, categories: [] });
    expect(parsePopulationCategoryList('社区矫正对象;戒毒康复人员')).toEqual({
      ok: true,
      categories: [
        { category: 'special_population', subtype: 'community_corrections' },
        { category: 'special_population', subtype: 'drug_rehabilitation' },
      ],
    });
  });

  it('fails the list naming every unknown item', () => {
    expect(parsePopulationCategoryList('学生;老师;残疾人;医生')).toEqual({ ok: false, unknown: ['老师', '医生'] });
    // A comma is not a separator, so a comma list is one unknown item rather than a silent partial read.
    expect(parsePopulationCategoryList('学生,残疾人')).toEqual({ ok: false, unknown: ['学生,残疾人'] });
  });
});

describe('active categories', () => {
  const m = (category: 'student' | 'disability' | 'recovered_patient', validFrom: string, validTo?: string): CategoryMembership => ({
    category,
    source: 'community',
    validFrom,
    ...(validTo !== undefined ? { validTo } : {}),
  });

  it('includes both ends of the validity period', () => {
    const s = m('student', '2020-09-01', '2024-06-30');
    expect(isMembershipActive(s, '2020-08-31')).toBe(false);
    expect(isMembershipActive(s, '2020-09-01')).toBe(true);
    expect(isMembershipActive(s, '2024-06-30')).toBe(true);
    expect(isMembershipActive(s, '2024-07-01')).toBe(false);
    expect(isMembershipActive(m('disability', '2020-01-01'), '2999-01-01')).toBe(true);
  });

  it('lists distinct active categories in canonical order', () => {
    const memberships = [
      m('student', '2020-09-01', '2024-06-30'),
      m('recovered_patient', '2020-03-01'),
      m('disability', '2025-01-01'),
      { ...m('recovered_patient', '2020-04-01'), source: 'hospital' as const },
    ];
    expect(activeCategories(memberships, '2024-01-01')).toEqual(['recovered_patient', 'student']);
    expect(activeCategories(memberships, '2025-01-01')).toEqual(['recovered_patient', 'disability']);
    expect(activeCategories([], '2025-01-01')).toEqual([]);
  });
});

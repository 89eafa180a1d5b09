/**
 * Key populations named in the COVID-19 psychological-service plans (联防联控机制发〔2020〕34号 and
 * 综发〔2020〕224号). A person may belong to several at once, each for a period and from a source.
 */
import { toHalfWidth } from './half-width.ts';
import type { IsoDate } from './iso-date.ts';

interface CategoryLabel {
  zh: string;
  en: string;
  /** Other spellings seen in source lists, accepted by the text parser. */
  aliases?: readonly string[];
}

export const POPULATION_CATEGORIES = [
  { code: 'recovered_patient', zh: '新冠肺炎治愈患者', en: 'Recovered COVID-19 patient', aliases: ['治愈患者', '治愈出院患者'] },
  { code: 'patient_family', zh: '患者家属', en: 'Family of a patient' },
  { code: 'bereaved_family', zh: '病亡者家属', en: 'Bereaved family', aliases: ['死亡患者家属'] },
  { code: 'frontline_medical', zh: '一线医务人员', en: 'Front-line medical worker' },
  { code: 'frontline_police_other', zh: '公安民警等一线工作人员', en: 'Front-line police and other worker', aliases: ['一线工作人员'] },
  { code: 'minimum_allowance', zh: '低保对象', en: 'Minimum living allowance recipient' },
  { code: 'extreme_poverty', zh: '特困人员', en: 'Person in extreme poverty' },
  { code: 'elderly_special_difficulty', zh: '特殊困难老年人', en: 'Elderly person in special difficulty' },
  { code: 'child_in_difficulty', zh: '困境儿童', en: 'Child in difficulty' },
  { code: 'vagrant', zh: '流浪乞讨人员', en: 'Vagrant or beggar' },
  { code: 'disability', zh: '残疾人', en: 'Person with a disability' },
  { code: 'special_population', zh: '特殊人群', en: 'Special population' },
  { code: 'severe_mental_disorder', zh: '严重精神障碍患者', en: 'Person with a severe mental disorder' },
  { code: 'student', zh: '学生', en: 'Student' },
  { code: 'employee', zh: '机关企事业单位员工', en: 'Employee', aliases: ['职工', '员工'] },
  { code: 'other', zh: '其他', en: 'Other' },
] as const satisfies readonly ({ code: string } & CategoryLabel)[];

export type PopulationCategory = (typeof POPULATION_CATEGORIES)[number]['code'];

/** Subtypes of `special_population` (特殊人群管理服务 in 34号文). */
export const SPECIAL_POPULATION_SUBTYPES = [
  { code: 'community_corrections', zh: '社区矫正对象', en: 'Person under community corrections' },
  { code: 'drug_rehabilitation', zh: '戒毒康复人员', en: 'Person in drug rehabilitation', aliases: ['社区戒毒社区康复人员'] },
  { code: 'other', zh: '其他特殊人群', en: 'Other special population' },
] as const satisfies readonly ({ code: string } & CategoryLabel)[];

export type SpecialPopulationSubtype = (typeof SPECIAL_POPULATION_SUBTYPES)[number]['code'];

/** A category as written on a record; only `special_population` carries a subtype. */
export type PopulationCategoryRef =
  | { category: Exclude<PopulationCategory, 'special_population'> }
  | { category: 'special_population'; subtype?: SpecialPopulationSubtype };

export const CATEGORY_SOURCES = ['hospital', 'community', 'self', 'import', 'other'] as const;
export type CategorySource = (typeof CATEGORY_SOURCES)[number];

export type CategoryMembership = PopulationCategoryRef & {
  source: CategorySource;
  validFrom: IsoDate;
  /** Last day of membership, inclusive; open-ended when absent. */
  validTo?: IsoDate;
};

export function isPopulationCategory(value: string): value is PopulationCategory {
  return POPULATION_CATEGORIES.some((c) => c.code === value);
}

export function populationCategoryLabel(code: PopulationCategory, lang: 'zh' | 'en'): string {
  const found = POPULATION_CATEGORIES.find((c) => c.code === code);
  return found ? found[lang] : code;
}

export function isMembershipActive(m: CategoryMembership, on: IsoDate): boolean {
  return m.validFrom <= on && (m.validTo === undefined || on <= m.validTo);
}

/** The distinct categories active on a date, in the canonical list order. */
export function activeCategories(memberships: readonly CategoryMembership[], on: IsoDate): PopulationCategory[] {
  const active = new Set(memberships.filter((m) => isMembershipActive(m, on)).map((m) => m.category));
  return POPULATION_CATEGORIES.map((c) => c.code).filter((code) => active.has(code));
}

/** Text keys: trimmed, full-width folded, case-insensitive, spaces/hyphens in codes read as '_'. */
const textKey = (s: string): string => toHalfWidth(s).trim().toLowerCase().replace(/\s+/g, ' ');
const codeKey = (s: string): string => textKey(s).replace(/[ -]/g, '_');

function buildLookup(): Map<string, PopulationCategoryRef> {
  const lookup = new Map<string, PopulationCategoryRef>();
  for (const c of POPULATION_CATEGORIES) {
    const ref: PopulationCategoryRef = { category: c.code };
    const labels: readonly string[] = 'aliases' in c ? [c.zh, c.en, ...c.aliases] : [c.zh, c.en];
    lookup.set(codeKey(c.code), ref);
    for (const label of labels) lookup.set(textKey(label), ref);
  }
  for (const s of SPECIAL_POPULATION_SUBTYPES) {
    const ref: PopulationCategoryRef = { category: 'special_population', subtype: s.code };
    const labels: readonly string[] = 'aliases' in s ? [s.zh, s.en, ...s.aliases] : [s.zh, s.en];
    lookup.set(codeKey(`special_population:${s.code}`), ref);
    for (const label of labels) lookup.set(textKey(label), ref);
  }
  return lookup;
}
const LOOKUP = buildLookup();

/**
 * Reads one category written as its code, zh label, en label or a listed alias. A subtype is
 * written `special_population:drug_rehabilitation` or by its own label (社区矫正对象).
 */
export function parsePopulationCategory(text: string): PopulationCategoryRef | undefined {
  return LOOKUP.get(textKey(text)) ?? LOOKUP.get(codeKey(text));
}

export type CategoryListResult = { ok: true; categories: PopulationCategoryRef[] } | { ok: false; unknown: string[] };

/**
 * Reads a `;`-separated list (full-width `；` too, as spreadsheets typed in Chinese produce it).
 * Empty items are skipped and duplicates dropped; any unknown item fails the whole list.
 */
export function parsePopulationCategoryList(text: string): CategoryListResult {
  const items = toHalfWidth(text)
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const categories: PopulationCategoryRef[] = [];
  const unknown: string[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const ref = parsePopulationCategory(item);
    if (!ref) {
      unknown.push(item);
      continue;
    }
    const key = 'subtype' in ref && ref.subtype ? `${ref.category}:${ref.subtype}` : ref.category;
    if (seen.has(key)) continue;
    seen.add(key);
    categories.push(ref);
  }
  return unknown.length > 0 ? { ok: false, unknown } : { ok: true, categories };
}

import { POPULATION_CATEGORIES, SPECIAL_POPULATION_SUBTYPES } from '@anxin/domain/register/population-category.ts';

/** A population category's name in the interface language (the domain keeps both, with its sources). */
export function categoryLabel(code: string, language: string, subtype?: string | null): string {
  const en = language.startsWith('en');
  const c = POPULATION_CATEGORIES.find((x) => x.code === code);
  const base = c ? (en ? c.en : c.zh) : code;
  if (!subtype) return base;
  const s = SPECIAL_POPULATION_SUBTYPES.find((x) => x.code === subtype);
  return s ? (en ? s.en : s.zh) : base;
}

export const CATEGORY_CODES: readonly string[] = POPULATION_CATEGORIES.map((c) => c.code);

import { POPULATION_CATEGORIES } from '@anxin/domain/register/population-category.ts';
import { PROBLEM_TAXONOMY } from '@anxin/domain/hotline/problem-taxonomy.ts';

/** Labels that come with the domain's own code lists (Chinese and English side by side there). */
export function categoryLabel(code: string, lang: string): string {
  const c = PROBLEM_TAXONOMY.find((x) => x.code === code);
  return c ? (lang.startsWith('zh') ? c.zh : c.en) : code;
}

export function subcategoryLabel(category: string, code: string, lang: string): string {
  const c = PROBLEM_TAXONOMY.find((x) => x.code === category);
  const s = (c?.subcategories as readonly { code: string; zh: string; en: string }[] | undefined)?.find((x) => x.code === code);
  return s ? (lang.startsWith('zh') ? s.zh : s.en) : code;
}

export function groupLabel(code: string, lang: string, generalPublic: string): string {
  if (code === 'general_public') return generalPublic;
  const g = POPULATION_CATEGORIES.find((x) => x.code === code);
  return g ? (lang.startsWith('zh') ? g.zh : g.en) : code;
}

export const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
export const secs = (v: number | null): string => (v === null ? '—' : `${Math.round(v)}`);

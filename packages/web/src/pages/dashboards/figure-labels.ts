import { FIGURES_BY_ID } from '@anxin/domain/figures/figure-catalogue.ts';

export type Lang = 'zh' | 'en';

export const langOf = (language: string): Lang => (language.startsWith('zh') ? 'zh' : 'en');

export function figureLabel(id: string, lang: Lang): string {
  return FIGURES_BY_ID.get(id)?.label[lang] ?? id;
}

export function figureDefinition(id: string, lang: Lang): string {
  return FIGURES_BY_ID.get(id)?.definition[lang] ?? '';
}

/** A figure value for display: counts as integers, rates as percentages, no denominator as “—”. */
export function formatFigure(id: string, value: number | null | undefined, language: string): string {
  if (value === null || value === undefined) return '—';
  if (FIGURES_BY_ID.get(id)?.kind === 'rate') return `${(value * 100).toFixed(1)}%`;
  return value.toLocaleString(language);
}

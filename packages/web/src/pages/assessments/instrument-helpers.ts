import { getInstrument, listInstruments } from '@anxin/domain/instruments/instrument-registry.ts';
import { optionsForItem } from '@anxin/domain/instruments/instrument-definition.ts';
import type { InstrumentDefinition, Locale } from '@anxin/domain/instruments/instrument-definition.ts';

export type { InstrumentDefinition, Locale };

/** The definition a result was scored with (its own version), or undefined when this build lacks it. */
export function definitionOf(id: string, version?: string): InstrumentDefinition | undefined {
  try {
    return getInstrument(id, version).definition;
  } catch {
    return undefined;
  }
}

export function instrumentChoices(): { id: string; shortName: string; title: { zh: string; en: string } }[] {
  return listInstruments().map((i) => ({ id: i.definition.id, shortName: i.definition.shortName, title: i.definition.title }));
}

export function itemOptions(def: InstrumentDefinition, index: number) {
  return optionsForItem(def, index);
}

export const localeOf = (language: string): Locale => (language === 'en' ? 'en' : 'zh');

const SCALE = ['#389e0d', '#7cb305', '#d4b106', '#d46b08', '#cf1322'];

/** Colour of a severity band: green for the least concern to red for the most, by rank within the instrument. */
export function severityColor(def: InstrumentDefinition | undefined, severity: string | null): string {
  if (!def || severity === null) return '#8c8c8c';
  const bands = def.severityBands;
  const rank = bands.findIndex((b) => b.name === severity);
  if (rank < 0) return '#8c8c8c';
  const pos = bands.length === 1 ? 0 : Math.round((rank / (bands.length - 1)) * (SCALE.length - 1));
  return SCALE[pos] ?? '#8c8c8c';
}

/** The band label in the interface language. */
export function severityLabel(def: InstrumentDefinition | undefined, severity: string | null, locale: Locale): string {
  if (severity === null) return '—';
  return def?.severityBands.find((b) => b.name === severity)?.label[locale] ?? severity;
}

import { describe, expect, it } from 'vitest';
import type { InstrumentDefinition, RegisteredInstrument } from './instrument-definition.ts';
import { checkDefinition, compareVersions, createInstrumentRegistry, getInstrument, listInstruments, registerInstrument } from './instrument-registry.ts';
import { scoreInstrument } from './score-instrument.ts';
import { sumScorer } from './sum-scorer.ts';

/**
 * What a deployment licensed for the ISI would register: its own text (here placeholders, as the
 * licensed wording is not ours to ship) and its manual's bands.
 */
function licensedIsi(version = '2006', overrides: Partial<InstrumentDefinition> = {}): RegisteredInstrument {
  const definition: InstrumentDefinition = {
    id: 'isi',
    version,
    shortName: 'ISI',
    title: { zh: '失眠严重程度指数', en: 'Insomnia Severity Index' },
    recallPeriod: { zh: '过去两周', en: 'Last 2 weeks' },
    instructions: { zh: '（授权文本）', en: '(licensed text)' },
    answerOptions: [0, 1, 2, 3, 4].map((score) => ({ score, label: { zh: String(score), en: String(score) } })),
    items: Array.from({ length: 7 }, (_, i) => ({ linkId: `isi-${i + 1}`, text: { zh: `（第${i + 1}题）`, en: `(item ${i + 1})` } })),
    totalRange: { min: 0, max: 28 },
    severityBands: [
      { name: 'none', min: 0, max: 7, label: { zh: '无', en: 'No clinically significant insomnia' } },
      { name: 'subthreshold', min: 8, max: 14, label: { zh: '阈下', en: 'Subthreshold' } },
      { name: 'moderate', min: 15, max: 21, label: { zh: '中度', en: 'Moderate' } },
      { name: 'severe', min: 22, max: 28, label: { zh: '重度', en: 'Severe' } },
    ],
    licence: { kind: 'proprietary', statement: '© Morin; used under licence from Mapi Research Trust.', textShipped: false },
    source: { citation: 'Morin CM 1993', scoring: 'ISI manual', translation: 'licensed Chinese version' },
    ...overrides,
  };
  return { definition, score: sumScorer() };
}

describe('instrument registry', () => {
  it('holds the seven built-ins in CLI order, SRQ-20 and licensed scales excluded', () => {
    expect(createInstrumentRegistry().list().map((i) => i.definition.id)).toEqual(['phq9', 'gad7', 'phq15', 'pcl5', 'k10', 'k6', 'who5']);
    expect(createInstrumentRegistry().find('srq20')).toBeUndefined();
    expect(createInstrumentRegistry().find('isi')).toBeUndefined();
  });

  it('lets a licensed deployment register and score its own instrument', () => {
    const registry = createInstrumentRegistry();
    registry.register(licensedIsi());
    const result = scoreInstrument('isi', [2, 2, 2, 2, 2, 2, 3], {}, { registry });
    expect(result).toMatchObject({ instrument: 'isi', version: '2006', total: 15, severity: 'moderate', complete: true });
    expect(() => scoreInstrument('isi', [2, 2, 2, 2, 2, 2, 5], {}, { registry })).toThrow(expect.objectContaining({ field: 'answers[6]' }));
  });

  it('serves the newest version by default and any registered version on request', () => {
    const registry = createInstrumentRegistry([]);
    registry.register(licensedIsi('1.10'));
    registry.register(licensedIsi('1.9'));
    expect(registry.get('isi').definition.version).toBe('1.10');
    expect(registry.get('isi', '1.9').definition.version).toBe('1.9');
    expect(registry.list()).toHaveLength(1);
    expect(() => registry.get('isi', '2.0')).toThrow(expect.objectContaining({ code: 'VALIDATION', field: 'version' }));
    expect(() => registry.get('psqi')).toThrow(expect.objectContaining({ code: 'VALIDATION', field: 'instrument' }));
  });

  it('refuses the same id and version twice', () => {
    const registry = createInstrumentRegistry([]);
    registry.register(licensedIsi());
    expect(() => registry.register(licensedIsi())).toThrow(expect.objectContaining({ code: 'ALREADY_EXISTS' }));
  });

  it('checks a definition before accepting it', () => {
    const field = (overrides: Partial<InstrumentDefinition>) => {
      try {
        checkDefinition(licensedIsi('1', overrides).definition);
        return undefined;
      } catch (error) {
        return (error as { field?: string }).field;
      }
    };
    expect(field({})).toBeUndefined();
    expect(field({ id: 'ISI!' })).toBe('definition.id');
    expect(field({ version: '' })).toBe('definition.version');
    expect(field({ items: [] })).toBe('definition.items');
    expect(field({ totalRange: { min: 0, max: 27 } })).toBe('definition.totalRange');
    expect(field({ subscales: { sleep: [0, 7] } })).toBe('definition.subscales.sleep');
    const repeated = licensedIsi().definition.items.map((item) => ({ ...item, linkId: 'same' }));
    expect(field({ items: repeated })).toBe('definition.items[1].linkId');
    const halfPoints = [0, 0.5].map((score) => ({ score, label: { zh: '', en: '' } }));
    expect(field({ answerOptions: halfPoints, totalRange: { min: 0, max: 3.5 } })).toBe('definition.items[0].answerOptions');
  });

  it('checks every built-in definition', () => {
    for (const instrument of createInstrumentRegistry().list()) expect(() => checkDefinition(instrument.definition)).not.toThrow();
  });

  it('orders versions numerically', () => {
    expect(compareVersions('1.10.0', '1.9.0')).toBeGreaterThan(0);
    expect(compareVersions('1.0.0', '1.0.0')).toBe(0);
  });

  it('the module-level functions use the default registry', () => {
    registerInstrument(licensedIsi('test-only'));
    expect(getInstrument('isi').definition.version).toBe('test-only');
    expect(listInstruments().map((i) => i.definition.id)).toContain('isi');
  });
});

import { describe, expect, it } from 'vitest';
import { toFhirQuestionnaire } from './fhir-questionnaire.ts';
import { BUILT_IN_INSTRUMENTS } from './instrument-registry.ts';
import { K10_DEFINITION } from './k10.ts';
import { PHQ15_DEFINITION } from './phq15.ts';
import { PHQ9_DEFINITION } from './phq9.ts';

describe('toFhirQuestionnaire', () => {
  it('exports PHQ-9 in Chinese with LOINC codes, ordinal scores and English translations', () => {
    const q = toFhirQuestionnaire(PHQ9_DEFINITION, 'zh');
    expect(q).toMatchObject({
      resourceType: 'Questionnaire',
      id: 'phq9-1.0.0',
      url: 'urn:anxin:Questionnaire:phq9',
      version: '1.0.0',
      name: 'PHQ_9',
      status: 'active',
      language: 'zh-CN',
      code: [{ system: 'http://loinc.org', code: '44249-1' }],
    });
    expect(q.title).toContain('PHQ-9');
    expect(q.copyright).toContain('No permission required');
    // instructions, 9 questions, total
    expect(q.item.map((i) => i.type)).toEqual(['display', ...Array<string>(9).fill('choice'), 'integer']);
    const item9 = q.item[9];
    expect(item9).toMatchObject({ linkId: 'phq9-9', prefix: '9', text: '有不如死掉或用某种方式伤害自己的念头', required: true });
    expect(item9?.code).toEqual([{ system: 'http://loinc.org', code: '44260-8' }]);
    expect(item9?._text?.extension[0]?.extension).toEqual([
      { url: 'lang', valueCode: 'en' },
      { url: 'content', valueString: 'Thoughts that you would be better off dead or of hurting yourself in some way' },
    ]);
    expect(item9?.answerOption?.map((o) => [o.valueCoding.code, o.extension[0]?.valueDecimal])).toEqual([
      ['LA6568-5', 0],
      ['LA6569-3', 1],
      ['LA6570-1', 2],
      ['LA6571-9', 3],
    ]);
    expect(q.item.at(-1)).toMatchObject({ linkId: 'phq9-total', readOnly: true, code: [{ code: '44261-6' }] });
  });

  it('exports English with Chinese as the translation', () => {
    const q = toFhirQuestionnaire(PHQ9_DEFINITION, 'en');
    expect(q.language).toBe('en');
    expect(q.item[1]?.text).toBe('Little interest or pleasure in doing things');
    expect(q._title.extension[0]?.extension?.[1]?.valueString).toContain('患者健康问卷');
  });

  it('uses its own code system for answers without LOINC codes, and an http base when given', () => {
    const q = toFhirQuestionnaire(K10_DEFINITION, 'zh', { canonicalBase: 'https://example.org/fhir/' });
    expect(q.url).toBe('https://example.org/fhir/Questionnaire/k10');
    expect(q.code).toBeUndefined();
    expect(q.item[1]?.answerOption?.[0]?.valueCoding).toMatchObject({ system: 'https://example.org/fhir/CodeSystem/k10-answers', code: '1' });
  });

  it('expresses the K10 skip rule as enableWhen', () => {
    const item3 = toFhirQuestionnaire(K10_DEFINITION, 'en').item[3];
    expect(item3?.linkId).toBe('k10-3');
    expect(item3?.enableWhen).toEqual([{ question: 'k10-2', operator: '!=', answerCoding: expect.objectContaining({ code: '1' }) }]);
  });

  it('does not require the women-only PHQ-15 item', () => {
    const q = toFhirQuestionnaire(PHQ15_DEFINITION, 'en');
    expect(q.item.find((i) => i.linkId === 'phq15-4')?.required).toBe(false);
    expect(q.item.find((i) => i.linkId === 'phq15-5')?.required).toBe(true);
  });

  it('produces unique linkIds and valid FHIR ids and names for every built-in', () => {
    for (const { definition } of BUILT_IN_INSTRUMENTS) {
      const q = toFhirQuestionnaire(definition, 'zh');
      const linkIds = q.item.map((i) => i.linkId);
      expect(new Set(linkIds).size).toBe(linkIds.length);
      expect(q.id).toMatch(/^[A-Za-z0-9\-.]{1,64}$/);
      expect(q.name).toMatch(/^[A-Z][A-Za-z0-9_]*$/);
      expect(JSON.parse(JSON.stringify(q))).toEqual(q); // plain JSON, nothing undefined or lossy
    }
  });
});

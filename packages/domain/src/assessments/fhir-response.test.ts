import { describe, expect, it } from 'vitest';
import { GAD7_DEFINITION } from '../instruments/gad7.ts';
import { PHQ9_DEFINITION } from '../instruments/phq9.ts';
import { K10_DEFINITION } from '../instruments/k10.ts';
import { toFhirAssessmentBundle, type AssessmentForFhir } from './fhir-response.ts';

const base: AssessmentForFhir = {
  id: '00000000-0000-4000-8000-000000000001',
  personId: '00000000-0000-4000-8000-000000000002',
  status: 'submitted',
  superseded: false,
  version: 1,
  answers: [1, 2, 1, 2, 1, 2, 1, 1, 1],
  total: 12,
  severity: 'moderate',
  complete: true,
  completedAt: '2026-03-02T01:00:00.000Z',
  updatedAt: '2026-03-02T01:00:00.000Z',
  language: 'zh',
};
const now = '2026-03-02T02:00:00.000Z';

describe('toFhirAssessmentBundle', () => {
  it('holds a QuestionnaireResponse and an Observation of the PHQ-9 total coded 44261-6', () => {
    const bundle = toFhirAssessmentBundle(PHQ9_DEFINITION, base, { now });
    expect(bundle.type).toBe('collection');
    const [qr, obs] = bundle.entry.map((e) => e.resource);
    expect(qr).toMatchObject({ resourceType: 'QuestionnaireResponse', status: 'completed', subject: { reference: `Patient/${base.personId}` } });
    const items = (qr as { item: { linkId: string; answer: { valueCoding: { extension: { valueDecimal: number }[] } }[] }[] }).item;
    expect(items).toHaveLength(9);
    expect(items.map((i) => i.answer[0]?.valueCoding.extension[0]?.valueDecimal)).toEqual([1, 2, 1, 2, 1, 2, 1, 1, 1]);
    expect(obs).toMatchObject({
      resourceType: 'Observation',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '44261-6' }] },
      valueInteger: 12,
      derivedFrom: [{ reference: 'QuestionnaireResponse/00000000-0000-4000-8000-000000000001-qr' }],
    });
    expect((obs as { interpretation: { coding: { code: string }[] }[] }).interpretation[0]?.coding[0]?.code).toBe('moderate');
  });
  it('codes the GAD-7 total 70274-6 and an instrument without a LOINC total locally', () => {
    const gad = toFhirAssessmentBundle(GAD7_DEFINITION, { ...base, answers: [1, 1, 1, 1, 1, 1, 1], total: 7, severity: 'mild' }, { now });
    expect(gad.entry[1]?.resource).toMatchObject({ code: { coding: [{ code: '70274-6' }] }, valueInteger: 7 });
    const k10 = toFhirAssessmentBundle(K10_DEFINITION, { ...base, answers: Array(10).fill(1) as number[], total: 10, severity: 'low' }, { now });
    expect(k10.entry[1]?.resource).toMatchObject({ code: { coding: [{ system: 'urn:anxin:CodeSystem:instrument-total', code: 'k10' }] } });
  });
  it('gives an incomplete result no value but a data-absent reason, leaves blanks out and marks amendments', () => {
    const partial = toFhirAssessmentBundle(PHQ9_DEFINITION, { ...base, answers: [1, null, 1, 1, 1, 1, 1, 1, 0], total: null, severity: null, complete: false, version: 2 }, { now });
    const [qr, obs] = partial.entry.map((e) => e.resource);
    expect((qr as { item: unknown[] }).item).toHaveLength(8);
    expect(qr).toMatchObject({ status: 'amended' });
    expect(obs).not.toHaveProperty('valueInteger');
    expect(obs).toMatchObject({ status: 'amended', dataAbsentReason: { coding: [{ code: 'incomplete' }] } });
  });
});

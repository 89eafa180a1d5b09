/**
 * A completed assessment as FHIR R4: a Bundle (type collection) holding the QuestionnaireResponse (each
 * answer as the instrument's coding with its score as ordinalValue) and an Observation of the total
 * score, coded with the instrument's LOINC total code where one exists (PHQ-9 44261-6, GAD-7 70274-6,
 * PHQ-15 70273-8) and a local code otherwise. An incomplete result carries no value but a
 * dataAbsentReason, as the manual gives it no total.
 */
import { optionsForItem, type InstrumentDefinition } from '../instruments/instrument-definition.ts';
import { LOINC_SYSTEM } from '../instruments/fhir-questionnaire.ts';

export interface AssessmentForFhir {
  id: string;
  personId: string;
  status: 'draft' | 'submitted';
  /** True when a newer version amends this one. */
  superseded: boolean;
  version: number;
  answers: readonly (number | null)[];
  total: number | null;
  severity: string | null;
  complete: boolean | null;
  completedAt: string | null;
  updatedAt: string;
  language: 'zh' | 'en';
}

// A type alias (not an interface) so it is assignable to a plain JSON record.
export type FhirBundle = {
  resourceType: 'Bundle';
  id: string;
  type: 'collection';
  timestamp: string;
  entry: { fullUrl: string; resource: Record<string, unknown> }[];
};

const ORDINAL_VALUE = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';
const DATA_ABSENT = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';

function canonical(base: string, ...parts: string[]): string {
  return base.startsWith('urn:') ? [base, ...parts].join(':') : [base.replace(/\/$/, ''), ...parts].join('/');
}

export function toFhirAssessmentBundle(def: InstrumentDefinition, a: AssessmentForFhir, options: { canonicalBase?: string; now: string }): FhirBundle {
  const base = options.canonicalBase ?? 'urn:anxin';
  const locale = a.language;
  const responseId = `${a.id}-qr`;
  const observationId = `${a.id}-total`;
  const answerSystem = canonical(base, 'CodeSystem', `${def.id}-answers`);
  const status = a.status === 'draft' ? 'in-progress' : a.superseded || a.version > 1 ? 'amended' : 'completed';

  const items = def.items.flatMap((item, i) => {
    const score = a.answers[i];
    if (score === null || score === undefined) return [];
    const option = optionsForItem(def, i).find((o) => o.score === score);
    if (!option) return [];
    return [
      {
        linkId: item.linkId,
        text: item.text[locale],
        answer: [
          {
            valueCoding: {
              extension: [{ url: ORDINAL_VALUE, valueDecimal: score }],
              system: option.loinc ? LOINC_SYSTEM : answerSystem,
              code: option.loinc ?? String(score),
              display: option.label[locale],
            },
          },
        ],
      },
    ];
  });

  const questionnaireResponse = {
    resourceType: 'QuestionnaireResponse',
    id: responseId,
    identifier: { system: canonical(base, 'assessment'), value: `${a.id}` },
    questionnaire: `${canonical(base, 'Questionnaire', def.id)}|${def.version}`,
    status,
    subject: { reference: `Patient/${a.personId}` },
    authored: a.completedAt ?? a.updatedAt,
    language: locale === 'zh' ? 'zh-CN' : 'en',
    item: items,
  };

  const code = def.loinc?.total
    ? { coding: [{ system: LOINC_SYSTEM, code: def.loinc.total, display: `${def.shortName} total score` }], text: `${def.shortName} total score` }
    : { coding: [{ system: canonical(base, 'CodeSystem', 'instrument-total'), code: def.id, display: `${def.shortName} total score` }], text: `${def.shortName} total score` };
  const band = def.severityBands.find((b) => b.name === a.severity);
  const observation: Record<string, unknown> = {
    resourceType: 'Observation',
    id: observationId,
    status: a.status === 'draft' ? 'preliminary' : status === 'amended' ? 'amended' : 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey', display: 'Survey' }] }],
    code,
    subject: { reference: `Patient/${a.personId}` },
    effectiveDateTime: a.completedAt ?? a.updatedAt,
    derivedFrom: [{ reference: `QuestionnaireResponse/${responseId}` }],
    ...(a.total !== null && a.complete
      ? { valueInteger: a.total }
      : { dataAbsentReason: { coding: [{ system: DATA_ABSENT, code: 'incomplete', display: 'Incomplete' }] } }),
    ...(band
      ? {
          interpretation: [{ coding: [{ system: canonical(base, 'CodeSystem', `${def.id}-severity`), code: band.name, display: band.label.en }], text: band.label[locale] }],
          referenceRange: def.severityBands.map((b) => ({ low: { value: b.min }, high: { value: b.max }, text: b.label[locale] })),
        }
      : {}),
  };

  return {
    resourceType: 'Bundle',
    id: `${a.id}-bundle`,
    type: 'collection',
    timestamp: options.now,
    entry: [
      { fullUrl: `${canonical(base, 'QuestionnaireResponse', responseId)}`, resource: questionnaireResponse },
      { fullUrl: `${canonical(base, 'Observation', observationId)}`, resource: observation },
    ],
  };
}

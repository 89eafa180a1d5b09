import type { AnswerOption, InstrumentDefinition, Locale, LocalizedText } from './instrument-definition.ts';
import { LOCALES, optionsForItem } from './instrument-definition.ts';

/** The subset of FHIR R4 JSON this export produces; enough for typing, not a full FHIR model. */
export interface FhirExtension {
  url: string;
  valueString?: string;
  valueCode?: string;
  valueDecimal?: number;
  valueExpression?: { language: string; expression: string };
  extension?: FhirExtension[];
}
export interface FhirPrimitiveExtensions {
  extension: FhirExtension[];
}
export interface FhirCoding {
  system: string;
  code: string;
  display?: string;
  _display?: FhirPrimitiveExtensions;
}
export interface FhirAnswerOption {
  extension: FhirExtension[];
  valueCoding: FhirCoding;
}
export interface FhirQuestionnaireItem {
  linkId: string;
  prefix?: string;
  text: string;
  _text?: FhirPrimitiveExtensions;
  type: 'display' | 'choice' | 'integer';
  code?: FhirCoding[];
  required?: boolean;
  readOnly?: boolean;
  extension?: FhirExtension[];
  enableWhen?: { question: string; operator: '!='; answerCoding: FhirCoding }[];
  answerOption?: FhirAnswerOption[];
}
export interface FhirQuestionnaire {
  resourceType: 'Questionnaire';
  id: string;
  url: string;
  version: string;
  name: string;
  title: string;
  _title: FhirPrimitiveExtensions;
  status: 'active';
  language: string;
  subjectType: ['Patient'];
  code?: FhirCoding[];
  description: string;
  copyright: string;
  item: FhirQuestionnaireItem[];
}

export const LOINC_SYSTEM = 'http://loinc.org';
const TRANSLATION = 'http://hl7.org/fhir/StructureDefinition/translation';
const ORDINAL_VALUE = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';
const CALCULATED_EXPRESSION = 'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression';
const LANGUAGE_TAG: Record<Locale, string> = { zh: 'zh-CN', en: 'en' };

export interface FhirExportOptions {
  /** Canonical base for the Questionnaire url and non-LOINC answer codes: a `urn:` prefix or an http(s) URL. */
  canonicalBase?: string;
}

/** `text` in `locale`, the other languages as FHIR translation extensions on the primitive. */
function localized(text: LocalizedText, locale: Locale): { value: string; ext: FhirPrimitiveExtensions } {
  const others = LOCALES.filter((l) => l !== locale);
  return {
    value: text[locale],
    ext: {
      extension: others.map((l) => ({
        url: TRANSLATION,
        extension: [
          { url: 'lang', valueCode: LANGUAGE_TAG[l] },
          { url: 'content', valueString: text[l] },
        ],
      })),
    },
  };
}

function join(base: string, ...parts: string[]): string {
  return base.startsWith('urn:') ? [base, ...parts].join(':') : [base.replace(/\/$/, ''), ...parts].join('/');
}

/** FHIR `name` must start with an upper-case letter and hold only letters, digits and underscores. */
function computableName(shortName: string): string {
  const name = shortName.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Z]/.test(name) ? name : `Q${name}`;
}

/**
 * The definition as a FHIR R4 Questionnaire in `locale`, the other language carried as translation
 * extensions. Scores travel as `ordinalValue` on each answer, LOINC codes where they exist, skip rules
 * as `enableWhen`, and the total as a read-only item with an SDC calculated expression.
 */
export function toFhirQuestionnaire(def: InstrumentDefinition, locale: Locale, options: FhirExportOptions = {}): FhirQuestionnaire {
  const base = options.canonicalBase ?? 'urn:anxin';
  const answerSystem = join(base, 'CodeSystem', `${def.id}-answers`);

  const coding = (option: AnswerOption): FhirCoding => {
    const label = localized(option.label, locale);
    return {
      system: option.loinc ? LOINC_SYSTEM : answerSystem,
      code: option.loinc ?? String(option.score),
      display: label.value,
      _display: label.ext,
    };
  };

  const questions: FhirQuestionnaireItem[] = def.items.map((item, i) => {
    const text = localized(item.text, locale);
    const out: FhirQuestionnaireItem = { linkId: item.linkId, prefix: String(i + 1), text: text.value, _text: text.ext, type: 'choice' };
    if (item.loinc) out.code = [{ system: LOINC_SYSTEM, code: item.loinc }];
    // An item asked of only some respondents cannot be required of all; a skipped item is only required when enabled.
    out.required = item.appliesTo === undefined;
    const skip = item.skipWhen;
    if (skip) {
      const trigger = optionsForItem(def, def.items.findIndex((x) => x.linkId === skip.linkId)).find((o) => o.score === skip.score);
      if (trigger) out.enableWhen = [{ question: skip.linkId, operator: '!=', answerCoding: coding(trigger) }];
    }
    out.answerOption = optionsForItem(def, i).map((o) => ({ extension: [{ url: ORDINAL_VALUE, valueDecimal: o.score }], valueCoding: coding(o) }));
    return out;
  });

  const instructions = localized(def.instructions, locale);
  const totalText = localized({ zh: '总分', en: 'Total score' }, locale);
  const ids = def.items.map((item) => `'${item.linkId}'`).join(' | ');
  const total: FhirQuestionnaireItem = {
    linkId: `${def.id}-total`,
    text: totalText.value,
    _text: totalText.ext,
    type: 'integer',
    readOnly: true,
    required: false,
    extension: [
      {
        url: CALCULATED_EXPRESSION,
        valueExpression: {
          language: 'text/fhirpath',
          expression: `%resource.item.where(linkId in (${ids})).answer.value.ordinal().sum()`,
        },
      },
    ],
  };
  if (def.loinc?.total) total.code = [{ system: LOINC_SYSTEM, code: def.loinc.total }];

  const title = localized(def.title, locale);
  const questionnaire: FhirQuestionnaire = {
    resourceType: 'Questionnaire',
    id: `${def.id}-${def.version}`.replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 64),
    url: join(base, 'Questionnaire', def.id),
    version: def.version,
    name: computableName(def.shortName),
    title: title.value,
    _title: title.ext,
    status: 'active',
    language: LANGUAGE_TAG[locale],
    subjectType: ['Patient'],
    description: `${def.shortName}: ${def.recallPeriod[locale]}`,
    copyright: def.licence.statement,
    item: [
      { linkId: `${def.id}-instructions`, text: instructions.value, _text: instructions.ext, type: 'display' },
      ...questions,
      total,
    ],
  };
  if (def.loinc?.panel) questionnaire.code = [{ system: LOINC_SYSTEM, code: def.loinc.panel, display: def.title.en }];
  return questionnaire;
}

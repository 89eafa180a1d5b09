import type { AnswerOption, InstrumentDefinition, RegisteredInstrument } from './instrument-definition.ts';
import { PHQ_COPYRIGHT } from './phq-answer-options.ts';
import { sumScorer } from './sum-scorer.ts';

const PHQ15_OPTIONS: readonly AnswerOption[] = [
  { score: 0, label: { zh: '没有困扰', en: 'Not bothered at all' }, loinc: 'LA18334-5' },
  { score: 1, label: { zh: '有一点困扰', en: 'Bothered a little' }, loinc: 'LA18335-2' },
  { score: 2, label: { zh: '困扰很多', en: 'Bothered a lot' }, loinc: 'LA18336-0' },
];

/** Item order is the published PHQ-15 order (a–o), not LOINC's panel order. */
export const PHQ15_DEFINITION: InstrumentDefinition = {
  id: 'phq15',
  version: '1.0.0',
  shortName: 'PHQ-15',
  title: { zh: '患者健康问卷躯体症状量表（PHQ-15）', en: 'Patient Health Questionnaire-15 (PHQ-15)' },
  recallPeriod: { zh: '过去4周', en: 'During the past 4 weeks' },
  instructions: {
    zh: '在过去4周内，您受到以下问题困扰的程度如何？',
    en: 'During the past 4 weeks, how much have you been bothered by any of the following problems?',
  },
  loinc: { panel: '69728-4', total: '70273-8' },
  answerOptions: PHQ15_OPTIONS,
  items: [
    { linkId: 'phq15-1', loinc: '69671-6', text: { zh: '胃痛', en: 'Stomach pain' } },
    { linkId: 'phq15-2', loinc: '69672-4', text: { zh: '背痛', en: 'Back pain' } },
    {
      linkId: 'phq15-3',
      loinc: '69673-2',
      text: { zh: '胳膊、腿或关节疼痛（膝盖、髋部等）', en: 'Pain in your arms, legs, or joints (knees, hips, etc.)' },
    },
    {
      linkId: 'phq15-4',
      loinc: '69674-0',
      appliesTo: 'female',
      text: {
        zh: '痛经或其他与月经有关的问题（仅限女性）',
        en: 'Menstrual cramps or other problems with your periods (women only)',
      },
    },
    { linkId: 'phq15-5', loinc: '69675-7', text: { zh: '头痛', en: 'Headaches' } },
    { linkId: 'phq15-6', loinc: '69676-5', text: { zh: '胸痛', en: 'Chest pain' } },
    { linkId: 'phq15-7', loinc: '69677-3', text: { zh: '头晕', en: 'Dizziness' } },
    { linkId: 'phq15-8', loinc: '69678-1', text: { zh: '一阵阵晕倒', en: 'Fainting spells' } },
    { linkId: 'phq15-9', loinc: '69679-9', text: { zh: '心悸或心跳加速', en: 'Feeling your heart pound or race' } },
    { linkId: 'phq15-10', loinc: '69680-7', text: { zh: '气短', en: 'Shortness of breath' } },
    { linkId: 'phq15-11', loinc: '69717-7', text: { zh: '性生活中有疼痛或其他问题', en: 'Pain or problems during sexual intercourse' } },
    { linkId: 'phq15-12', loinc: '69681-5', text: { zh: '便秘、稀便或腹泻', en: 'Constipation, loose bowels, or diarrhea' } },
    { linkId: 'phq15-13', loinc: '69682-3', text: { zh: '恶心、胀气或消化不良', en: 'Nausea, gas, or indigestion' } },
    { linkId: 'phq15-14', loinc: '69731-8', text: { zh: '感到疲倦或没有精力', en: 'Feeling tired or having low energy' } },
    { linkId: 'phq15-15', loinc: '69732-6', text: { zh: '睡眠有问题', en: 'Trouble sleeping' } },
  ],
  totalRange: { min: 0, max: 30 },
  severityBands: [
    { name: 'minimal', min: 0, max: 4, label: { zh: '极轻微', en: 'Minimal' } },
    { name: 'low', min: 5, max: 9, label: { zh: '低', en: 'Low' } },
    { name: 'medium', min: 10, max: 14, label: { zh: '中', en: 'Medium' } },
    { name: 'high', min: 15, max: 30, label: { zh: '高', en: 'High' } },
  ],
  licence: { kind: 'free-no-permission', statement: PHQ_COPYRIGHT, textShipped: true },
  source: {
    citation:
      'Kroenke K, Spitzer RL, Williams JBW. The PHQ-15: validity of a new measure for evaluating the severity of somatic symptoms. Psychosom Med 2002;64(2):258-266.',
    scoring: 'Kroenke 2002: items 0-2, total 0-30, cut-points 5, 10, 15 for low, medium, high somatic symptom severity.',
    translation: 'Simplified-Chinese wording is our rendering of the English items in the style of the Chinese PHQ family; no published Chinese validation was checked.',
    url: 'https://www.phqscreeners.com',
  },
};

/** PHQ-15 has no flags. A man's blank item 4 is "does not apply" and scores 0 (see score-instrument.ts). */
export const PHQ15: RegisteredInstrument = { definition: PHQ15_DEFINITION, score: sumScorer() };

import type { InstrumentDefinition, RegisteredInstrument } from './instrument-definition.ts';
import { PHQ_COPYRIGHT, PHQ_FREQUENCY_OPTIONS } from './phq-answer-options.ts';
import { sumScorer } from './sum-scorer.ts';

export const GAD7_DEFINITION: InstrumentDefinition = {
  id: 'gad7',
  version: '1.0.0',
  shortName: 'GAD-7',
  title: { zh: '广泛性焦虑障碍量表（GAD-7）', en: 'Generalized Anxiety Disorder 7-item scale (GAD-7)' },
  recallPeriod: { zh: '过去两周', en: 'Over the last 2 weeks' },
  instructions: {
    zh: '在过去两周里，您有多少时间受到以下问题的困扰？',
    en: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
  },
  loinc: { panel: '69737-5', total: '70274-6' },
  answerOptions: PHQ_FREQUENCY_OPTIONS,
  items: [
    { linkId: 'gad7-1', loinc: '69725-0', text: { zh: '感觉紧张、焦虑或急切', en: 'Feeling nervous, anxious, or on edge' } },
    { linkId: 'gad7-2', loinc: '68509-9', text: { zh: '不能够停止或控制担忧', en: 'Not being able to stop or control worrying' } },
    { linkId: 'gad7-3', loinc: '69733-4', text: { zh: '对各种各样的事情担忧过多', en: 'Worrying too much about different things' } },
    { linkId: 'gad7-4', loinc: '69734-2', text: { zh: '很难放松下来', en: 'Trouble relaxing' } },
    { linkId: 'gad7-5', loinc: '69735-9', text: { zh: '由于不安而无法静坐', en: 'Being so restless that it is hard to sit still' } },
    { linkId: 'gad7-6', loinc: '69689-8', text: { zh: '变得容易烦恼或急躁', en: 'Becoming easily annoyed or irritable' } },
    {
      linkId: 'gad7-7',
      loinc: '69736-7',
      text: { zh: '感到似乎将有可怕的事情发生而害怕', en: 'Feeling afraid, as if something awful might happen' },
    },
  ],
  totalRange: { min: 0, max: 21 },
  severityBands: [
    { name: 'minimal', min: 0, max: 4, label: { zh: '无或极轻微', en: 'Minimal' } },
    { name: 'mild', min: 5, max: 9, label: { zh: '轻度', en: 'Mild' } },
    { name: 'moderate', min: 10, max: 14, label: { zh: '中度', en: 'Moderate' } },
    { name: 'severe', min: 15, max: 21, label: { zh: '重度', en: 'Severe' } },
  ],
  licence: { kind: 'free-no-permission', statement: PHQ_COPYRIGHT, textShipped: true },
  source: {
    citation:
      'Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med 2006;166(10):1092-1097.',
    scoring: 'Spitzer 2006 / PHQ instruction manual: total 0-21, cut-points 5, 10, 15 for mild, moderate, severe; ≥10 warrants further evaluation.',
    translation:
      'Simplified-Chinese wording as in the Chinese GAD-7 validated by He Xiaoyan et al. 2010 (上海精神医学 22(4):200-203). Transcribed from common usage, not checked word for word against the paper.',
    url: 'https://www.phqscreeners.com',
  },
};

/** GAD-7 emits no flags by default; its ≥10 referral point is the `moderate` band. */
export const GAD7: RegisteredInstrument = { definition: GAD7_DEFINITION, score: sumScorer() };

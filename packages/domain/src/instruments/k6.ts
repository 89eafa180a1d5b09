import type { InstrumentDefinition, RegisteredInstrument } from './instrument-definition.ts';
import { KESSLER_LICENCE_STATEMENT, kesslerOptions } from './kessler-answer-options.ts';
import { sumScorer } from './sum-scorer.ts';

/** Total at or above which the K6 indicates probable serious mental illness (Kessler 2003). */
export const K6_SMI_CUTOFF = 13;

/** K6 with US scoring: items 0–4, total 0–24. */
export const K6_DEFINITION: InstrumentDefinition = {
  id: 'k6',
  version: '1.0.0',
  shortName: 'K6',
  title: { zh: 'Kessler 心理困扰量表（K6）', en: 'Kessler Psychological Distress Scale (K6)' },
  recallPeriod: { zh: '过去30天', en: 'During the past 30 days' },
  instructions: {
    zh: '以下问题是关于您在过去30天里的感受。请为每个问题选择最符合您出现这种感受频率的选项。',
    en: 'The following questions ask about how you have been feeling during the past 30 days. For each question, select the option that best describes how often you had this feeling.',
  },
  answerOptions: kesslerOptions(0),
  items: [
    { linkId: 'k6-1', text: { zh: '您有多经常感到紧张？', en: 'About how often did you feel nervous?' } },
    { linkId: 'k6-2', text: { zh: '您有多经常感到绝望？', en: 'About how often did you feel hopeless?' } },
    { linkId: 'k6-3', text: { zh: '您有多经常感到坐立不安或烦躁？', en: 'About how often did you feel restless or fidgety?' } },
    {
      linkId: 'k6-4',
      text: { zh: '您有多经常抑郁得无论怎样都高兴不起来？', en: 'About how often did you feel so depressed that nothing could cheer you up?' },
    },
    { linkId: 'k6-5', text: { zh: '您有多经常感到做每件事都很费力？', en: 'About how often did you feel that everything was an effort?' } },
    { linkId: 'k6-6', text: { zh: '您有多经常感到自己毫无价值？', en: 'About how often did you feel worthless?' } },
  ],
  totalRange: { min: 0, max: 24 },
  severityBands: [
    { name: 'none', min: 0, max: 4, label: { zh: '无明显困扰', en: 'No or low distress' } },
    { name: 'moderate', min: 5, max: K6_SMI_CUTOFF - 1, label: { zh: '中度困扰', en: 'Moderate distress' } },
    { name: 'serious', min: K6_SMI_CUTOFF, max: 24, label: { zh: '严重困扰', en: 'Serious distress' } },
  ],
  licence: { kind: 'public-domain', statement: KESSLER_LICENCE_STATEMENT, textShipped: true },
  source: {
    citation:
      'Kessler RC, Barker PR, Colpe LJ, et al. Screening for serious mental illness in the general population. Arch Gen Psychiatry 2003;60(2):184-189.',
    scoring:
      'Kessler 2003: items 0-4, total 0-24, ≥13 = probable serious mental illness. Moderate band 5-12 from Prochaska et al. 2012 (Int J Methods Psychiatr Res 21(2):88-97).',
    translation: 'Simplified-Chinese wording matches our K10 rendering of the same items; not checked against a validated Chinese K6.',
    url: 'https://www.hcp.med.harvard.edu/ncs/k6_scales.php',
  },
};

export const K6: RegisteredInstrument = {
  definition: K6_DEFINITION,
  score: sumScorer({
    flags: (answers) => (answers.reduce((s, a) => s + a, 0) >= K6_SMI_CUTOFF ? ['probable_serious_mental_illness'] : []),
  }),
};

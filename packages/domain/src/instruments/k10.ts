import type { InstrumentDefinition, RegisteredInstrument } from './instrument-definition.ts';
import { KESSLER_LICENCE_STATEMENT, kesslerOptions } from './kessler-answer-options.ts';
import { sumScorer } from './sum-scorer.ts';

/** K10 with Australian (ABS) scoring: items 1–5, total 10–50. */
export const K10_DEFINITION: InstrumentDefinition = {
  id: 'k10',
  version: '1.0.0',
  shortName: 'K10',
  title: { zh: 'Kessler 心理困扰量表（K10）', en: 'Kessler Psychological Distress Scale (K10)' },
  recallPeriod: { zh: '过去4周（30天）', en: 'In the past 4 weeks (30 days)' },
  instructions: {
    zh: '以下问题是关于您在过去4周（30天）里的感受。请为每个问题选择最符合您出现这种感受频率的选项。',
    en: 'These questions concern how you have been feeling over the past 4 weeks (30 days). For each question, select the option that best describes how often you had this feeling.',
  },
  answerOptions: kesslerOptions(1),
  items: [
    { linkId: 'k10-1', text: { zh: '您有多经常无缘无故地感到疲惫？', en: 'About how often did you feel tired out for no good reason?' } },
    { linkId: 'k10-2', text: { zh: '您有多经常感到紧张？', en: 'About how often did you feel nervous?' } },
    {
      linkId: 'k10-3',
      skipWhen: { linkId: 'k10-2', score: 1, impliedScore: 1 },
      text: { zh: '您有多经常紧张得无论如何都平静不下来？', en: 'About how often did you feel so nervous that nothing could calm you down?' },
    },
    { linkId: 'k10-4', text: { zh: '您有多经常感到绝望？', en: 'About how often did you feel hopeless?' } },
    { linkId: 'k10-5', text: { zh: '您有多经常感到坐立不安或烦躁？', en: 'About how often did you feel restless or fidgety?' } },
    {
      linkId: 'k10-6',
      skipWhen: { linkId: 'k10-5', score: 1, impliedScore: 1 },
      text: { zh: '您有多经常烦躁得坐都坐不住？', en: 'About how often did you feel so restless you could not sit still?' },
    },
    { linkId: 'k10-7', text: { zh: '您有多经常感到抑郁？', en: 'About how often did you feel depressed?' } },
    { linkId: 'k10-8', text: { zh: '您有多经常感到做每件事都很费力？', en: 'About how often did you feel that everything was an effort?' } },
    {
      linkId: 'k10-9',
      text: { zh: '您有多经常悲伤得无论怎样都高兴不起来？', en: 'About how often did you feel so sad that nothing could cheer you up?' },
    },
    { linkId: 'k10-10', text: { zh: '您有多经常感到自己毫无价值？', en: 'About how often did you feel worthless?' } },
  ],
  totalRange: { min: 10, max: 50 },
  severityBands: [
    { name: 'low', min: 10, max: 15, label: { zh: '低度困扰', en: 'Low distress' } },
    { name: 'moderate', min: 16, max: 21, label: { zh: '中度困扰', en: 'Moderate distress' } },
    { name: 'high', min: 22, max: 29, label: { zh: '高度困扰', en: 'High distress' } },
    { name: 'very_high', min: 30, max: 50, label: { zh: '极高度困扰', en: 'Very high distress' } },
  ],
  licence: { kind: 'public-domain', statement: KESSLER_LICENCE_STATEMENT, textShipped: true },
  source: {
    citation:
      'Kessler RC, Andrews G, Colpe LJ, et al. Short screening scales to monitor population prevalences and trends in non-specific psychological distress. Psychol Med 2002;32(6):959-976.',
    scoring:
      'ABS Information Paper 4817.0.55.001 (2012): items 1-5, total 10-50, bands 10-15 low, 16-21 moderate, 22-29 high, 30-50 very high. Skip rule for items 3 and 6 from Andrews & Slade 2001.',
    translation:
      'Simplified-Chinese wording is our rendering in the style of the Chinese K10 in use on the mainland; the Chinese validation (Zhou et al. 2008) was not checked.',
    url: 'https://www.hcp.med.harvard.edu/ncs/k6_scales.php',
  },
};

/** K10 has no flags; distress level is the severity band. */
export const K10: RegisteredInstrument = { definition: K10_DEFINITION, score: sumScorer() };

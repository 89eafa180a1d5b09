import type { InstrumentDefinition, RegisteredInstrument } from './instrument-definition.ts';
import { sumScorer } from './sum-scorer.ts';

/** Raw totals: below 13 calls for a depression assessment; 7 or less (≤28%) suggests depression. */
export const WHO5_POOR_WELLBEING_BELOW = 13;
export const WHO5_LIKELY_DEPRESSION_AT_MOST = 7;

/** WHO-5 (1998 version). Items are positively worded: a higher total means better well-being. */
export const WHO5_DEFINITION: InstrumentDefinition = {
  id: 'who5',
  version: '1.0.0',
  shortName: 'WHO-5',
  title: { zh: '世界卫生组织五项身心健康指标（WHO-5）', en: 'WHO-5 Well-Being Index' },
  recallPeriod: { zh: '过去两周', en: 'Over the last two weeks' },
  instructions: {
    zh: '以下五个陈述与您过去两周的感受有关，请为每个陈述选择最接近您感受的一项。',
    en: 'Please indicate for each of the five statements which is closest to how you have been feeling over the last two weeks.',
  },
  answerOptions: [
    { score: 0, label: { zh: '从未有过', en: 'At no time' } },
    { score: 1, label: { zh: '有时', en: 'Some of the time' } },
    { score: 2, label: { zh: '少于一半时间', en: 'Less than half of the time' } },
    { score: 3, label: { zh: '超过一半时间', en: 'More than half of the time' } },
    { score: 4, label: { zh: '大部分时间', en: 'Most of the time' } },
    { score: 5, label: { zh: '所有时间', en: 'All of the time' } },
  ],
  items: [
    { linkId: 'who5-1', text: { zh: '我感到快乐、心情舒畅', en: 'I have felt cheerful and in good spirits' } },
    { linkId: 'who5-2', text: { zh: '我感到平静和放松', en: 'I have felt calm and relaxed' } },
    { linkId: 'who5-3', text: { zh: '我感到充满活力、精力充沛', en: 'I have felt active and vigorous' } },
    { linkId: 'who5-4', text: { zh: '我醒来时感到神清气爽、休息充分', en: 'I woke up feeling fresh and rested' } },
    { linkId: 'who5-5', text: { zh: '我的日常生活中充满了让我感兴趣的事情', en: 'My daily life has been filled with things that interest me' } },
  ],
  totalRange: { min: 0, max: 25 },
  // Listed in order of increasing concern, which here is decreasing score.
  severityBands: [
    { name: 'adequate_wellbeing', min: WHO5_POOR_WELLBEING_BELOW, max: 25, label: { zh: '身心状况良好', en: 'Adequate well-being' } },
    {
      name: 'poor_wellbeing',
      min: WHO5_LIKELY_DEPRESSION_AT_MOST + 1,
      max: WHO5_POOR_WELLBEING_BELOW - 1,
      label: { zh: '身心状况较差', en: 'Poor well-being' },
    },
    { name: 'likely_depression', min: 0, max: WHO5_LIKELY_DEPRESSION_AT_MOST, label: { zh: '可能存在抑郁', en: 'Likely depression' } },
  ],
  licence: {
    kind: 'free-no-permission',
    statement:
      '© Psychiatric Research Unit, WHO Collaborating Centre in Mental Health, Frederiksborg General Hospital. The WHO-5 may be used free of charge without permission.',
    textShipped: true,
  },
  source: {
    citation: 'World Health Organization Regional Office for Europe. Wellbeing measures in primary health care: the DepCare project. Copenhagen, 1998. Topp CW et al. Psychother Psychosom 2015;84(3):167-176.',
    scoring:
      'WHO-5 guide: raw 0-25, ×4 = percentage 0-100; raw <13 (or any item 0-1) → assess for depression; ≤28% suggests likely depression; a 10-point change in percentage is meaningful.',
    translation: 'Simplified-Chinese wording is our rendering in the style of the Chinese WHO-5 on the Psychiatric Research Unit site; not checked word for word.',
    url: 'https://www.psykiatri-regionh.dk/who-5',
  },
};

export const WHO5: RegisteredInstrument = {
  definition: WHO5_DEFINITION,
  score: sumScorer({
    flags: (answers) => {
      const raw = answers.reduce((s, a) => s + a, 0);
      const flags: string[] = [];
      if (raw < WHO5_POOR_WELLBEING_BELOW) flags.push('poor_wellbeing');
      if (raw <= WHO5_LIKELY_DEPRESSION_AT_MOST) flags.push('likely_depression_screen');
      return flags;
    },
    derived: (raw) => ({ percentage: raw * 4 }),
  }),
};

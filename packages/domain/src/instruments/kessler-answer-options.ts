import type { AnswerOption, LocalizedText } from './instrument-definition.ts';

const FREQUENCIES: readonly LocalizedText[] = [
  { zh: '几乎没有', en: 'None of the time' },
  { zh: '偶尔', en: 'A little of the time' },
  { zh: '有时', en: 'Some of the time' },
  { zh: '经常', en: 'Most of the time' },
  { zh: '总是', en: 'All of the time' },
];

/** The Kessler five-point frequency scale, scored from `first` (K10 Australian scoring 1, K6 0). */
export function kesslerOptions(first: 0 | 1): readonly AnswerOption[] {
  return FREQUENCIES.map((label, i) => ({ score: first + i, label }));
}

export const KESSLER_LICENCE_STATEMENT =
  'The K10 and K6 scales are in the public domain (Kessler RC et al., Harvard Medical School); cite Kessler et al. 2002/2003 when used.';

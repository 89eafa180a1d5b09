import type { AnswerOption } from './instrument-definition.ts';

/** The two-week frequency scale shared by PHQ-9 and GAD-7, with its LOINC answer codes (LL358-3). */
export const PHQ_FREQUENCY_OPTIONS: readonly AnswerOption[] = [
  { score: 0, label: { zh: '完全不会', en: 'Not at all' }, loinc: 'LA6568-5' },
  { score: 1, label: { zh: '好几天', en: 'Several days' }, loinc: 'LA6569-3' },
  { score: 2, label: { zh: '一半以上的天数', en: 'More than half the days' }, loinc: 'LA6570-1' },
  { score: 3, label: { zh: '几乎每天', en: 'Nearly every day' }, loinc: 'LA6571-9' },
];

/** Rights statement Pfizer attaches to the PHQ family (PHQ-9, GAD-7, PHQ-15). */
export const PHQ_COPYRIGHT =
  'Copyright © Pfizer Inc. All rights reserved. Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, ' +
  'Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, ' +
  'translate, display or distribute.';

import type { InstrumentDefinition, RegisteredInstrument } from './instrument-definition.ts';
import { PHQ_COPYRIGHT, PHQ_FREQUENCY_OPTIONS } from './phq-answer-options.ts';
import { sumScorer } from './sum-scorer.ts';

export const PHQ9_DEFINITION: InstrumentDefinition = {
  id: 'phq9',
  version: '1.0.0',
  shortName: 'PHQ-9',
  title: { zh: '患者健康问卷抑郁量表（PHQ-9）', en: 'Patient Health Questionnaire-9 (PHQ-9)' },
  recallPeriod: { zh: '过去两周', en: 'Over the last 2 weeks' },
  instructions: {
    zh: '在过去两周里，您有多少时间受到以下问题的困扰？',
    en: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  },
  loinc: { panel: '44249-1', total: '44261-6' },
  answerOptions: PHQ_FREQUENCY_OPTIONS,
  items: [
    { linkId: 'phq9-1', loinc: '44250-9', text: { zh: '做事时提不起劲或没有兴趣', en: 'Little interest or pleasure in doing things' } },
    { linkId: 'phq9-2', loinc: '44255-8', text: { zh: '感到心情低落、沮丧或绝望', en: 'Feeling down, depressed, or hopeless' } },
    {
      linkId: 'phq9-3',
      loinc: '44259-0',
      text: { zh: '入睡困难、睡不安稳或睡眠过多', en: 'Trouble falling or staying asleep, or sleeping too much' },
    },
    { linkId: 'phq9-4', loinc: '44254-1', text: { zh: '感觉疲倦或没有活力', en: 'Feeling tired or having little energy' } },
    { linkId: 'phq9-5', loinc: '44251-7', text: { zh: '食欲不振或吃太多', en: 'Poor appetite or overeating' } },
    {
      linkId: 'phq9-6',
      loinc: '44258-2',
      text: {
        zh: '觉得自己很糟，或觉得自己很失败，或让自己或家人失望',
        en: 'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
      },
    },
    {
      linkId: 'phq9-7',
      loinc: '44252-5',
      text: {
        zh: '对事物专注有困难，例如阅读报纸或看电视时',
        en: 'Trouble concentrating on things, such as reading the newspaper or watching television',
      },
    },
    {
      linkId: 'phq9-8',
      loinc: '44253-3',
      text: {
        zh: '动作或说话速度缓慢到别人已经觉察？或正好相反——烦躁或坐立不安、动来动去的情况更胜于平常',
        en:
          'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety ' +
          'or restless that you have been moving around a lot more than usual',
      },
    },
    {
      linkId: 'phq9-9',
      loinc: '44260-8',
      text: {
        zh: '有不如死掉或用某种方式伤害自己的念头',
        en: 'Thoughts that you would be better off dead or of hurting yourself in some way',
      },
    },
  ],
  totalRange: { min: 0, max: 27 },
  severityBands: [
    { name: 'minimal', min: 0, max: 4, label: { zh: '无或极轻微', en: 'Minimal' } },
    { name: 'mild', min: 5, max: 9, label: { zh: '轻度', en: 'Mild' } },
    { name: 'moderate', min: 10, max: 14, label: { zh: '中度', en: 'Moderate' } },
    { name: 'moderately_severe', min: 15, max: 19, label: { zh: '中重度', en: 'Moderately severe' } },
    { name: 'severe', min: 20, max: 27, label: { zh: '重度', en: 'Severe' } },
  ],
  licence: { kind: 'free-no-permission', statement: PHQ_COPYRIGHT, textShipped: true },
  source: {
    citation: 'Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med 2001;16(9):606-613.',
    scoring:
      'PHQ instruction manual (Pfizer): total 0-27 with bands at 5/10/15/20; major and other depressive syndrome algorithms; any non-zero item 9 needs follow-up.',
    translation:
      'Simplified-Chinese wording as in the widely used Chinese PHQ-9 (e.g. the version validated by Wang W et al. 2014, Gen Hosp Psychiatry). Transcribed from common usage, not checked word for word against the PHQ Screeners PDF.',
    url: 'https://www.phqscreeners.com',
  },
};

/** Item 9 (0-based index 8) counts as a symptom at any non-zero score; the others at ≥2. */
const ITEM9 = 8;

function symptomCount(answers: readonly number[]): number {
  return answers.filter((a, i) => (i === ITEM9 ? a >= 1 : a >= 2)).length;
}

/** Depressed mood or anhedonia (items 1–2) on more than half the days. */
function hasCoreSymptom(answers: readonly number[]): boolean {
  return (answers[0] ?? 0) >= 2 || (answers[1] ?? 0) >= 2;
}

/**
 * PHQ manual algorithm: major depressive syndrome = a core symptom and ≥5 of 9 symptoms; other depressive
 * syndrome = a core symptom and 2–4 symptoms. Both are provisional; the manual also asks the clinician to
 * rule out bereavement, a physical cause and drugs, and to confirm impairment.
 */
export function phq9Flags(answers: readonly number[]): string[] {
  const flags: string[] = [];
  const count = symptomCount(answers);
  if (hasCoreSymptom(answers) && count >= 5) flags.push('major_depressive_syndrome');
  if (hasCoreSymptom(answers) && count >= 2 && count <= 4) flags.push('other_depressive_syndrome');
  if ((answers[ITEM9] ?? 0) > 0) flags.push('suicide_risk_item9');
  return flags;
}

export const PHQ9: RegisteredInstrument = {
  definition: PHQ9_DEFINITION,
  score: sumScorer({ flags: phq9Flags }),
};

/**
 * Assessment figures (issue 4 table `assessments`). A result counts once, on the day it was completed
 * (Asia/Shanghai), in the region recorded on the assessment, when it is submitted and is the newest
 * version (an amended result counts only through its amendment). "Positive" means a severity at or above
 * the manual's usual screening cut-off, listed per instrument below. Migration 0610 mirrors this.
 */
import type { Contribution, FigureDefinition } from './figure-definition.ts';

/** Severity bands counted as screen-positive, per instrument (manual cut-offs). */
export const POSITIVE_SEVERITIES: Readonly<Record<string, readonly string[]>> = {
  phq9: ['moderate', 'moderately_severe', 'severe'], // total ≥ 10 (Kroenke 2001)
  gad7: ['moderate', 'severe'], // ≥ 10 (Spitzer 2006)
  phq15: ['medium', 'high'], // ≥ 10 (Kroenke 2002)
  pcl5: ['probable_ptsd'], // ≥ 33 by default
  k10: ['high', 'very_high'], // ≥ 22 (Andrews & Slade 2001)
  k6: ['serious'], // ≥ 13 (Kessler 2003)
  who5: ['poor_wellbeing', 'likely_depression'], // raw < 13 (WHO-5 manual)
};

const INSTRUMENT_LABEL: Record<string, [string, string]> = {
  phq9: ['PHQ-9', 'PHQ-9'],
  gad7: ['GAD-7', 'GAD-7'],
  phq15: ['PHQ-15', 'PHQ-15'],
  pcl5: ['PCL-5', 'PCL-5'],
  k10: ['K10', 'K10'],
  k6: ['K6', 'K6'],
  who5: ['WHO-5', 'WHO-5'],
};

const NOTE = {
  zh: '按完成日期和测评记录的区域计；只计已提交且为最新版本的结果（更正后只计更正版本）。上级区域为下辖社区之和。',
  en: 'By completion day and the region recorded on the assessment; only submitted, newest versions (an amended result counts once, as amended). A higher region is the sum of its communities.',
};

function flow(id: string, label: [string, string], what: [string, string]): FigureDefinition {
  return {
    id,
    family: 'assessments',
    kind: 'count',
    measure: 'flow',
    source: 'assessments',
    anchor: 'completed_at',
    label: { zh: label[0], en: label[1] },
    definition: { zh: `${what[0]}${NOTE.zh}`, en: `${what[1]} ${NOTE.en}` },
  };
}

export const ASSESSMENT_FIGURES: readonly FigureDefinition[] = [
  flow('assessments.completed', ['完成测评', 'Assessments completed'], ['完成的量表测评份数。', 'Completed questionnaires.']),
  flow('assessments.positive', ['测评阳性', 'Screen-positive results'], ['严重程度达到量表常用筛查界值的结果。', 'Results at or above the instrument’s usual screening cut-off.']),
  {
    id: 'assessments.positive_rate',
    family: 'assessments',
    kind: 'rate',
    numerator: 'assessments.positive',
    denominator: 'assessments.completed',
    label: { zh: '测评阳性率', en: 'Positive rate' },
    definition: {
      zh: '分子：期内测评阳性份数；分母：期内完成测评份数（同一区域）。分母为0时不显示。',
      en: 'Numerator: screen-positive results in the period; denominator: assessments completed in the period (same region). Not shown when the denominator is 0.',
    },
  },
  ...Object.keys(POSITIVE_SEVERITIES).flatMap((inst) => {
    const [zh, en] = INSTRUMENT_LABEL[inst] ?? [inst, inst];
    return [
      flow(`assessments.completed.${inst}`, [`${zh}完成`, `${en} completed`], [`完成的${zh}份数。`, `Completed ${en} questionnaires.`]),
      flow(`assessments.positive.${inst}`, [`${zh}阳性`, `${en} positive`], [
        `${zh}严重程度为${(POSITIVE_SEVERITIES[inst] ?? []).join('、')}的结果。`,
        `${en} results with severity ${(POSITIVE_SEVERITIES[inst] ?? []).join(', ')}.`,
      ]),
    ];
  }),
];

export interface AssessmentFacts {
  regionCode: string;
  instrument: string;
  status: string;
  severity: string | null;
  /** Local day of completed_at, null while a draft. */
  completedDay: string | null;
  /** True when another version amends this one. */
  superseded: boolean;
}

export function isPositive(instrument: string, severity: string | null): boolean {
  return severity !== null && (POSITIVE_SEVERITIES[instrument]?.includes(severity) ?? false);
}

export function assessmentContributions(a: AssessmentFacts): Contribution[] {
  if (a.status !== 'submitted' || a.superseded || a.completedDay === null) return [];
  const figures = ['assessments.completed', `assessments.completed.${a.instrument}`];
  if (isPositive(a.instrument, a.severity)) figures.push('assessments.positive', `assessments.positive.${a.instrument}`);
  return [{ figures, regionCode: a.regionCode, day: a.completedDay }];
}

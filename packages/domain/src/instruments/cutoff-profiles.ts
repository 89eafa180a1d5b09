import type { LocalizedText } from './instrument-definition.ts';

/** One locally validated cut-off: totals at or above `cutoff` set `flag` on the instrument's result. */
export interface CutoffProfileEntry {
  instrument: string;
  cutoff: number;
  flag: string;
  source: string;
}

/**
 * A named set of cut-offs validated in a particular population. Profiles are opt-in (ScoreOptions
 * .cutoffProfile) and only add a screening flag; the manual's severity bands are never changed.
 */
export interface CutoffProfile {
  id: string;
  description: LocalizedText;
  entries: readonly CutoffProfileEntry[];
}

export const CUTOFF_PROFILES: readonly CutoffProfile[] = [
  {
    id: 'cn-community',
    description: { zh: '中国社区人群验证的筛查界值', en: 'Screening cut-offs validated in Chinese community samples' },
    entries: [
      {
        instrument: 'phq9',
        cutoff: 7,
        flag: 'screen_positive',
        source: 'Wang W et al. 2014, Gen Hosp Psychiatry: Shanghai community, n=1045, suggested cut-off ≥7.',
      },
    ],
  },
  {
    id: 'cn-rural-elderly',
    description: { zh: '中国农村老年人群验证的筛查界值', en: 'Screening cut-offs validated in Chinese rural older adults' },
    entries: [
      { instrument: 'phq9', cutoff: 8, flag: 'screen_positive', source: 'Liu ZW et al. 2016, PLoS One: rural elderly, cut-off 8.' },
    ],
  },
  {
    id: 'cn-general-hospital',
    description: { zh: '中国综合医院门诊人群验证的筛查界值', en: 'Screening cut-offs validated in Chinese general-hospital outpatients' },
    entries: [
      {
        instrument: 'gad7',
        cutoff: 10,
        flag: 'screen_positive',
        source: 'He XY et al. 2010, 上海精神医学 22(4):200-203: n=600 outpatients, cut-off 10 (sensitivity 86.2%, specificity 95.5%).',
      },
    ],
  },
];

export function findCutoffProfile(id: string, profiles: readonly CutoffProfile[] = CUTOFF_PROFILES): CutoffProfile | undefined {
  return profiles.find((p) => p.id === id);
}

/**
 * When the next follow-up is due: ONE pure function and every interval with its source.
 *
 * Sources
 * - [S002] 全国社会心理服务体系建设试点工作方案 (seed 002 §(五)): 心理疏导服务团队 … 同步开展患者随访管理，原则上每半年
 *   至少开展一次随访，随访时记录心理测评、心理疏导情况并给予相应的健康指导. → recovered patients at least every 6 months.
 * - [SMD2018] 严重精神障碍管理治疗工作规范（2018年版）(国卫疾控发〔2018〕13号), 随访 and 危险性评估 (research/domain.md §2):
 *   不稳定 (risk 3–5, or obvious psychotic symptoms, lack of insight, severe drug adverse reaction, serious physical illness)
 *   → refer to a higher-level hospital at once; if not admitted, follow up within 2 weeks with the psychiatrist, the residents'
 *   committee and the police. 基本稳定 (risk 1–2, or symptoms, insight or social function poor) → follow up at 2 weeks; if
 *   stable by then, 3 months; if not, psychiatrist guidance and follow up at 1 month. 稳定 → 3 months. Police involved at
 *   risk ≥ 3. At least 4 follow-ups a year (the 3-month maximum satisfies it).
 * - [ANXIN] Anxin's own choice where no text sets a number; each such row says so. They shorten, never lengthen, the
 *   interval the texts above require.
 */
import { addDays, addMonths, type IsoDate } from '../register/iso-date.ts';

export const PROGRAMS = ['recovered_patient_counseling', 'severe_mental_disorder', 'key_population_other'] as const;
export type Program = (typeof PROGRAMS)[number];

export const SMD_CLASSIFICATIONS = ['stable', 'basically_stable', 'unstable'] as const;
export type SmdClassification = (typeof SMD_CLASSIFICATIONS)[number];

export const SMD_RISK_LEVELS = [0, 1, 2, 3, 4, 5] as const;
export type SmdRiskLevel = (typeof SMD_RISK_LEVELS)[number];

/** 2018 spec fields the classification is derived from. */
export const SYMPTOM_STATES = ['none', 'present', 'obvious'] as const;
export type SymptomState = (typeof SYMPTOM_STATES)[number];
export const INSIGHT_STATES = ['complete', 'partial', 'absent'] as const;
export type InsightState = (typeof INSIGHT_STATES)[number];
export const SOCIAL_FUNCTION_STATES = ['good', 'fair', 'poor'] as const;
export type SocialFunctionState = (typeof SOCIAL_FUNCTION_STATES)[number];

/** Latest assessment severity bands, as the instruments name them. */
export type LatestSeverity = 'none' | 'minimal' | 'mild' | 'moderate' | 'moderately_severe' | 'severe';

export interface SmdFindings {
  riskLevel: SmdRiskLevel;
  symptoms: SymptomState;
  insight: InsightState;
  socialFunction: SocialFunctionState;
  severeAdverseReaction: boolean;
  seriousPhysicalIllness: boolean;
}

/** [SMD2018] 本次随访分类 from the visit's findings. */
export function classifySmd(f: SmdFindings): SmdClassification {
  if (f.riskLevel >= 3 || f.symptoms === 'obvious' || f.insight === 'absent' || f.severeAdverseReaction || f.seriousPhysicalIllness) {
    return 'unstable';
  }
  if (f.riskLevel >= 1 || f.symptoms === 'present' || f.insight === 'partial' || f.socialFunction === 'poor') return 'basically_stable';
  return 'stable';
}

const SEVERITY_RANK: Record<SmdClassification, number> = { stable: 0, basically_stable: 1, unstable: 2 };
/** True when `a` is less severe than `b` (a recorder may judge more severe than the rule, never less). */
export function lessSevere(a: SmdClassification, b: SmdClassification): boolean {
  return SEVERITY_RANK[a] < SEVERITY_RANK[b];
}

export type IntervalRule =
  | 'smd_unstable'
  | 'smd_basically_stable'
  | 'smd_basically_stable_again'
  | 'smd_stable'
  | 'smd_unreached'
  | 'first_contact'
  | 'risk_high'
  | 'risk_low'
  | 'result_severe'
  | 'result_moderate'
  | 'result_mild'
  | 'routine'
  | 'unreached';

export interface IntervalDef {
  /** Calendar months or days after the visit. */
  months?: number;
  days?: number;
  /** Half-width of the window around the due date, in days. */
  windowDays: number;
  withSpecialist: boolean;
  source: string;
}

/** Every interval the policy uses. Change a number here and the table test shows what it changes. */
export const INTERVALS: Readonly<Record<IntervalRule, IntervalDef>> = {
  smd_unstable: { days: 14, windowDays: 0, withSpecialist: true, source: 'SMD2018 不稳定: 2 weeks with psychiatrist, committee and police' },
  smd_basically_stable: { days: 14, windowDays: 3, withSpecialist: false, source: 'SMD2018 基本稳定: 2 weeks' },
  smd_basically_stable_again: {
    months: 1,
    windowDays: 7,
    withSpecialist: true,
    source: 'SMD2018 基本稳定 still not stable at the 2-week visit: psychiatrist guidance, 1 month',
  },
  smd_stable: { months: 3, windowDays: 14, withSpecialist: false, source: 'SMD2018 稳定: 3 months (≥ 4 a year)' },
  smd_unreached: { days: 7, windowDays: 2, withSpecialist: false, source: 'ANXIN: not reached, try again within a week' },
  first_contact: { days: 14, windowDays: 3, withSpecialist: false, source: 'ANXIN: first follow-up within 2 weeks of enrolment' },
  risk_high: { days: 14, windowDays: 3, withSpecialist: true, source: 'ANXIN (mirrors SMD2018 不稳定): risk level 3–5 → 2 weeks' },
  risk_low: { months: 1, windowDays: 7, withSpecialist: false, source: 'ANXIN (mirrors SMD2018 基本稳定): risk level 1–2 → 1 month' },
  result_severe: { days: 14, windowDays: 3, withSpecialist: true, source: 'ANXIN: latest result severe or a crisis flag → 2 weeks' },
  result_moderate: { months: 1, windowDays: 7, withSpecialist: false, source: 'ANXIN: latest result moderate or moderately severe → 1 month' },
  result_mild: { months: 3, windowDays: 14, withSpecialist: false, source: 'ANXIN: latest result mild → 3 months' },
  routine: { months: 6, windowDays: 30, withSpecialist: false, source: 'S002: at least every 6 months' },
  unreached: { days: 14, windowDays: 3, withSpecialist: false, source: 'ANXIN: not reached, try again within 2 weeks' },
};

export interface PolicyInput {
  program: Program;
  /** The visit's date, or the enrolment date when `first`. */
  from: IsoDate;
  /** Proposing the first follow-up after enrolment. */
  first?: boolean;
  reached?: boolean;
  /** SMD: this visit's classification (derived with classifySmd, possibly raised by the recorder). */
  classification?: SmdClassification | null;
  /** SMD: the previous visit's classification (a second 基本稳定 in a row gets psychiatrist guidance). */
  previousClassification?: SmdClassification | null;
  riskLevel?: SmdRiskLevel | null;
  /** Latest assessment severity, and whether it raised a crisis flag. */
  latestSeverity?: LatestSeverity | null;
  crisisFlag?: boolean;
}

export interface FollowUpProposal {
  rule: IntervalRule;
  dueDate: IsoDate;
  windowStart: IsoDate;
  windowEnd: IsoDate;
  withSpecialist: boolean;
  /** SMD2018: refer to a higher-level hospital at once. */
  referUrgently: boolean;
  /** SMD2018: police involved at risk level ≥ 3. */
  involvePolice: boolean;
  source: string;
}

function chooseRule(p: PolicyInput): IntervalRule {
  if (p.program === 'severe_mental_disorder') {
    if (p.first) return 'first_contact';
    if (p.reached === false) return 'smd_unreached';
    const c = p.classification ?? 'stable';
    if (c === 'unstable') return 'smd_unstable';
    if (c === 'basically_stable') return p.previousClassification === 'basically_stable' ? 'smd_basically_stable_again' : 'smd_basically_stable';
    return 'smd_stable';
  }
  // Recovered patients and other key populations: the shortest interval any signal asks for.
  const risk = p.riskLevel ?? null;
  const sev = p.latestSeverity ?? null;
  if (risk !== null && risk >= 3) return 'risk_high';
  if (p.crisisFlag || sev === 'severe') return 'result_severe';
  if (p.first) return 'first_contact';
  if (p.reached === false) return 'unreached';
  if ((risk !== null && risk >= 1) || sev === 'moderate' || sev === 'moderately_severe') {
    return risk !== null && risk >= 1 ? 'risk_low' : 'result_moderate';
  }
  if (sev === 'mild') return 'result_mild';
  return 'routine';
}

/** The next follow-up for a person in a program. */
export function proposeNextFollowUp(p: PolicyInput): FollowUpProposal {
  const rule = chooseRule(p);
  const def = INTERVALS[rule];
  const dueDate = def.months ? addMonths(p.from, def.months) : addDays(p.from, def.days ?? 0);
  const risk = p.riskLevel ?? null;
  return {
    rule,
    dueDate,
    windowStart: addDays(dueDate, -def.windowDays),
    windowEnd: addDays(dueDate, def.windowDays),
    withSpecialist: def.withSpecialist,
    referUrgently: rule === 'smd_unstable',
    involvePolice: risk !== null && risk >= 3,
    source: def.source,
  };
}

/** Window around a date the recorder chose instead of the proposal: the proposal's rule's half-width. */
export function windowAround(dueDate: IsoDate, windowDays: number): { windowStart: IsoDate; windowEnd: IsoDate } {
  return { windowStart: addDays(dueDate, -windowDays), windowEnd: addDays(dueDate, windowDays) };
}

/** The crisis level a follow-up's risk level reports (SMD2018 risk 4 includes self-harm and suicide; 5 is armed violence). */
export function crisisLevelForRisk(risk: SmdRiskLevel): 'imminent' | 'high' | 'moderate' | null {
  if (risk === 5) return 'imminent';
  if (risk === 4) return 'high';
  if (risk === 3) return 'moderate';
  return null;
}

import type { Answers, LocalizedText, ScoreResult } from './instrument-definition.ts';
import { defaultInstrumentRegistry, type InstrumentRegistry } from './instrument-registry.ts';
import { severityRank } from './score-bands.ts';

export type RiskLevel = 'imminent' | 'high' | 'moderate';
/** `crisis`: same-day contact by the crisis pathway; `consultation`: a request for a professional consultation. */
export type RiskAction = 'crisis' | 'consultation';

export interface RiskRuleConfig {
  /** Lowest severity band, per instrument id, at which a consultation is requested. Absent = never. */
  consultationSeverity: Readonly<Record<string, string>>;
  /** Rules to evaluate; DEFAULT_RISK_RULES when absent. */
  rules?: readonly RiskRule[];
  /** Where severity orders are looked up; the default registry when absent. */
  registry?: InstrumentRegistry;
}

/** A rule as data: which instrument, when it fires, and what it asks people to do. */
export interface RiskRule {
  id: string;
  /** Instrument id the rule applies to, or '*' for every instrument. */
  instrument: string;
  when: (result: ScoreResult, answers: Answers, config: RiskRuleConfig) => boolean;
  flag: string;
  level: RiskLevel;
  explanation: LocalizedText;
  action: RiskAction;
}

export interface TriggeredRiskRule {
  ruleId: string;
  flag: string;
  level: RiskLevel;
  explanation: LocalizedText;
  action: RiskAction;
}

/** True when the result's severity is at or beyond the configured consultation band for its instrument. */
export function severityAtOrAbove(result: ScoreResult, config: RiskRuleConfig): boolean {
  const threshold = config.consultationSeverity[result.instrument];
  if (threshold === undefined || result.severity === null) return false;
  const found = (config.registry ?? defaultInstrumentRegistry).find(result.instrument, result.version);
  if (!found) return false;
  const at = severityRank(found.definition, result.severity);
  const from = severityRank(found.definition, threshold);
  return at >= 0 && from >= 0 && at >= from;
}

export const DEFAULT_RISK_RULES: readonly RiskRule[] = [
  {
    id: 'phq9-item9',
    instrument: 'phq9',
    // Read from the answer itself, so a blank elsewhere (total null) never hides it.
    when: (_result, answers) => (answers[8] ?? 0) > 0,
    flag: 'suicide_risk_item9',
    level: 'high',
    explanation: {
      zh: 'PHQ-9 第9题（自杀或自伤念头）得分大于0。无论总分多少，都需要当天由专业人员进一步评估自杀风险。',
      en: 'PHQ-9 item 9 (thoughts of death or self-harm) is above 0. Whatever the total, a professional must assess suicide risk the same day.',
    },
    action: 'crisis',
  },
  {
    id: 'severity-consultation',
    instrument: '*',
    when: (result, _answers, config) => severityAtOrAbove(result, config),
    flag: 'consultation_recommended',
    level: 'moderate',
    explanation: {
      zh: '量表结果达到或超过本机构设定的转介等级，建议安排专业心理咨询或评估。',
      en: 'The result is at or above the severity this deployment refers on; a professional consultation is recommended.',
    },
    action: 'consultation',
  },
];

/**
 * Referral bands used when a deployment configures nothing. Each is the band the instrument's own guidance
 * marks for further evaluation: PHQ-9 and GAD-7 ≥10, PHQ-15 ≥15, PCL-5 at the provisional cut-off, K10
 * ≥22 (ABS "high"), K6 ≥13, WHO-5 ≤7.
 */
export const DEFAULT_RISK_CONFIG: RiskRuleConfig = {
  consultationSeverity: {
    phq9: 'moderate',
    gad7: 'moderate',
    phq15: 'high',
    pcl5: 'probable_ptsd',
    k10: 'high',
    k6: 'serious',
    who5: 'likely_depression',
  },
};

/** Every rule for the result's instrument that fires, most urgent first. */
export function evaluateRiskRules(result: ScoreResult, answers: Answers, config: RiskRuleConfig = DEFAULT_RISK_CONFIG): TriggeredRiskRule[] {
  const order: Record<RiskLevel, number> = { imminent: 0, high: 1, moderate: 2 };
  return (config.rules ?? DEFAULT_RISK_RULES)
    .filter((rule) => rule.instrument === '*' || rule.instrument === result.instrument)
    .filter((rule) => rule.when(result, answers, config))
    .map(({ id, flag, level, explanation, action }) => ({ ruleId: id, flag, level, explanation, action }))
    .sort((a, b) => order[a.level] - order[b.level]);
}

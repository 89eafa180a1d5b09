/**
 * Structured suicide-risk assessment for a call (thoughts, plan, means, timeframe; as the ukmh IncidentForm
 * studied in the hotline research, and the Columbia-style escalation of intent → plan → access → time).
 * The derived level drives escalation: 'high' and 'imminent' open a crisis case and alert the on-duty
 * supervisor; 'imminent' also asks for 110/120 linkage.
 */
export const SUICIDAL_THOUGHTS = ['none', 'passive', 'active'] as const;
export type SuicidalThoughts = (typeof SUICIDAL_THOUGHTS)[number];
export const RISK_TIMEFRAMES = ['none', 'later', 'within_24h', 'in_progress'] as const;
export type RiskTimeframe = (typeof RISK_TIMEFRAMES)[number];
export const RISK_LEVELS = ['none', 'low', 'moderate', 'high', 'imminent'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export interface RiskAnswers {
  /** none; passive (wishes to be dead); active (thinks of killing oneself). */
  thoughts: SuicidalThoughts;
  /** Has a concrete plan. */
  plan: boolean;
  /** Has access to the means of the plan. */
  means: boolean;
  /** When the caller intends to act; 'in_progress' = an attempt is under way. */
  timeframe: RiskTimeframe;
  /** Threatens to harm someone else. */
  harmToOthers?: boolean;
}

export interface RiskResult {
  level: RiskLevel;
  reasons: string[];
  /** Open a crisis case and alert the supervisor. */
  escalate: boolean;
  /** Call 110/120 now. */
  emergencyLinkage: boolean;
}

export function assessRisk(a: RiskAnswers): RiskResult {
  const reasons: string[] = [];
  if (a.thoughts !== 'none') reasons.push(`thoughts_${a.thoughts}`);
  if (a.plan) reasons.push('plan');
  if (a.means) reasons.push('means');
  if (a.timeframe !== 'none') reasons.push(`timeframe_${a.timeframe}`);
  if (a.harmToOthers) reasons.push('harm_to_others');

  let level: RiskLevel;
  if (a.timeframe === 'in_progress' || (a.plan && a.means && a.timeframe === 'within_24h')) level = 'imminent';
  else if ((a.thoughts === 'active' && a.plan) || (a.plan && a.means) || a.timeframe === 'within_24h' || a.harmToOthers) level = 'high';
  else if (a.thoughts === 'active' || a.means || a.plan) level = 'moderate';
  else if (a.thoughts === 'passive') level = 'low';
  else level = 'none';
  return { level, reasons, escalate: level === 'high' || level === 'imminent', emergencyLinkage: level === 'imminent' };
}

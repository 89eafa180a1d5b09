import type { CrisisLevel } from './crisis-level.ts';

/** Suicidal thoughts as the triager heard them. */
export const THOUGHTS = ['none', 'passive', 'active'] as const;
export type Thoughts = (typeof THOUGHTS)[number];

/** When the person intends to act. */
export const TIMEFRAMES = ['none', 'within_24h', 'within_week', 'later'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

export interface TriageInput {
  thoughts: Thoughts;
  /** Has a plan (method, place or time chosen). */
  plan: boolean;
  /** Has access to the means of the plan (medication stock, height, weapon, pesticide …). */
  means: boolean;
  timeframe: Timeframe;
  /** An attempt is under way or happened in the last 72 hours, or violence towards others is under way. */
  recentAttempt: boolean;
}

export interface TriageResult {
  level: CrisisLevel;
  /** Reason codes, for the case and the board. */
  reasons: string[];
}

/**
 * The triage rule (thoughts, plan, means, timeframe → level), after the C-SSRS screener's logic
 * (plan with intent or recent behaviour = high) and the suicide-prevention-first rule of seed 004 §6:
 * - imminent: an attempt under way or within 72 h, or a plan with means to act within 24 h;
 * - high: a plan, or active thoughts with access to means, or any intent to act within a week;
 * - moderate: anything else (passive thoughts, or a worrying report without thoughts, plan or means).
 */
export function triageLevel(t: TriageInput): TriageResult {
  const reasons: string[] = [];
  if (t.recentAttempt) reasons.push('recent_attempt');
  if (t.thoughts !== 'none') reasons.push(`thoughts_${t.thoughts}`);
  if (t.plan) reasons.push('plan');
  if (t.means) reasons.push('means');
  if (t.timeframe !== 'none') reasons.push(`timeframe_${t.timeframe}`);

  if (t.recentAttempt || (t.plan && t.means && t.timeframe === 'within_24h')) return { level: 'imminent', reasons };
  if (t.plan || (t.thoughts === 'active' && t.means) || t.timeframe === 'within_24h' || t.timeframe === 'within_week') {
    return { level: 'high', reasons };
  }
  return { level: 'moderate', reasons };
}

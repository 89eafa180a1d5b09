import { AGE_BANDS, CALLER_SEXES, DISPOSITIONS } from '@anxin/domain/hotline/call-record.ts';
import { RISK_LEVELS, RISK_TIMEFRAMES, SUICIDAL_THOUGHTS } from '@anxin/domain/hotline/risk-assessment.ts';

/** The hotline's run-time i18n key families (checked in full by catalogues.test.ts). */
export const HOTLINE_FAMILIES: Record<string, readonly string[]> = {
  'hotline.disposition.': DISPOSITIONS,
  'hotline.ageBand.': AGE_BANDS,
  'hotline.sex.': CALLER_SEXES,
  'hotline.thoughts.': SUICIDAL_THOUGHTS,
  'hotline.timeframe.': RISK_TIMEFRAMES,
  'hotline.risk.': RISK_LEVELS,
  'hotline.gap.': ['hours_per_day', 'seats_per_line', 'staffed_seats'],
  'hotline.nav.': ['calls', 'wallboard', 'roster', 'planner', 'alerts', 'summary'],
  'hotline.status.': ['ringing', 'answered', 'ended', 'abandoned'],
};

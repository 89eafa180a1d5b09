import {
  ADHERENCE,
  COUNSELING_STATUSES,
  DEATH_CAUSES,
  FOLLOW_UP_MODES,
  GUIDANCE,
  INFORMANTS,
  SIDE_EFFECTS,
  UNREACHED_REASONS,
} from '@anxin/domain/followup/follow-up-codes.ts';
import {
  INSIGHT_STATES,
  INTERVALS,
  PROGRAMS,
  SMD_CLASSIFICATIONS,
  SMD_RISK_LEVELS,
  SOCIAL_FUNCTION_STATES,
  SYMPTOM_STATES,
} from '@anxin/domain/followup/follow-up-policy.ts';

/** Every catalogue key family the follow-up pages build at run time (prefix + code), for catalogues.test.ts. */
export const FOLLOWUP_FAMILIES: Record<string, readonly string[]> = {
  'followup.sex.': ['male', 'female'],
  'followup.timeStatus.': ['scheduled', 'due', 'overdue'],
  'followup.program.': PROGRAMS,
  'followup.when.': ['today', 'week', 'overdue', 'open'],
  'followup.scope.': ['mine', 'team', 'region'],
  'followup.mode.': FOLLOW_UP_MODES,
  'followup.informant.': INFORMANTS,
  'followup.unreached.': UNREACHED_REASONS,
  'followup.deathCause.': DEATH_CAUSES,
  'followup.risk.': SMD_RISK_LEVELS.map(String),
  'followup.symptoms.': SYMPTOM_STATES,
  'followup.insight.': INSIGHT_STATES,
  'followup.socialFunction.': SOCIAL_FUNCTION_STATES,
  'followup.classification.': SMD_CLASSIFICATIONS,
  'followup.adherence.': ADHERENCE,
  'followup.sideEffects.': SIDE_EFFECTS,
  'followup.counseling.': COUNSELING_STATUSES,
  'followup.guidance.': GUIDANCE,
  'followup.rule.': [...Object.keys(INTERVALS), 'manual'],
  'followup.enrolmentStatus.': ['active', 'withdrawn', 'closed'],
  'followup.notificationKind.': ['followup.due', 'followup.overdue', 'followup.assigned', 'followup.transferred_in'],
};

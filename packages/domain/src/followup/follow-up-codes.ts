/**
 * The coded answers of a follow-up record (2018 spec 表1-8 where it has them), shared by the server's validation
 * and the web form.
 */
export const FOLLOW_UP_MODES = ['home_visit', 'clinic', 'phone', 'online'] as const;
export const UNREACHED_REASONS = ['out_for_work', 'moved', 'missing', 'not_home', 'refused', 'other'] as const;
export const INFORMANTS = ['patient', 'family', 'other'] as const;
export const DEATH_CAUSES = ['physical_illness', 'suicide', 'homicide', 'accident', 'psychiatric_complication', 'other', 'unknown'] as const;
export const COUNSELING_STATUSES = ['not_needed', 'ongoing', 'completed', 'declined', 'referred'] as const;
export const ADHERENCE = ['regular', 'intermittent', 'none', 'not_required'] as const;
export const SIDE_EFFECTS = ['none', 'mild', 'severe'] as const;
export const GUIDANCE = ['medication', 'rehabilitation', 'family_support', 'social_support', 'lifestyle', 'crisis_resources', 'relief_policy'] as const;
export const END_REASONS = ['consent_withdrawn', 'person_request', 'recovered', 'deceased', 'moved_away', 'other'] as const;

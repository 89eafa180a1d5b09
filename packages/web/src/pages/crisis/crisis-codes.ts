/** Codes the crisis pages show through dynamic catalogue keys (kept in step with the server's enums). */
export const OBSERVED_CODES = ['suicide_talk', 'self_harm', 'attempt', 'farewell', 'violence', 'weapon', 'threats', 'bizarre_behaviour', 'substance', 'missing', 'other'] as const;
export const CONTACT_MODES = ['phone', 'home_visit', 'clinic', 'video', 'police_liaison', 'other'] as const;
export const GRID_OUTCOMES = ['seen_well', 'seen_concern', 'not_found'] as const;
export const PLAN_KEYS = ['warningSigns', 'copingSteps', 'peoplePlaces', 'professionalContacts', 'meansRestriction'] as const;

import type { ComponentType } from 'react';
import type { Action } from '@anxin/domain';

/**
 * A section another module contributes to the person page (/register/persons/:id): assessments,
 * follow-ups, crisis cases… The page shows a panel when the account may take any one of `anyOf`
 * (an empty list means always) and loads it lazily, so the person page never pays for modules the
 * account cannot use. The panel fetches its own data with its own permissions; the server checks again.
 */
export interface PersonPanel {
  /** Unique; also the i18n key of the panel title: `<key>.personPanel.title` is the module's own string. */
  key: string;
  anyOf: readonly Action[];
  load: () => Promise<{ default: ComponentType<{ personId: string }> }>;
}

/**
 * The registry. Each module adds ONE line here, e.g.
 * `{ key: 'assessments', anyOf: ['assessment.read'], load: () => import('../assessments/person-assessments-panel.tsx') },`
 */
export const PERSON_PANELS: readonly PersonPanel[] = [
  { key: 'assessments', anyOf: ['assessment.read'], load: () => import('../assessments/person-assessments-panel.tsx') },
  { key: 'followup', anyOf: ['followup.read'], load: () => import('../followup/person-followup-panel.tsx') },
  { key: 'crisis', anyOf: ['crisis.read', 'crisis.report'], load: () => import('../crisis/person-crisis-panel.tsx') },
  { key: 'service', anyOf: ['followup.read', 'care_visit.record'], load: () => import('../service/person-service-panel.tsx') },
];

/** The panels an account with these actions sees, in registry order. */
export function allowedPersonPanels(can: (action: Action) => boolean, panels: readonly PersonPanel[] = PERSON_PANELS): PersonPanel[] {
  return panels.filter((panel) => panel.anyOf.length === 0 || panel.anyOf.some((action) => can(action)));
}

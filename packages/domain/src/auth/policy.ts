import { isWithinRegion, regionPrefix } from '../regions/region-code.ts';
import type { Action } from './actions.ts';
import type { Actor, Role } from './roles.ts';

/** What a request is about: every resource that belongs somewhere names its region. */
export interface Resource {
  /** Full region code the resource belongs to (a person's residence, a report's region, …). */
  regionCode: string;
}

const EVERYONE: readonly Action[] = ['region.read', 'instrument.read'];

const CLINICAL_READ: readonly Action[] = ['person.read', 'person.read_full', 'episode.read', 'assessment.read'];

/**
 * The policy table: which role may take which action. Least privilege: the platform admin runs the
 * platform but reads no one's health data; the evaluator sees only de-identified data; grid workers
 * and social workers see crisis feedback, never clinical notes.
 */
export const GRANTS: Readonly<Record<Role, readonly Action[]>> = {
  platform_admin: [
    ...EVERYONE,
    'region.manage',
    'organization.read',
    'organization.manage',
    'team.read',
    'team.manage',
    'account.read',
    'account.manage',
    'audit.read',
    'dashboard.read',
  ],
  health_admin: [
    ...EVERYONE,
    'organization.read',
    'organization.manage',
    'team.read',
    'team.manage',
    'account.read',
    'account.manage',
    'person.read',
    'person.export',
    'person.merge',
    'followup.read',
    'followup.assign',
    'crisis.read',
    'hotline.read',
    'dashboard.read',
    'report.submit',
    'report.review',
    'alert.acknowledge',
    'audit.read',
  ],
  hospital_clerk: [
    ...EVERYONE,
    'organization.read',
    'person.read',
    'person.read_full',
    'person.create',
    'person.update',
    'person.import',
    'episode.read',
    'episode.create',
  ],
  primary_care_doctor: [
    ...EVERYONE,
    ...CLINICAL_READ,
    'organization.read',
    'team.read',
    'person.create',
    'person.update',
    'person.export',
    'person.merge',
    'verification.record',
    'contract.manage',
    'consent.record',
    'assessment.administer',
    'followup.read',
    'followup.record',
    'followup.assign',
    'counseling.record',
    'care_visit.record',
    'referral.manage',
    'crisis.report',
    'crisis.read',
    'dashboard.read',
  ],
  psychiatrist: [
    ...EVERYONE,
    ...CLINICAL_READ,
    'organization.read',
    'team.read',
    'consent.record',
    'assessment.administer',
    'assessment.review',
    'followup.read',
    'followup.record',
    'counseling.record',
    'counseling.read_notes',
    'referral.manage',
    'crisis.report',
    'crisis.read',
    'crisis.manage',
    'dashboard.read',
  ],
  counselor: [
    ...EVERYONE,
    'person.read',
    'assessment.read',
    'team.read',
    'consent.record',
    'assessment.administer',
    'followup.read',
    'followup.record',
    'counseling.record',
    'counseling.read_notes',
    'care_visit.record',
    'referral.manage',
    'crisis.report',
    'crisis.read',
    'crisis.manage',
  ],
  social_worker: [
    ...EVERYONE,
    'person.read',
    'team.read',
    'verification.record',
    'consent.record',
    'followup.read',
    'followup.record',
    'care_visit.record',
    'referral.manage',
    'crisis.report',
    'crisis.read_feedback',
  ],
  grid_worker: [
    ...EVERYONE,
    'person.read',
    'verification.record',
    'followup.read',
    'followup.record',
    'care_visit.record',
    'crisis.report',
    'crisis.read_feedback',
  ],
  hotline_counselor: [...EVERYONE, 'hotline.call_record', 'hotline.read', 'crisis.report'],
  hotline_supervisor: [
    ...EVERYONE,
    'hotline.call_record',
    'hotline.read',
    'hotline.supervise',
    'hotline.manage',
    'crisis.report',
    'crisis.read',
    'alert.acknowledge',
    'dashboard.read',
  ],
  civil_affairs_officer: [...EVERYONE, 'person.read', 'care_visit.record', 'referral.manage', 'dashboard.read'],
  evaluator: [...EVERYONE, 'dataset.export_deidentified', 'dashboard.read'],
  auditor: [...EVERYONE, 'audit.read', 'audit.verify', 'account.read', 'dashboard.read'],
};

export function roleGrants(role: Role, action: Action): boolean {
  return GRANTS[role].includes(action);
}

/**
 * The one authorization decision: may this actor take this action on this resource? True when one
 * of the actor's role assignments grants the action and its region contains the resource's region.
 */
export function can(actor: Actor, action: Action, resource: Resource): boolean {
  return actor.roles.some((a) => roleGrants(a.role, action) && isWithinRegion(resource.regionCode, a.regionCode));
}

/** True when some assignment grants the action anywhere (used to build menus and for list endpoints). */
export function canSomewhere(actor: Actor, action: Action): boolean {
  return actor.roles.some((a) => roleGrants(a.role, action));
}

/**
 * The region prefixes within which the actor may take the action, for scoping queries
 * (`region_code LIKE prefix || '%'`). Nested prefixes are collapsed; empty means nowhere,
 * and [''] means everywhere.
 */
export function jurisdictionPrefixes(actor: Actor, action: Action): string[] {
  const prefixes = [
    ...new Set(actor.roles.filter((a) => roleGrants(a.role, action)).map((a) => regionPrefix(a.regionCode))),
  ].sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const p of prefixes) if (!kept.some((k) => p.startsWith(k))) kept.push(p);
  return kept;
}

/**
 * Narrows jurisdiction prefixes to a region a list was asked for. Inside a jurisdiction: that region
 * only; above some: the jurisdictions below it; elsewhere: nothing (the caller then refuses). Never widens.
 */
export function narrowPrefixes(prefixes: readonly string[], regionCode: string): string[] {
  const wanted = regionPrefix(regionCode);
  return prefixes.some((p) => wanted.startsWith(p)) ? [wanted] : prefixes.filter((p) => p.startsWith(wanted));
}

/** Every action the actor may take somewhere. */
export function allowedActions(actor: Actor): Action[] {
  const set = new Set<Action>();
  for (const a of actor.roles) for (const action of GRANTS[a.role]) set.add(action);
  return [...set].sort();
}

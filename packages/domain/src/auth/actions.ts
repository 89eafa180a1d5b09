/**
 * Everything a user can ask the system to do, named `resource.verb`. Later modules add their actions
 * here and grant them in policy.ts; the web menu is built from the same names.
 */
export const ACTIONS = [
  // platform
  'region.read',
  'region.manage',
  'organization.read',
  'organization.manage',
  'team.read',
  'team.manage',
  'account.read',
  'account.manage',
  'audit.read',
  'audit.verify',
  // register
  'person.read',
  'person.read_full',
  'person.create',
  'person.update',
  'person.import',
  'person.export',
  'person.merge',
  'episode.read',
  'episode.create',
  'verification.record',
  'contract.manage',
  // assessment
  'instrument.read',
  'consent.record',
  'assessment.administer',
  'assessment.read',
  'assessment.review',
  // service loop
  'followup.read',
  'followup.record',
  'followup.assign',
  'counseling.record',
  'counseling.read_notes',
  'care_visit.record',
  'referral.manage',
  // crisis
  'crisis.report',
  'crisis.read',
  'crisis.manage',
  'crisis.read_feedback',
  // hotline
  'hotline.call_record',
  'hotline.read',
  'hotline.supervise',
  'hotline.manage',
  // oversight
  'dashboard.read',
  'report.submit',
  'report.review',
  'alert.acknowledge',
  'dataset.export_deidentified',
] as const;
export type Action = (typeof ACTIONS)[number];

export function isAction(value: string): value is Action {
  return (ACTIONS as readonly string[]).includes(value);
}

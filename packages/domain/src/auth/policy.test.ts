import { describe, expect, it } from 'vitest';
import { ACTIONS, type Action } from './actions.ts';
import { GRANTS, allowedActions, can, canSomewhere, jurisdictionPrefixes, narrowPrefixes } from './policy.ts';
import { ROLES, type Actor, type Role } from './roles.ts';

const OWN = '420102000000'; // 江岸区
const RELATIONS = {
  own: OWN,
  descendant: '420102001001', // a community in 江岸区
  sibling: '420103000000', // 江汉区
  ancestor: '420100000000', // 武汉市
} as const;

function actor(role: Role, regionCode = OWN): Actor {
  return { accountId: 'a1', username: 'u', roles: [{ role, regionCode }] };
}

/**
 * The expected table, written the other way round from GRANTS (action → roles) so that a change to
 * either is caught by review of both. Actions every role has are listed as 'ALL'.
 */
const EXPECTED: Record<Action, readonly Role[] | 'ALL'> = {
  'region.read': 'ALL',
  'instrument.read': 'ALL',
  'region.manage': ['platform_admin'],
  'organization.read': ['platform_admin', 'health_admin', 'hospital_clerk', 'primary_care_doctor', 'psychiatrist'],
  'organization.manage': ['platform_admin', 'health_admin'],
  'team.read': ['platform_admin', 'health_admin', 'primary_care_doctor', 'psychiatrist', 'counselor', 'social_worker'],
  'team.manage': ['platform_admin', 'health_admin'],
  'account.read': ['platform_admin', 'health_admin', 'auditor'],
  'account.manage': ['platform_admin', 'health_admin'],
  'audit.read': ['platform_admin', 'health_admin', 'auditor'],
  'audit.verify': ['auditor'],
  'person.read': [
    'health_admin',
    'hospital_clerk',
    'primary_care_doctor',
    'psychiatrist',
    'counselor',
    'social_worker',
    'grid_worker',
    'civil_affairs_officer',
  ],
  'person.read_full': ['hospital_clerk', 'primary_care_doctor', 'psychiatrist'],
  'person.create': ['hospital_clerk', 'primary_care_doctor'],
  'person.update': ['hospital_clerk', 'primary_care_doctor'],
  'person.import': ['hospital_clerk'],
  'person.export': ['health_admin', 'primary_care_doctor'],
  'person.merge': ['health_admin', 'primary_care_doctor'],
  'episode.read': ['hospital_clerk', 'primary_care_doctor', 'psychiatrist'],
  'episode.create': ['hospital_clerk'],
  'verification.record': ['primary_care_doctor', 'social_worker', 'grid_worker'],
  'contract.manage': ['primary_care_doctor'],
  'consent.record': ['primary_care_doctor', 'psychiatrist', 'counselor', 'social_worker'],
  'assessment.administer': ['primary_care_doctor', 'psychiatrist', 'counselor'],
  'assessment.read': ['primary_care_doctor', 'psychiatrist', 'counselor'],
  'assessment.review': ['psychiatrist'],
  'followup.read': ['health_admin', 'primary_care_doctor', 'psychiatrist', 'counselor', 'social_worker', 'grid_worker'],
  'followup.record': ['primary_care_doctor', 'psychiatrist', 'counselor', 'social_worker', 'grid_worker'],
  'followup.assign': ['health_admin', 'primary_care_doctor'],
  'counseling.record': ['primary_care_doctor', 'psychiatrist', 'counselor'],
  'counseling.read_notes': ['psychiatrist', 'counselor'],
  'care_visit.record': ['primary_care_doctor', 'counselor', 'social_worker', 'grid_worker', 'civil_affairs_officer'],
  'referral.manage': ['primary_care_doctor', 'psychiatrist', 'counselor', 'social_worker', 'civil_affairs_officer'],
  'crisis.report': [
    'primary_care_doctor',
    'psychiatrist',
    'counselor',
    'social_worker',
    'grid_worker',
    'hotline_counselor',
    'hotline_supervisor',
  ],
  'crisis.read': ['health_admin', 'primary_care_doctor', 'psychiatrist', 'counselor', 'hotline_supervisor'],
  'crisis.manage': ['psychiatrist', 'counselor'],
  'crisis.read_feedback': ['social_worker', 'grid_worker'],
  'hotline.call_record': ['hotline_counselor', 'hotline_supervisor'],
  'hotline.read': ['health_admin', 'hotline_counselor', 'hotline_supervisor'],
  'hotline.supervise': ['hotline_supervisor'],
  'hotline.manage': ['hotline_supervisor'],
  'dashboard.read': [
    'platform_admin',
    'health_admin',
    'primary_care_doctor',
    'psychiatrist',
    'hotline_supervisor',
    'civil_affairs_officer',
    'evaluator',
    'auditor',
  ],
  'report.submit': ['health_admin'],
  'report.review': ['health_admin'],
  'alert.acknowledge': ['health_admin', 'hotline_supervisor'],
  'dataset.export_deidentified': ['evaluator'],
};

function expectedGrant(role: Role, action: Action): boolean {
  const roles = EXPECTED[action];
  return roles === 'ALL' || roles.includes(role);
}

describe('policy table: role × jurisdiction × action', () => {
  const rows: [Role, keyof typeof RELATIONS, Action, boolean][] = [];
  for (const role of ROLES)
    for (const relation of Object.keys(RELATIONS) as (keyof typeof RELATIONS)[])
      for (const action of ACTIONS) {
        const inside = relation === 'own' || relation === 'descendant';
        rows.push([role, relation, action, inside && expectedGrant(role, action)]);
      }

  it(`covers ${ROLES.length} roles × 4 relations × ${ACTIONS.length} actions`, () => {
    expect(rows.length).toBe(ROLES.length * 4 * ACTIONS.length);
  });

  it.each(rows)('%s on %s region: %s → %s', (role, relation, action, allowed) => {
    expect(can(actor(role), action, { regionCode: RELATIONS[relation] })).toBe(allowed);
  });
});

describe('policy invariants', () => {
  it('the evaluator never sees identified data', () => {
    const identified = ACTIONS.filter((a) => a.startsWith('person.') || a.startsWith('assessment.') || a.startsWith('crisis.'));
    for (const action of identified) expect(GRANTS.evaluator).not.toContain(action);
  });

  it('the platform admin reads no health data', () => {
    for (const action of ['person.read', 'assessment.read', 'crisis.read', 'counseling.read_notes'] as const)
      expect(can(actor('platform_admin', '000000000000'), action, { regionCode: OWN })).toBe(false);
  });

  it('a country-wide assignment covers every region', () => {
    expect(can(actor('health_admin', '000000000000'), 'person.read', { regionCode: '110101001001' })).toBe(true);
  });

  it('a grid worker assigned to a grid sees the grid, not the rest of the community', () => {
    const a = actor('grid_worker', '420102001001001');
    expect(can(a, 'person.read', { regionCode: '420102001001001' })).toBe(true);
    expect(can(a, 'person.read', { regionCode: '420102001001002' })).toBe(false);
    expect(can(a, 'person.read', { regionCode: '420102001001' })).toBe(false);
  });

  it('combines assignments and collapses nested prefixes', () => {
    const a: Actor = {
      accountId: 'a',
      username: 'u',
      roles: [
        { role: 'counselor', regionCode: '420102000000' },
        { role: 'counselor', regionCode: '420102001000' },
        { role: 'counselor', regionCode: '420103000000' },
        { role: 'grid_worker', regionCode: '420104000000' },
      ],
    };
    expect(jurisdictionPrefixes(a, 'counseling.record')).toEqual(['420102', '420103']);
    expect(jurisdictionPrefixes(a, 'person.read')).toEqual(['420102', '420103', '420104']);
    expect(jurisdictionPrefixes(a, 'audit.verify')).toEqual([]);
    expect(canSomewhere(a, 'verification.record')).toBe(true);
    expect(allowedActions(a)).toContain('crisis.manage');
  });
});

describe('narrowPrefixes', () => {
  it('keeps the asked region inside a jurisdiction, the jurisdictions below it above them, nothing elsewhere', () => {
    expect(narrowPrefixes(['420102', '420103'], '420102002000')).toEqual(['420102002']);
    expect(narrowPrefixes(['420102', '420103', '4202'], '420100000000')).toEqual(['420102', '420103']);
    expect(narrowPrefixes(['420102'], '420103000000')).toEqual([]);
    expect(narrowPrefixes([''], '420102000000')).toEqual(['420102']);
    expect(narrowPrefixes([], '420102000000')).toEqual([]);
  });
});

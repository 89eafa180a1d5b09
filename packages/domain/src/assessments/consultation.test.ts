import { describe, expect, it } from 'vitest';
import { consultationReasons, pickSupervisingInstitution, turnaroundMinutes, type SupervisingCandidate } from './consultation.ts';

describe('consultationReasons', () => {
  it('lists each flag once, sorted; none without flags', () => {
    expect(consultationReasons([])).toEqual([]);
    expect(
      consultationReasons([
        { flag: 'suicide_risk_item9', action: 'crisis' },
        { flag: 'consultation_recommended', action: 'consultation' },
        { flag: 'suicide_risk_item9', action: 'crisis' },
      ]),
    ).toEqual(['consultation_recommended', 'suicide_risk_item9']);
  });
});

describe('pickSupervisingInstitution', () => {
  const community = '420102101001';
  const cityCentre: SupervisingCandidate = { id: 'b-city', type: 'mental_health_institution', regionCode: '420100000000', coverage: [] };
  const countyCentre: SupervisingCandidate = { id: 'c-county', type: 'mental_health_institution', regionCode: '420100000000', coverage: ['420102000000'] };
  const hospital: SupervisingCandidate = { id: 'a-hosp', type: 'designated_hospital', regionCode: '420102000000', coverage: [] };
  const elsewhere: SupervisingCandidate = { id: 'd-else', type: 'mental_health_institution', regionCode: '420200000000', coverage: [] };

  it('takes the most specific covering mental-health institution', () => {
    expect(pickSupervisingInstitution(community, [cityCentre, countyCentre, hospital])).toBe('c-county');
    expect(pickSupervisingInstitution(community, [cityCentre, hospital])).toBe('b-city');
  });
  it('ignores other types and other areas; undefined when nobody covers', () => {
    expect(pickSupervisingInstitution(community, [hospital, elsewhere])).toBeUndefined();
  });
  it('finds another type when asked (the primary-care institution)', () => {
    expect(pickSupervisingInstitution(community, [hospital, cityCentre], 'designated_hospital')).toBe('a-hosp');
  });
  it('breaks ties by id', () => {
    expect(pickSupervisingInstitution(community, [{ ...cityCentre, id: 'z' }, { ...cityCentre, id: 'y' }])).toBe('y');
  });
});

describe('turnaroundMinutes', () => {
  it('counts whole minutes and never goes negative', () => {
    expect(turnaroundMinutes(new Date('2026-03-02T09:00:00Z'), new Date('2026-03-02T11:30:59Z'))).toBe(150);
    expect(turnaroundMinutes(new Date('2026-03-02T09:00:00Z'), new Date('2026-03-02T08:00:00Z'))).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { routeToPrimaryCare, type RoutableInstitution } from './primary-care-routing.ts';

const COUNTY = '420102000000';
const STREET = '420102001000';
const COMMUNITY = '420102001001';
const GRID = '420102001001003';
const OTHER_COMMUNITY = '420102001002';
const OTHER_STREET_COMMUNITY = '420102002001';

const county: RoutableInstitution = { id: 'county-chc', type: 'community_health_center', coverage: [COUNTY] };
const street: RoutableInstitution = { id: 'street-chc', type: 'community_health_center', coverage: [STREET] };
const station: RoutableInstitution = { id: 'station-1', type: 'community_health_station', coverage: [COMMUNITY, OTHER_COMMUNITY] };

describe('routeToPrimaryCare', () => {
  it('prefers community over street over county coverage, whatever the list order', () => {
    for (const list of [
      [county, street, station],
      [station, street, county],
      [street, county, station],
    ]) {
      expect(routeToPrimaryCare(COMMUNITY, list)).toEqual({ routed: true, institutionId: 'station-1', coverageCode: COMMUNITY, coverageLevel: 'community' });
    }
  });

  it('falls back to the street, then to the county', () => {
    expect(routeToPrimaryCare(OTHER_STREET_COMMUNITY, [county, street, station])).toMatchObject({ institutionId: 'county-chc', coverageLevel: 'county' });
    expect(routeToPrimaryCare('420102001009', [county, street, station])).toMatchObject({ institutionId: 'street-chc', coverageLevel: 'street' });
  });

  it('routes a grid residence through its community, and a grid coverage beats the community', () => {
    expect(routeToPrimaryCare(GRID, [street, station])).toMatchObject({ institutionId: 'station-1' });
    const gridClinic: RoutableInstitution = { id: 'grid-clinic', type: 'village_clinic', coverage: [GRID] };
    expect(routeToPrimaryCare(GRID, [station, gridClinic])).toMatchObject({ institutionId: 'grid-clinic', coverageLevel: 'grid' });
    expect(routeToPrimaryCare('420102001001004', [station, gridClinic])).toMatchObject({ institutionId: 'station-1' });
  });

  it('uses an institution’s most specific matching code', () => {
    const both: RoutableInstitution = { id: 'both', type: 'township_health_center', coverage: [COUNTY, COMMUNITY] };
    expect(routeToPrimaryCare(COMMUNITY, [street, both])).toMatchObject({ institutionId: 'both', coverageCode: COMMUNITY });
  });

  it('ignores institutions that are not primary care', () => {
    const hospital: RoutableInstitution = { id: 'hospital', type: 'designated_hospital', coverage: [COMMUNITY] };
    expect(routeToPrimaryCare(COMMUNITY, [county, hospital])).toMatchObject({ institutionId: 'county-chc' });
  });

  it('sends uncovered residences to the county queue', () => {
    expect(routeToPrimaryCare('420103001001', [county, street, station])).toEqual({
      routed: false,
      reason: 'no_coverage',
      countyCode: '420103000000',
      candidateIds: [],
    });
    expect(routeToPrimaryCare(COMMUNITY, [])).toMatchObject({ routed: false, reason: 'no_coverage', countyCode: COUNTY });
  });

  it('does not pick between two institutions tied at the same level', () => {
    const rival: RoutableInstitution = { id: 'station-0', type: 'community_health_station', coverage: [COMMUNITY] };
    expect(routeToPrimaryCare(COMMUNITY, [county, station, rival])).toEqual({
      routed: false,
      reason: 'ambiguous',
      countyCode: COUNTY,
      candidateIds: ['station-0', 'station-1'],
    });
  });

  it('counts the same institution listed twice once', () => {
    expect(routeToPrimaryCare(COMMUNITY, [station, station])).toMatchObject({ routed: true, institutionId: 'station-1' });
  });

  it('skips malformed coverage codes and reports an unreadable residence', () => {
    const bad: RoutableInstitution = { id: 'bad', type: 'community_health_station', coverage: ['4201', ''] };
    expect(routeToPrimaryCare(COMMUNITY, [bad, county])).toMatchObject({ institutionId: 'county-chc' });
    expect(routeToPrimaryCare('42010200100', [county])).toEqual({ routed: false, reason: 'invalid_residence', countyCode: undefined, candidateIds: [] });
  });

  it('does not treat 4201xx as covering 4210xx', () => {
    const city: RoutableInstitution = { id: 'city', type: 'community_health_center', coverage: ['420100000000'] };
    expect(routeToPrimaryCare('421001001001', [city])).toMatchObject({ routed: false, reason: 'no_coverage', countyCode: '421001000000' });
  });
});

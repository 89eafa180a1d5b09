import { describe, expect, it } from 'vitest';
import { FIGURES_BY_ID } from './figure-catalogue.ts';
import { figureValue } from './figure-rollup.ts';
import { counselingPlanContributions, counselingSessionContributions } from './intervention-figures.ts';

describe('intervention figures on hand-made data', () => {
  const region = '420102001001';
  const rows = [
    ...counselingSessionContributions({ regionCode: region, type: 'individual', sessionDate: '2026-03-02' }),
    ...counselingSessionContributions({ regionCode: region, type: 'individual', sessionDate: '2026-03-09' }),
    ...counselingSessionContributions({ regionCode: '420102000000', type: 'group', sessionDate: '2026-03-03' }), // a group across communities: its street
    ...counselingSessionContributions({ regionCode: region, type: 'family', sessionDate: '2026-02-27' }),
    ...counselingPlanContributions({ regionCode: region, type: 'family', status: 'active', startDate: '2026-03-01', createdDay: '2026-02-28' }),
    ...counselingPlanContributions({ regionCode: region, type: 'individual', status: 'completed', startDate: '2026-03-05', createdDay: '2026-03-05' }),
    ...counselingPlanContributions({ regionCode: region, type: 'group', status: 'cancelled', startDate: '2026-03-05', createdDay: '2026-03-05' }),
    ...counselingPlanContributions({ regionCode: region, type: 'individual', status: 'paused', startDate: '2026-03-20', createdDay: '2026-03-19' }),
  ];
  const q = (regionCode: string, from = '2026-03-01', to = '2026-03-31') => ({ regionCode, from, to });
  const v = (id: string, query = q('420102000000')) => figureValue(FIGURES_BY_ID, id, rows, query);

  it('counts sessions by type and date, in the region recorded on them', () => {
    expect(v('interventions.sessions')).toBe(3);
    expect(v('interventions.sessions.individual')).toBe(2);
    expect(v('interventions.sessions.group')).toBe(1);
    expect(v('interventions.sessions.family')).toBe(0);
    expect(v('interventions.sessions.group', q(region))).toBe(0); // held for the street, not one community
  });

  it('counts plans started (not cancelled) and plans open now, by type', () => {
    expect(v('interventions.plans_started')).toBe(3);
    expect(v('interventions.plans_started.individual')).toBe(2);
    expect(v('interventions.plans_open')).toBe(2);
    expect(v('interventions.plans_open', q('420102000000', '2026-03-01', '2026-03-10'))).toBe(1);
    expect(v('interventions.plans_open.family')).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { aidRequestContributions, careVisitContributions } from './care-figures.ts';
import { FIGURES_BY_ID } from './figure-catalogue.ts';
import { figureValue } from './figure-rollup.ts';

const at = (s: string) => new Date(s);

describe('care-visit and aid-request figures on hand-made data', () => {
  const region = '420102001001';
  const rows = [
    ...careVisitContributions({ regionCode: region, visitDate: '2026-03-02', needCount: 2 }),
    ...careVisitContributions({ regionCode: region, visitDate: '2026-03-03', needCount: 0 }),
    ...careVisitContributions({ regionCode: region, visitDate: '2026-04-01', needCount: 1 }),
    ...aidRequestContributions({ regionCode: region, kind: 'aid', status: 'sent', sentAt: at('2026-03-02T10:00:00+08:00'), acceptedAt: null }),
    ...aidRequestContributions({ regionCode: region, kind: 'aid', status: 'closed', sentAt: at('2026-03-02T11:00:00+08:00'), acceptedAt: at('2026-03-03T10:00:00+08:00') }),
    ...aidRequestContributions({ regionCode: region, kind: 'aid', status: 'declined', sentAt: at('2026-03-04T10:00:00+08:00'), acceptedAt: null }),
    ...aidRequestContributions({ regionCode: region, kind: 'clinical', status: 'sent', sentAt: at('2026-03-04T10:00:00+08:00'), acceptedAt: null }), // a clinical referral: not aid
  ];
  const q = { regionCode: '420102000000', from: '2026-03-01', to: '2026-03-31' };

  it('counts visits, visits with needs, aid requests, accepted and pending ones', () => {
    expect(figureValue(FIGURES_BY_ID, 'care.visits', rows, q)).toBe(2);
    expect(figureValue(FIGURES_BY_ID, 'care.visits_with_needs', rows, q)).toBe(1);
    expect(figureValue(FIGURES_BY_ID, 'care.aid_requests', rows, q)).toBe(3);
    expect(figureValue(FIGURES_BY_ID, 'care.aid_accepted', rows, q)).toBe(1);
    expect(figureValue(FIGURES_BY_ID, 'care.aid_pending', rows, q)).toBe(1);
    expect(figureValue(FIGURES_BY_ID, 'care.aid_accepted_rate', rows, q)).toBeCloseTo(1 / 3);
  });
});

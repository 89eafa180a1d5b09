import { describe, expect, it } from 'vitest';
import { consultationContributions, type ConsultationFacts } from './consultation-figures.ts';
import { FIGURES_BY_ID } from './figure-catalogue.ts';
import { figureValue } from './figure-rollup.ts';

const at = (s: string) => new Date(s);
const c = (over: Partial<ConsultationFacts>): ConsultationFacts => ({
  regionCode: '420102001001',
  status: 'completed',
  requestedAt: at('2026-03-02T09:00:00+08:00'),
  reviewedAt: at('2026-03-03T09:00:00+08:00'),
  ...over,
});

describe('consultation figures on hand-made data', () => {
  const rows = [
    c({}), // a day: in time
    c({ reviewedAt: at('2026-03-05T09:00:00+08:00') }), // exactly 72 h: in time
    c({ reviewedAt: at('2026-03-05T09:01:00+08:00') }), // 72 h 1 min: late
    c({ status: 'pending', reviewedAt: null }), // open
    c({ requestedAt: at('2026-02-28T23:30:00+08:00'), status: 'pending', reviewedAt: null }), // February in Shanghai
    c({ requestedAt: at('2026-03-31T16:30:00Z'), reviewedAt: at('2026-04-01T10:00:00+08:00') }), // 1 April in Shanghai
  ].flatMap(consultationContributions);
  const q = (from = '2026-03-01', to = '2026-03-31') => ({ regionCode: '420102000000', from, to });

  it('counts requests by local request day, answers within 72 hours, open ones as a state', () => {
    expect(figureValue(FIGURES_BY_ID, 'consultations.requested', rows, q())).toBe(4);
    expect(figureValue(FIGURES_BY_ID, 'consultations.answered', rows, q())).toBe(3);
    expect(figureValue(FIGURES_BY_ID, 'consultations.answered_in_time', rows, q())).toBe(2);
    expect(figureValue(FIGURES_BY_ID, 'consultations.in_time_rate', rows, q())).toBeCloseTo(2 / 4);
    expect(figureValue(FIGURES_BY_ID, 'consultations.open', rows, q())).toBe(2);
    expect(figureValue(FIGURES_BY_ID, 'consultations.requested', rows, q('2026-04-01', '2026-04-30'))).toBe(1);
    expect(figureValue(FIGURES_BY_ID, 'consultations.in_time_rate', rows, q('2026-05-01', '2026-05-31'))).toBeNull();
  });
});

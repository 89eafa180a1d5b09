import { describe, expect, it } from 'vitest';
import { NEED_DEFAULT_RECIPIENT, NEED_TYPES, validateCareVisit } from './care-visit.ts';

describe('validateCareVisit', () => {
  it('accepts a visit today with distinct needs', () => {
    expect(validateCareVisit({ visitDate: '2026-03-02', needs: [{ type: 'employment' }, { type: 'housing' }] }, '2026-03-02')).toEqual([]);
  });

  it('refuses a future or malformed date', () => {
    expect(validateCareVisit({ visitDate: '2026-03-03', needs: [] }, '2026-03-02')[0]?.field).toBe('visitDate');
    expect(validateCareVisit({ visitDate: '03/01/2026', needs: [] }, '2026-03-02')[0]?.field).toBe('visitDate');
  });

  it('names the second copy of a repeated need', () => {
    const errors = validateCareVisit({ visitDate: '2026-03-01', needs: [{ type: 'housing' }, { type: 'other' }, { type: 'housing' }] }, '2026-03-02');
    expect(errors.map((e) => e.field)).toEqual(['needs[2].type']);
  });

  it('every need has a default recipient that takes part in referrals', () => {
    for (const n of NEED_TYPES) expect(['civil_affairs', 'primary_care', 'social_work', 'mental_health_institution']).toContain(NEED_DEFAULT_RECIPIENT[n]);
    expect(NEED_DEFAULT_RECIPIENT.financial_assistance).toBe('civil_affairs');
  });
});

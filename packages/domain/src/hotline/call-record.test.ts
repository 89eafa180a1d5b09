import { describe, expect, it } from 'vitest';
import { CALLER_GROUPS, filingErrors } from './call-record.ts';

const ok = {
  problems: [{ category: 'grief', subcategory: 'covid_bereavement' }],
  risk: { thoughts: 'none' as const, plan: false, means: false, timeframe: 'none' as const },
  dispositions: ['support'],
  callbackConsent: false,
  hasCallerNumber: false,
};

describe('filing a call record', () => {
  it('accepts a complete record', () => {
    expect(filingErrors(ok)).toEqual([]);
  });
  it('names each missing part', () => {
    expect(filingErrors({ ...ok, problems: [], risk: null, dispositions: [] }).map((e) => e.field)).toEqual(['problems', 'risk', 'dispositions']);
    expect(filingErrors({ ...ok, problems: [{ category: 'grief', subcategory: 'exam_stress' }] })[0]?.field).toBe('problems[0]');
  });
  it('needs consent and a number for a callback', () => {
    expect(filingErrors({ ...ok, dispositions: ['callback'] })[0]?.field).toBe('callerNumber');
    expect(filingErrors({ ...ok, dispositions: ['callback'], callbackConsent: true, hasCallerNumber: true })).toEqual([]);
  });
  it('offers the seed populations as caller groups', () => {
    expect(CALLER_GROUPS).toContain('recovered_patient');
    expect(CALLER_GROUPS).toContain('general_public');
  });
});

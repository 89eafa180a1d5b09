import { describe, expect, it } from 'vitest';
import { ageOn, checkConsent, guardianRequired, validateConsent, type ConsentDraft, type ConsentState } from './consent.ts';

const base: ConsentDraft = { purpose: 'assessment', textVersion: 'v1.0', method: 'signed_paper', givenBy: 'self', givenOn: '2026-03-02' };
const adult = { birthDate: '1980-05-17' };

describe('ageOn', () => {
  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('2012-03-02', '2026-03-01')).toBe(13);
    expect(ageOn('2012-03-02', '2026-03-02')).toBe(14);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });
  it('needs a guardian up to the day before the 14th birthday', () => {
    expect(guardianRequired('2012-03-03', '2026-03-02')).toBe(true);
    expect(guardianRequired('2012-03-02', '2026-03-02')).toBe(false);
  });
});

describe('validateConsent', () => {
  it('accepts an adult’s signed consent', () => {
    expect(validateConsent(base, adult, '2026-03-02')).toEqual([]);
  });
  it('refuses a minor’s own consent, naming givenBy', () => {
    const errors = validateConsent(base, { birthDate: '2013-01-01' }, '2026-03-02');
    expect(errors.map((e) => e.field)).toEqual(['givenBy']);
  });
  it('accepts a guardian for a minor, and requires name and relation', () => {
    const minor = { birthDate: '2013-01-01' };
    expect(validateConsent({ ...base, givenBy: 'guardian', guardianName: '王芳', guardianRelation: 'parent' }, minor, '2026-03-02')).toEqual([]);
    expect(validateConsent({ ...base, givenBy: 'guardian' }, minor, '2026-03-02').map((e) => e.field)).toEqual(['guardianName', 'guardianRelation']);
  });
  it('requires a witness for verbal consent and refuses future dates, dates before birth and bad versions', () => {
    expect(validateConsent({ ...base, method: 'witnessed_verbal' }, adult, '2026-03-02').map((e) => e.field)).toEqual(['witnessName']);
    expect(validateConsent({ ...base, givenOn: '2026-03-03' }, adult, '2026-03-02')[0]?.code).toBe('future_date');
    expect(validateConsent({ ...base, givenOn: '1970-01-01' }, adult, '2026-03-02')[0]?.code).toBe('before_birth');
    expect(validateConsent({ ...base, textVersion: 'v 1' }, adult, '2026-03-02')[0]?.field).toBe('textVersion');
    expect(validateConsent({ ...base, guardianName: 'x' }, adult, '2026-03-02')[0]?.field).toBe('guardianName');
  });
});

describe('checkConsent', () => {
  const at = new Date('2026-03-02T10:00:00+08:00');
  const given: ConsentState = { purpose: 'assessment', givenBy: 'self', givenAt: new Date('2026-03-01T10:00:00+08:00'), withdrawnAt: null };
  it('is valid with a live consent for the purpose', () => {
    expect(checkConsent([given], 'assessment', adult, at, '2026-03-02')).toEqual({ valid: true });
  });
  it('is invalid without one, for another purpose, or when given later', () => {
    expect(checkConsent([], 'assessment', adult, at, '2026-03-02')).toEqual({ valid: false, reason: 'none' });
    expect(checkConsent([{ ...given, purpose: 'followup' }], 'assessment', adult, at, '2026-03-02')).toEqual({ valid: false, reason: 'none' });
    expect(checkConsent([{ ...given, givenAt: new Date('2026-03-03T00:00:00+08:00') }], 'assessment', adult, at, '2026-03-02').valid).toBe(false);
  });
  it('is invalid after withdrawal, and valid before it', () => {
    const withdrawn = { ...given, withdrawnAt: new Date('2026-03-02T09:00:00+08:00') };
    expect(checkConsent([withdrawn], 'assessment', adult, at, '2026-03-02')).toEqual({ valid: false, reason: 'withdrawn' });
    expect(checkConsent([withdrawn], 'assessment', adult, new Date('2026-03-02T08:00:00+08:00'), '2026-03-02')).toEqual({ valid: true });
    expect(checkConsent([withdrawn, given], 'assessment', adult, at, '2026-03-02')).toEqual({ valid: true });
  });
  it('needs a guardian’s consent while the person is under 14', () => {
    const minor = { birthDate: '2013-01-01' };
    expect(checkConsent([given], 'assessment', minor, at, '2026-03-02')).toEqual({ valid: false, reason: 'guardian_required' });
    expect(checkConsent([{ ...given, givenBy: 'guardian' }], 'assessment', minor, at, '2026-03-02')).toEqual({ valid: true });
  });
});

import { describe, expect, it } from 'vitest';
import {
  familyDoctorContractState,
  familyDoctorContractStatus,
  needsContractTask,
  validateFamilyDoctorAgreement,
  type FamilyDoctorAgreement,
} from './family-doctor-contract.ts';

const yearly = (signedOn: string, extra: Partial<FamilyDoctorAgreement> = {}): FamilyDoctorAgreement => ({
  doctor: 'dr-li',
  signedOn,
  termMonths: 12,
  ...extra,
});

describe('contract status', () => {
  it('is none without agreements, or when the only one starts later', () => {
    expect(familyDoctorContractState([], '2024-06-15')).toEqual({ status: 'none' });
    expect(familyDoctorContractStatus([yearly('2024-06-16')], '2024-06-15')).toBe('none');
  });

  it('is signed from the signing day through the day before the anniversary', () => {
    const a = yearly('2024-03-01');
    expect(familyDoctorContractState([a], '2024-03-01')).toEqual({ status: 'signed', agreement: a, validThrough: '2025-02-28' });
    expect(familyDoctorContractStatus([a], '2025-02-28')).toBe('signed');
    expect(familyDoctorContractState([a], '2025-03-01')).toEqual({ status: 'expired', lastValidThrough: '2025-02-28' });
  });

  it('clamps a term that starts at the end of a month', () => {
    expect(familyDoctorContractState([{ doctor: 'd', signedOn: '2024-01-31', termMonths: 1 }], '2024-02-01')).toMatchObject({ validThrough: '2024-02-28' });
  });

  it('ends early on termination', () => {
    const a = yearly('2024-01-01', { terminatedOn: '2024-04-01' });
    expect(familyDoctorContractStatus([a], '2024-03-31')).toBe('signed');
    expect(familyDoctorContractState([a], '2024-04-01')).toEqual({ status: 'expired', lastValidThrough: '2024-03-31' });
    // A termination after the natural end changes nothing.
    expect(familyDoctorContractState([yearly('2024-01-01', { terminatedOn: '2026-01-01' })], '2024-12-31')).toMatchObject({ validThrough: '2024-12-31' });
  });

  it('a renewal makes an expired contract signed again; the longest-running one wins', () => {
    const old = yearly('2022-01-01');
    const renewed = yearly('2023-06-01', { doctor: 'dr-wang', termMonths: 24 });
    expect(familyDoctorContractState([old, renewed], '2024-06-15')).toMatchObject({ status: 'signed', agreement: renewed, validThrough: '2025-05-31' });
    expect(familyDoctorContractState([yearly('2024-01-01'), renewed], '2024-06-15')).toMatchObject({ agreement: renewed });
    expect(familyDoctorContractState([old, yearly('2021-01-01')], '2024-06-15')).toEqual({ status: 'expired', lastValidThrough: '2022-12-31' });
  });

  it('ignores invalid agreements rather than guessing', () => {
    expect(familyDoctorContractStatus([yearly('2024-01-01', { termMonths: 0 })], '2024-06-15')).toBe('none');
    expect(familyDoctorContractStatus([yearly('2024-02-30')], '2024-06-15')).toBe('none');
  });
});

describe('validateFamilyDoctorAgreement', () => {
  it.each([
    [{ doctor: ' ' }, 'doctor:required'],
    [{ signedOn: '2024/01/01' }, 'signedOn:invalid_date'],
    [{ termMonths: 0 }, 'termMonths:invalid_value'],
    [{ termMonths: 6.5 }, 'termMonths:invalid_value'],
    [{ termMonths: 121 }, 'termMonths:invalid_value'],
    [{ terminatedOn: '2023-12-31' }, 'terminatedOn:invalid_value'],
    [{ terminatedOn: '2024-02-31' }, 'terminatedOn:invalid_date'],
  ])('%j → %s', (patch, expected) => {
    expect(validateFamilyDoctorAgreement(yearly('2024-01-01', patch)).map((e) => `${e.field}:${e.code}`)).toEqual([expected]);
  });

  it('accepts a valid agreement, including one terminated on its first day', () => {
    expect(validateFamilyDoctorAgreement(yearly('2024-01-01', { terminatedOn: '2024-01-01', termMonths: 120 }))).toEqual([]);
  });
});

describe('needsContractTask', () => {
  it('asks for a contract when there is none or it has expired', () => {
    expect(needsContractTask([], '2024-06-15')).toBe(true);
    expect(needsContractTask([yearly('2022-01-01')], '2024-06-15')).toBe(true);
    expect(needsContractTask([yearly('2024-01-01')], '2024-06-15')).toBe(false);
  });

  it('with a renewal window, asks when the contract lapses within it', () => {
    const a = yearly('2024-01-01'); // valid through 2024-12-31
    expect(needsContractTask([a], '2024-12-01', { renewalWindowDays: 30 })).toBe(false);
    expect(needsContractTask([a], '2024-12-02', { renewalWindowDays: 30 })).toBe(true);
    expect(needsContractTask([a], '2024-12-31')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { needsFamilyDoctorContract, type ContractTaskSubject } from './contract-task.ts';

const ON = '2026-03-02';
const recovered = (over: Partial<ContractTaskSubject> = {}): ContractTaskSubject => ({
  verificationStatus: 'verified',
  mergedInto: null,
  categories: [{ category: 'recovered_patient', validFrom: '2020-03-01', validTo: null }],
  ...over,
});

describe('needsFamilyDoctorContract', () => {
  it('asks for a contract for a recovered patient with none, or with one that has lapsed', () => {
    expect(needsFamilyDoctorContract(recovered(), [], ON)).toBe(true);
    expect(needsFamilyDoctorContract(recovered(), [{ doctor: 'd', signedOn: '2025-03-02', termMonths: 12 }], ON)).toBe(true);
    expect(needsFamilyDoctorContract(recovered({ verificationStatus: 'pending' }), [], ON)).toBe(true);
  });

  it('not while an agreement is in force (its last day included)', () => {
    expect(needsFamilyDoctorContract(recovered(), [{ doctor: 'd', signedOn: '2025-03-03', termMonths: 12 }], ON)).toBe(false);
  });

  it('not for other categories, ended memberships, or people who are gone, moved, unfindable or merged', () => {
    expect(needsFamilyDoctorContract(recovered({ categories: [{ category: 'student', validFrom: '2020-01-01', validTo: null }] }), [], ON)).toBe(false);
    expect(needsFamilyDoctorContract(recovered({ categories: [{ category: 'recovered_patient', validFrom: '2020-03-01', validTo: '2026-03-01' }] }), [], ON)).toBe(false);
    expect(needsFamilyDoctorContract(recovered({ categories: [{ category: 'recovered_patient', validFrom: '2026-03-03', validTo: null }] }), [], ON)).toBe(false);
    for (const status of ['deceased', 'moved', 'not_found']) expect(needsFamilyDoctorContract(recovered({ verificationStatus: status }), [], ON)).toBe(false);
    expect(needsFamilyDoctorContract(recovered({ mergedInto: 'other' }), [], ON)).toBe(false);
  });
});

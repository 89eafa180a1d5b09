/**
 * Who should be offered a family-doctor agreement (家庭医生签约): recovered patients without one in
 * force (综发〔2020〕224号: "对未纳入家庭医生签约服务的治愈患者，及时安排家庭医生…签订服务协议"),
 * as long as they still live in the jurisdiction — not deceased, not moved away, not unfindable.
 */
import { needsContractTask, type FamilyDoctorAgreement } from './family-doctor-contract.ts';
import type { IsoDate } from './iso-date.ts';
import type { VerificationStatus } from './verification.ts';

export const CONTRACT_TASK_CATEGORIES = ['recovered_patient'] as const;

/** Statuses in which nobody can sign for the person here. */
export const CONTRACT_TASK_EXCLUDED_STATUSES = ['deceased', 'moved', 'not_found'] as const satisfies readonly VerificationStatus[];

export interface ContractTaskSubject {
  verificationStatus: VerificationStatus | string;
  mergedInto: string | null;
  categories: ReadonlyArray<{ category: string; validFrom: IsoDate; validTo: IsoDate | null }>;
}

export function needsFamilyDoctorContract(p: ContractTaskSubject, agreements: readonly FamilyDoctorAgreement[], on: IsoDate): boolean {
  if (p.mergedInto !== null) return false;
  if ((CONTRACT_TASK_EXCLUDED_STATUSES as readonly string[]).includes(p.verificationStatus)) return false;
  const eligible = p.categories.some(
    (c) => (CONTRACT_TASK_CATEGORIES as readonly string[]).includes(c.category) && c.validFrom <= on && (c.validTo === null || c.validTo >= on),
  );
  return eligible && needsContractTask(agreements, on);
}

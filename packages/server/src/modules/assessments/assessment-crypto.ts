/** Additional authenticated data of each encrypted column this module writes (registered in privacy/encrypted-columns.ts). */
export const ASSESSMENT_CONTEXT = {
  guardianName: 'consents.guardian_name',
  witnessName: 'consents.witness_name',
  withdrawalReason: 'consents.withdrawal_reason',
  amendmentReason: 'assessments.amendment_reason',
  opinion: 'consultations.opinion',
} as const;

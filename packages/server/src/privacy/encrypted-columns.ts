/**
 * Every column that holds field-encrypted values. `anxin keys rotate` walks this list; a module that
 * adds an encrypted column registers it here. `context` is the additional authenticated data the
 * value was encrypted with (see FieldCipher).
 */
export interface EncryptedColumn {
  table: string;
  idColumn: string;
  column: string;
  context: string;
}

export const ENCRYPTED_COLUMNS: EncryptedColumn[] = [
  { table: 'persons', idColumn: 'id', column: 'national_id_enc', context: 'persons.national_id' },
  { table: 'persons', idColumn: 'id', column: 'phone_enc', context: 'persons.phone' },
  { table: 'persons', idColumn: 'id', column: 'address_enc', context: 'persons.address' },
  { table: 'hospital_episodes', idColumn: 'id', column: 'treatment_summary_enc', context: 'hospital_episodes.treatment_summary' },
  { table: 'hospital_episodes', idColumn: 'id', column: 'psych_medications_enc', context: 'hospital_episodes.psych_medications' },
  { table: 'hospital_episodes', idColumn: 'id', column: 'primary_care_notes_enc', context: 'hospital_episodes.primary_care_notes' },
  { table: 'crisis_reports', idColumn: 'id', column: 'description_enc', context: 'crisis_reports.description' },
  { table: 'crisis_reports', idColumn: 'id', column: 'location_enc', context: 'crisis_reports.location' },
  { table: 'crisis_reports', idColumn: 'id', column: 'subject_enc', context: 'crisis_reports.subject' },
  { table: 'crisis_triages', idColumn: 'id', column: 'notes_enc', context: 'crisis_triages.notes' },
  { table: 'crisis_safety_plans', idColumn: 'id', column: 'content_enc', context: 'crisis_safety_plans.content' },
  { table: 'crisis_contacts', idColumn: 'id', column: 'notes_enc', context: 'crisis_contacts.notes' },
  { table: 'crisis_admissions', idColumn: 'id', column: 'discharge_notes_enc', context: 'crisis_admissions.discharge_notes' },
  { table: 'crisis_transitions', idColumn: 'id', column: 'review_enc', context: 'crisis_transitions.review' },
  { table: 'crisis_key_persons', idColumn: 'id', column: 'contact_phone_enc', context: 'crisis_key_persons.contact_phone' },
  { table: 'person_household', idColumn: 'id', column: 'name_enc', context: 'person_household.name' },
  { table: 'followup_records', idColumn: 'id', column: 'notes_enc', context: 'followup_records.notes' },
  { table: 'followup_records', idColumn: 'id', column: 'next_date_reason_enc', context: 'followup_records.next_date_reason' },
  { table: 'account_sms', idColumn: 'account_id', column: 'phone_enc', context: 'account_sms.phone' },
  { table: 'consents', idColumn: 'id', column: 'guardian_name_enc', context: 'consents.guardian_name' },
  { table: 'consents', idColumn: 'id', column: 'witness_name_enc', context: 'consents.witness_name' },
  { table: 'consents', idColumn: 'id', column: 'withdrawal_reason_enc', context: 'consents.withdrawal_reason' },
  { table: 'assessments', idColumn: 'id', column: 'amendment_reason_enc', context: 'assessments.amendment_reason' },
  { table: 'consultations', idColumn: 'id', column: 'opinion_enc', context: 'consultations.opinion' },
  { table: 'counseling_plans', idColumn: 'id', column: 'goals_enc', context: 'counseling_plans.goals' },
  { table: 'counseling_sessions', idColumn: 'id', column: 'goals_enc', context: 'counseling_sessions.goals' },
  { table: 'counseling_sessions', idColumn: 'id', column: 'outcome_enc', context: 'counseling_sessions.outcome' },
  { table: 'counseling_sessions', idColumn: 'id', column: 'notes_enc', context: 'counseling_sessions.notes' },
  { table: 'care_visits', idColumn: 'id', column: 'notes_enc', context: 'care_visits.notes' },
  { table: 'referrals', idColumn: 'id', column: 'reason_enc', context: 'referrals.reason' },
  { table: 'referrals', idColumn: 'id', column: 'decline_reason_enc', context: 'referrals.decline_reason' },
  { table: 'referrals', idColumn: 'id', column: 'advice_enc', context: 'referrals.advice' },
  { table: 'hotline_lines', idColumn: 'id', column: 'webhook_secret_enc', context: 'hotline_lines.webhook_secret' },
  { table: 'hotline_calls', idColumn: 'id', column: 'notes_enc', context: 'hotline_calls.notes' },
  { table: 'hotline_calls', idColumn: 'id', column: 'caller_number_enc', context: 'hotline_calls.caller_number' },
];

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
];

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

export const ENCRYPTED_COLUMNS: EncryptedColumn[] = [];

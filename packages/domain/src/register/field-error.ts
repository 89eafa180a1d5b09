/**
 * Stable codes for field-level validation failures. The UI translates the code; `message` is English
 * for logs and API clients.
 */
export const FIELD_ERROR_CODES = [
  'required',
  'too_long',
  'invalid_value',
  'invalid_format',
  'invalid_checksum',
  'invalid_date',
  'future_date',
  'before_birth',
  'before_admission',
  'mismatch_national_id',
  'invalid_region_level',
  'unknown_category',
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

export interface FieldError {
  /** Property path in the input, e.g. `birthDate` or `household[1].relation`. */
  field: string;
  code: FieldErrorCode;
  message: string;
}

export const fieldError = (field: string, code: FieldErrorCode, message: string): FieldError => ({ field, code, message });

import type { FieldCipher } from '../../privacy/field-cipher.ts';

/** Encryption contexts of the hotline's encrypted columns (registered in privacy/encrypted-columns.ts). */
export const HOTLINE_CONTEXT = {
  webhookSecret: 'hotline_lines.webhook_secret',
  notes: 'hotline_calls.notes',
  callerNumber: 'hotline_calls.caller_number',
} as const;

/** Digits only, without a +86 / 0086 country prefix, so one caller gets one token however the CTI writes it. */
export function normaliseCallerNumber(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  return digits.replace(/^(0086|86)(?=1\d{10}$)/, '');
}

/** Keyed hash of a caller number for repeat-caller recognition; the number is never stored in clear. */
export function callerIndex(cipher: FieldCipher, raw: string): string | null {
  const n = normaliseCallerNumber(raw);
  return n.length >= 3 ? cipher.blindIndex(n, 'hotline.caller') : null;
}

const roleList = (roles: readonly { role: string }[]): string | null => roles.map((r) => r.role).join(',') || null;
export { roleList };

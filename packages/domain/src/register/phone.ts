import { toHalfWidth } from './half-width.ts';

const MOBILE = /^1[3-9]\d{9}$/;
/** 0 + 2–3 digit area code (010, 021, 0571…) + 7–8 digit number, with or without a hyphen. */
const LANDLINE = /^0[1-9]\d{1,2}-?\d{7,8}$/;

/** Strips the +86 / 0086 / 86 country prefix that only mobile numbers carry in practice. */
function stripCountryCode(digits: string): string {
  if (digits.startsWith('0086') && digits.length === 15) return digits.slice(4);
  if (digits.startsWith('86') && digits.length === 13) return digits.slice(2);
  return digits;
}

/**
 * A China mobile (1[3-9] + 9 digits, optionally +86 and spaces/hyphens between groups) or a
 * landline with its area code (010-12345678, 0571-8765432).
 */
export function isValidChinaPhone(raw: string): boolean {
  const text = toHalfWidth(raw).trim().replace(/\s+/g, '');
  if (LANDLINE.test(text)) return true;
  // A leading + is an international number; only +86 can be a China mobile.
  if (text.startsWith('+') && !text.startsWith('+86')) return false;
  const withoutPlus = text.startsWith('+') ? text.slice(1) : text;
  if (!/^[\d-]+$/.test(withoutPlus)) return false;
  return MOBILE.test(stripCountryCode(withoutPlus.replace(/-/g, '')));
}

/** Digits only, without the China country code: the form used to compare phones across sources. */
export function normalizePhoneDigits(raw: string): string {
  return stripCountryCode(toHalfWidth(raw).replace(/\D/g, ''));
}

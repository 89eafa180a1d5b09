/**
 * Resident identity numbers (公民身份号码, GB 11643-1999): 6-digit address code, 8-digit birth date,
 * 3-digit sequence (odd = male) and an ISO 7064 MOD 11-2 check character. The address code is not
 * checked against a division list: codes of abolished divisions stay valid in issued numbers.
 */
import { toHalfWidth } from './half-width.ts';
import { formatIsoDate, isIsoDate, isValidCalendarDate, type IsoDate } from './iso-date.ts';
import type { Sex } from './sex.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Index = S mod 11. */
const CHECK_CHARS = '10X98765432';

/** Before this year no living person was born; such a "date" is a typo, not a birth date. */
const EARLIEST_BIRTH_YEAR = 1800;

export const NATIONAL_ID_FAILURES = ['format', 'checksum', 'birth_date_invalid', 'birth_date_future'] as const;
export type NationalIdFailure = (typeof NATIONAL_ID_FAILURES)[number];

export type NationalIdResult =
  | { ok: true; id: string; birthDate: IsoDate; sex: Sex; regionCode6: string }
  | { ok: false; reason: NationalIdFailure };

/** The check character for a 17-digit body. */
export function nationalIdCheckChar(body17: string): string {
  if (!/^\d{17}$/.test(body17)) throw new Error('the body of an ID number is 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

/**
 * GB 11643-1989 numbers (15 digits, 2-digit year, no check character) become 18 digits by inserting
 * the century '19' — the old form was withdrawn before anyone born in 2000 was issued one.
 */
export function convertNationalId15To18(id15: string): string {
  if (!/^\d{15}$/.test(id15)) throw new Error('a 15-digit ID number is 15 digits');
  const body = id15.slice(0, 6) + '19' + id15.slice(6);
  return body + nationalIdCheckChar(body);
}

/**
 * The canonical 18-character form with no date or checksum check: trimmed, full-width to ASCII,
 * 'x' to 'X', 15 digits converted. Undefined when the shape is wrong. Use for matching, not validation.
 */
export function canonicalNationalId(raw: string): string | undefined {
  const text = toHalfWidth(raw).trim().toUpperCase();
  if (/^\d{17}[\dX]$/.test(text)) return text;
  if (/^\d{15}$/.test(text)) return convertNationalId15To18(text);
  return undefined;
}

/** Validates a 15- or 18-character ID number and reads its parts. `today` bounds the birth date. */
export function parseNationalId(raw: string, today: IsoDate): NationalIdResult {
  const text = toHalfWidth(raw).trim().toUpperCase();
  const is18 = /^\d{17}[\dX]$/.test(text);
  if (!is18 && !/^\d{15}$/.test(text)) return { ok: false, reason: 'format' };
  const id = is18 ? text : convertNationalId15To18(text);
  if (is18 && nationalIdCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, reason: 'checksum' };

  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (year < EARLIEST_BIRTH_YEAR || !isValidCalendarDate(year, month, day)) return { ok: false, reason: 'birth_date_invalid' };
  const birthDate = formatIsoDate(year, month, day);
  if (birthDate > today) return { ok: false, reason: 'birth_date_future' };

  return {
    ok: true,
    id,
    birthDate,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    regionCode6: id.slice(0, 6),
  };
}

export function isValidNationalId(raw: string, today: IsoDate): boolean {
  return parseNationalId(raw, today).ok;
}

/**
 * Builds a valid 18-digit number. `sequence` (0–499) is the n-th person of that sex registered
 * in that county on that day; the sex digit is folded in, so each (region, date, sex) has 500 numbers.
 */
export function makeNationalId(regionCode6: string, birthDate: IsoDate, sequence: number, sex: Sex): string {
  if (!/^\d{6}$/.test(regionCode6)) throw new Error('region code must be 6 digits');
  if (!isIsoDate(birthDate) || Number(birthDate.slice(0, 4)) < EARLIEST_BIRTH_YEAR) throw new Error(`bad birth date: ${birthDate}`);
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 499) throw new Error('sequence must be 0–499');
  const seq3 = String(sequence * 2 + (sex === 'male' ? 1 : 0)).padStart(3, '0');
  const body = regionCode6 + birthDate.replace(/-/g, '') + seq3;
  return body + nationalIdCheckChar(body);
}

/**
 * Finding possible duplicates among people without a national ID. Records are grouped by blocking
 * keys, and only records sharing a key are compared in detail (by a person, not automatically).
 * Each key combines two of name, birth date and phone, so a typo in any one field still meets.
 */
import { toHalfWidth } from './half-width.ts';
import { canonicalNationalId } from './national-id.ts';
import { normalizePhoneDigits } from './phone.ts';

/** Interpuncts in transliterated names (买买提·艾力) are typed as any of these. */
const INTERPUNCTS = /[·•‧・･]/g;

/** Full-width to half-width, no whitespace, one interpunct, Latin letters lower-cased. */
export function normalizePersonName(name: string): string {
  return toHalfWidth(name).replace(/\s+/g, '').replace(INTERPUNCTS, '·').toLowerCase();
}

export interface DuplicateKeyInput {
  name: string;
  birthDate?: string;
  phone?: string;
}

/**
 * Blocking keys: `nb:` name+birth date, `np:` name+phone, `bp:` birth date+phone. A key is made only
 * when both its parts are present, so a record with just a name has none.
 */
export function duplicateCandidateKeys(input: DuplicateKeyInput): string[] {
  const name = normalizePersonName(input.name);
  const birth = input.birthDate?.trim() ?? '';
  const phone = input.phone === undefined ? '' : normalizePhoneDigits(input.phone);
  const keys: string[] = [];
  if (name && birth) keys.push(`nb:${name}|${birth}`);
  if (name && phone) keys.push(`np:${name}|${phone}`);
  if (birth && phone) keys.push(`bp:${birth}|${phone}`);
  return keys;
}

/**
 * Same person when both IDs read as the same 18-character number after normalization (trim, case,
 * full-width, 15→18). Malformed or missing IDs never match, not even each other.
 */
export function isSamePersonById(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const ca = canonicalNationalId(a);
  return ca !== undefined && ca === canonicalNationalId(b);
}

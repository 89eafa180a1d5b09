/**
 * Blocking keys as the server stores them. The phone part is an opaque token (the phone's blind index)
 * rather than the digits, so the key table holds no clear phone number; the name is normalized as in
 * duplicate-candidates.ts, so 张三 and ＺＨＡＮＧ variants, spaces and interpuncts meet.
 */
import { normalizePersonName } from './duplicate-candidates.ts';

export interface BlockingInput {
  name: string;
  birthDate?: string | null;
  /** A deterministic token of the phone number (its blind index); absent when there is no phone. */
  phoneToken?: string | null;
}

/**
 * Characters of the phone token a key keeps: 11 base64url characters (66 bits) still single out a phone
 * among any register's, and the key index (three entries per person, inserted at random places) stays
 * less than half the size it is with the whole 43-character blind index. A prefix collision would only
 * put one more pair in front of a reviewer.
 */
export const PHONE_TOKEN_CHARS = 11;

export function duplicateBlockingKeys(input: BlockingInput): string[] {
  const name = normalizePersonName(input.name);
  const birth = input.birthDate?.trim() ?? '';
  const phone = (input.phoneToken?.trim() ?? '').slice(0, PHONE_TOKEN_CHARS);
  const keys: string[] = [];
  if (name && birth) keys.push(`nb:${name}|${birth}`);
  if (name && phone) keys.push(`np:${name}|${phone}`);
  if (birth && phone) keys.push(`bp:${birth}|${phone}`);
  return keys;
}

/**
 * Whether two records sharing a key go to the review queue. Two records that both carry a national ID
 * never do: equal IDs are the same person already (the register keeps one record per ID) and different
 * IDs are different people. Merged-away records are never candidates.
 */
export function isReviewableDuplicatePair(
  a: { id: string; hasNationalId: boolean; mergedInto: string | null },
  b: { id: string; hasNationalId: boolean; mergedInto: string | null },
): boolean {
  if (a.id === b.id) return false;
  if (a.mergedInto !== null || b.mergedInto !== null) return false;
  return !(a.hasNationalId && b.hasNationalId);
}

/** The stored order of a pair: the smaller id first, so each pair is queued once. */
export function orderedPair(x: string, y: string): [string, string] {
  return x < y ? [x, y] : [y, x];
}

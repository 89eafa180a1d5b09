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
 * Where a record's keys are kept. Only pairs with at least one record without a national ID are ever
 * reviewed (below), so records with an ID need not be findable by every key: they keep just the
 * name + birth date key on their own row (`persons.name_birth_key`), and are found by their phone
 * through the phone's blind index, which the register has anyway. Records without an ID keep all their
 * keys in the key table, where everyone looks. A merged-away record keeps none. Before this split the
 * key table held three entries for every person, written at random places: the largest index a bulk
 * import wrote, for the 98 % of records that can only ever pair with the other 2 %.
 */
export interface StoredBlockingKeys {
  /** Rows of the key table. */
  table: string[];
  /** The record's own name + birth date key, for records with a national ID. */
  nameBirthKey: string | null;
}

export function storedBlockingKeys(input: BlockingInput & { hasNationalId: boolean; mergedInto: string | null }): StoredBlockingKeys {
  if (input.mergedInto !== null) return { table: [], nameBirthKey: null };
  const keys = duplicateBlockingKeys(input);
  if (input.hasNationalId) return { table: [], nameBirthKey: keys.find((k) => k.startsWith('nb:')) ?? null };
  return { table: keys, nameBirthKey: null };
}

/** The keys two records share, in key order (what a reviewer is shown as the reason for the pair). */
export function sharedBlockingKeys(a: BlockingInput, b: BlockingInput): string[] {
  const mine = new Set(duplicateBlockingKeys(a));
  return duplicateBlockingKeys(b)
    .filter((k) => mine.has(k))
    .sort();
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

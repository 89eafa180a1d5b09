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

export function duplicateBlockingKeys(input: BlockingInput): string[] {
  const name = normalizePersonName(input.name);
  const birth = input.birthDate?.trim() ?? '';
  const phone = input.phoneToken?.trim() ?? '';
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

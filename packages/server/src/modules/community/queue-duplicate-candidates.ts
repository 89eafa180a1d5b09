import { duplicateBlockingKeys, isReviewableDuplicatePair, orderedPair, sharedBlockingKeys, storedBlockingKeys } from '@anxin/domain/register/duplicate-blocking.ts';
import type { Queryable } from '../../db/database.ts';
import { DuplicateRepository, type KeyedPerson } from './duplicate-repository.ts';

/**
 * Refreshes a person's blocking keys (name+birth date, name+phone, birth date+phone; the phone as its
 * blind index) and queues for review every other record sharing a key, unless both carry a national
 * ID (then they are the same record already, or different people). Records without an ID are found in
 * the key table; for a record without an ID, records with one are found by their name + birth date key
 * and their phone (see storedBlockingKeys). Call it inside the transaction that registers, imports or
 * corrects the person. Returns how many pairs were queued or refreshed.
 */
export async function queueDuplicateCandidates(tx: Queryable, personId: string, at?: Date): Promise<number> {
  const repo = new DuplicateRepository(tx);
  const me = await repo.blockingInput(personId);
  if (!me) return 0;
  const input = { name: me.name, birthDate: me.birthDate, phoneToken: me.phoneBidx };
  const stored = storedBlockingKeys({ ...input, hasNationalId: me.hasNationalId, mergedInto: me.mergedInto });
  await repo.replaceKeys(personId, stored);
  if (me.mergedInto !== null) return 0;
  const keys = duplicateBlockingKeys(input);
  const others: Array<KeyedPerson & { keys: string[] }> = await repo.sharing(personId, keys);
  if (!me.hasNationalId) {
    const nameBirth = keys.find((k) => k.startsWith('nb:')) ?? null;
    for (const h of await repo.withIdMatching(nameBirth === null ? [] : [nameBirth], me.phoneBidx === null ? [] : [me.phoneBidx], personId)) {
      const shared = sharedBlockingKeys(input, { name: h.name, birthDate: h.birthDate, phoneToken: h.phoneBidx });
      if (shared.length > 0) others.push({ id: h.id, hasNationalId: true, mergedInto: null, keys: shared });
    }
  }
  let queued = 0;
  for (const other of others) {
    if (!isReviewableDuplicatePair({ id: personId, hasNationalId: me.hasNationalId, mergedInto: me.mergedInto }, other)) continue;
    const [a, b] = orderedPair(personId, other.id);
    if (await repo.queue(a, b, other.keys, at ?? null)) queued++;
  }
  return queued;
}

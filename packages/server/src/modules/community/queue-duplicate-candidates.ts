import { duplicateBlockingKeys, isReviewableDuplicatePair, orderedPair } from '@anxin/domain/register/duplicate-blocking.ts';
import type { Queryable } from '../../db/database.ts';
import { DuplicateRepository } from './duplicate-repository.ts';

/**
 * Refreshes a person's blocking keys (name+birth date, name+phone, birth date+phone; the phone as its
 * blind index) and queues for review every other record sharing a key, unless both carry a national
 * ID (then they are the same record already, or different people). Call it inside the transaction
 * that registers, imports or corrects the person. Returns how many pairs were queued or refreshed.
 */
export async function queueDuplicateCandidates(tx: Queryable, personId: string, at?: Date): Promise<number> {
  const repo = new DuplicateRepository(tx);
  const me = await repo.blockingInput(personId);
  if (!me) return 0;
  const keys = me.mergedInto === null ? duplicateBlockingKeys({ name: me.name, birthDate: me.birthDate, phoneToken: me.phoneBidx }) : [];
  await repo.replaceKeys(personId, keys);
  let queued = 0;
  for (const other of await repo.sharing(personId, keys)) {
    if (!isReviewableDuplicatePair({ id: personId, hasNationalId: me.hasNationalId, mergedInto: me.mergedInto }, other)) continue;
    const [a, b] = orderedPair(personId, other.id);
    if (await repo.queue(a, b, other.keys, at ?? null)) queued++;
  }
  return queued;
}

import type { Queryable } from '../../db/database.ts';
import { notify } from '../notifications/notify.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import { resolveOwner } from './followup-common.ts';
import { FollowUpRepository } from './followup-repository.ts';

/**
 * When a person's residence changes (register verification 'moved'): every active enrolment passes to the team
 * covering the new region, and its open follow-up moves with it (same due date). Closed tasks and records keep the
 * region and owner they had, so the history stays where it happened and readable to those allowed there.
 * Call it INSIDE the transaction that changes the residence. Returns the number of enrolments moved.
 */
export async function transferEnrolments(
  tx: Queryable,
  personId: string,
  newRegionCode: string,
  options: { at?: Date; actorId?: string | null } = {},
): Promise<number> {
  const at = options.at ?? new Date();
  const repo = new FollowUpRepository(tx);
  let moved = 0;
  for (const e of await repo.activeEnrolmentsOfPerson(personId)) {
    if (e.regionCode === newRegionCode) continue;
    const owner = await resolveOwner(tx, newRegionCode, e.program, {});
    await repo.setOwner(e.id, owner, at);
    await repo.insertOwnership({ enrolmentId: e.id, ...owner, reason: 'transferred', at, by: options.actorId ?? null });
    await appendTimelineEvent(tx, {
      personId,
      occurredAt: at,
      kind: 'followup.transferred',
      refId: e.id,
      summary: { program: e.program, fromRegion: e.regionCode, toRegion: newRegionCode },
      actorId: options.actorId ?? null,
    });
    if (owner.workerId) {
      await notify(tx, {
        accountId: owner.workerId,
        kind: 'followup.transferred_in',
        params: { program: e.program },
        link: `/register/persons/${personId}`,
        dedupeKey: `followup.transferred_in:${e.id}:${at.toISOString()}`,
        at,
      });
    }
    moved++;
  }
  return moved;
}

import { AppError, ErrorCode, can } from '@anxin/domain';
import type { ToolkitItem } from '@anxin/domain/service/counseling.ts';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import { CounselingRepository } from './counseling-repository.ts';
import { auditOf, personFor, todayOf } from './service-support.ts';

export interface HandoutInput {
  personId: string;
  item: ToolkitItem;
  /** Required for 'other': what it was (an edition or title, never personal data). */
  itemLabel?: string | undefined;
  quantity?: number | undefined;
  /** Defaults to today. */
  handedOn?: string | undefined;
}

/**
 * Records a toolkit hand-out (handbook, service leaflet, other): by counseling staff (counseling.record) or
 * grassroots workers on a care visit (care_visit.record), within their jurisdiction.
 */
export async function recordToolkitHandout(ctx: AppContext, rc: RequestContext, input: HandoutInput): Promise<{ id: string }> {
  const now = ctx.clock();
  const today = todayOf(ctx);
  const handedOn = input.handedOn ?? today;
  if (handedOn > today) throw new AppError(ErrorCode.VALIDATION, 'A hand-out cannot be recorded before it happens', { field: 'body.handedOn' });
  const label = input.itemLabel?.trim() || null;
  if ((input.item === 'other') !== (label !== null)) {
    throw new AppError(ErrorCode.VALIDATION, input.item === 'other' ? 'Say what was handed out' : 'Only “other” takes a label', { field: 'body.itemLabel' });
  }
  const person = await personFor(ctx.db, input.personId, 'body.personId', handedOn);
  const action = can(rc.actor, 'counseling.record', { regionCode: person.regionCode }) ? 'counseling.record' : 'care_visit.record';
  await authorize(ctx, rc, action, { regionCode: person.regionCode, resourceType: 'person', resourceId: person.id });
  return ctx.db.transaction(async (tx) => {
    const id = await new CounselingRepository(tx).insertHandout({
      personId: person.id,
      regionCode: person.regionCode,
      item: input.item,
      itemLabel: label,
      quantity: input.quantity ?? 1,
      handedOn,
      handedBy: rc.actor.accountId,
      at: now,
    });
    await appendTimelineEvent(tx, {
      personId: person.id,
      occurredAt: now,
      kind: 'toolkit.handed_out',
      refId: id,
      summary: { item: input.item, quantity: input.quantity ?? 1, date: handedOn },
      actorId: rc.actor.accountId,
    });
    await appendAudit(tx, auditOf(rc, now, { action, resourceType: 'toolkit_handout', resourceId: id, regionCode: person.regionCode, details: { item: input.item } }));
    return { id };
  });
}

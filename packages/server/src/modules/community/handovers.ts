import { AppError, ErrorCode, can, canSomewhere, jurisdictionPrefixes, maskName, roleGrants } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import { auditActor, decodeCursor, encodeCursor, isUuid, likePatterns } from './community-support.ts';
import { HandoverRepository, type HandoverRow } from './handover-repository.ts';

type Ctx = Pick<AppContext, 'db' | 'clock'>;

export interface HandoverView {
  id: string;
  reason: string;
  status: string;
  medicationHandover: boolean;
  regionCode: string;
  toOrgId: string | null;
  toOrgName: string | null;
  createdAt: string;
  acknowledgedAt: string | null;
  dischargeDate: string | null;
  person: { id: string; name: string; sex: string; birthDate: string; regionCode: string; verificationStatus: string; movedTo: string | null };
}

function toView(rc: RequestContext, h: HandoverRow): HandoverView {
  const full = can(rc.actor, 'person.read_full', { regionCode: h.regionCode });
  return {
    id: h.id,
    reason: h.reason,
    status: h.status,
    medicationHandover: h.medicationHandover,
    regionCode: h.regionCode,
    toOrgId: h.toOrgId,
    toOrgName: h.toOrgName,
    createdAt: h.createdAt.toISOString(),
    acknowledgedAt: h.acknowledgedAt?.toISOString() ?? null,
    dischargeDate: h.dischargeDate,
    person: {
      id: h.personId,
      name: full ? h.personName : (maskName(h.personName) ?? ''),
      sex: h.personSex,
      birthDate: h.personBirthDate,
      regionCode: h.personRegionCode,
      verificationStatus: h.verificationStatus,
      movedTo: h.personMovedTo,
    },
  };
}

/**
 * The new-arrivals inbox. Always within the caller's person.read jurisdiction (by the hand-over's
 * region: the residence it was made for); staff acting for a primary-care institution see the
 * hand-overs routed to that institution, others (grid and community workers) everything in their
 * subtree. Newest first, keyset-paged.
 */
export async function listHandovers(
  ctx: Ctx,
  rc: RequestContext,
  input: { status: 'new' | 'acknowledged' | 'closed'; cursor?: string | undefined; limit: number },
): Promise<{ items: HandoverView[]; nextCursor: string | null }> {
  if (!canSomewhere(rc.actor, 'person.read')) await authorize(ctx, rc, 'person.read', { regionCode: '000000000000', resourceType: 'handover' });
  const repo = new HandoverRepository(ctx.db);
  const orgIds = await repo.primaryCareOrgs(
    rc.actor.roles.flatMap((r) => (roleGrants(r.role, 'person.read') && r.organizationId ? [r.organizationId] : [])),
  );
  const after = input.cursor === undefined ? undefined : decodeCursor(input.cursor, 2);
  if (after && !isUuid(after[1] ?? '')) throw new AppError(ErrorCode.VALIDATION, 'Invalid cursor', { field: 'query.cursor' });
  const rows = await repo.inbox({
    patterns: likePatterns(jurisdictionPrefixes(rc.actor, 'person.read')),
    ...(orgIds.length > 0 ? { orgIds } : {}),
    status: input.status,
    ...(after ? { after: { createdAt: after[0] ?? '', id: after[1] ?? '' } } : {}),
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((h) => toView(rc, h)),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.cursorAt, last.id]) : null,
  };
}

/** Marks a new arrival as seen by the receiving side (verification.record where it was handed over). */
export async function acknowledgeHandover(ctx: Ctx, rc: RequestContext, id: string): Promise<HandoverView> {
  const repo = new HandoverRepository(ctx.db);
  const h = await repo.find(id);
  if (!h) throw new AppError(ErrorCode.NOT_FOUND, 'No such hand-over');
  await authorize(ctx, rc, 'verification.record', { regionCode: h.regionCode, resourceType: 'handover', resourceId: h.id });
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    if (!(await new HandoverRepository(tx).acknowledge(h.id, rc.actor.accountId, now)))
      throw new AppError(ErrorCode.INVALID_STATE, 'This hand-over was already acknowledged');
    await appendAudit(tx, {
      ...auditActor(rc, now),
      action: 'handover.acknowledge',
      resourceType: 'handover',
      resourceId: h.id,
      regionCode: h.regionCode,
      details: { reason: h.reason, personId: h.personId },
    });
    await appendTimelineEvent(tx, {
      personId: h.personId,
      occurredAt: now,
      kind: 'handover.acknowledged',
      refId: h.id,
      summary: { reason: h.reason },
      actorId: rc.actor.accountId,
    });
  });
  const after = await repo.find(h.id);
  if (!after) throw new AppError(ErrorCode.NOT_FOUND, 'No such hand-over');
  return toView(rc, after);
}

import { AppError, ErrorCode } from '@anxin/domain';
import {
  validateCareVisit,
  type EconomicSituation,
  type NeedType,
  type NeedUrgency,
  type RecoverySituation,
} from '@anxin/domain/service/care-visit.ts';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { Queryable } from '../../db/database.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { auditOf, personFor, sealText, throwIfInvalid, todayOf } from '../counseling/service-support.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import { referralOrgIds } from '../referrals/referral-access.ts';
import { checkAddressee, writeReferral } from '../referrals/send-referral.ts';
import { CareVisitRepository, type CareVisitRecord } from './care-visit-repository.ts';
import { CARE_VISIT_CONTEXT } from './care-visit-view.ts';

export interface AidRequestInput {
  needType: NeedType;
  toOrganizationId: string;
  urgency?: NeedUrgency | undefined;
  note?: string | undefined;
}

export interface RecordCareVisitInput {
  personId: string;
  visitDate: string;
  recoverySituation: RecoverySituation;
  economicSituation: EconomicSituation;
  needs: { type: NeedType; urgency?: NeedUrgency | undefined }[];
  notes?: string | undefined;
  /** Aid requests raised on the spot, each for one of the needs found. */
  aidRequests?: AidRequestInput[] | undefined;
}

/**
 * Writes aid requests for a visit (inside the caller's transaction): each names a need found on the visit and
 * goes, as a referral of kind 'aid', from the worker's organization (or the worker, when it acts for none) to
 * civil affairs or another organization. A need already requested on this visit → ALREADY_EXISTS.
 */
export async function writeAidRequests(
  tx: Queryable,
  ctx: AppContext,
  rc: RequestContext,
  visit: Pick<CareVisitRecord, 'id' | 'personId' | 'regionCode' | 'needs'>,
  requests: AidRequestInput[],
  /** The body field of request i's property, for error messages. */
  field: (i: number, name: string) => string,
  at: Date,
): Promise<string[]> {
  const fromOrgId = referralOrgIds(rc, visit.regionCode)[0] ?? null;
  const ids: string[] = [];
  for (const [i, a] of requests.entries()) {
    const need = visit.needs.find((n) => n.type === a.needType);
    if (!need) throw new AppError(ErrorCode.VALIDATION, 'An aid request answers a need found on the visit', { field: field(i, 'needType') });
    await checkAddressee(tx, a.toOrganizationId, fromOrgId, field(i, 'toOrganizationId'));
    const id = await writeReferral(
      tx,
      ctx,
      rc,
      {
        personId: visit.personId,
        regionCode: visit.regionCode,
        kind: 'aid',
        topic: a.needType,
        urgency: a.urgency ?? need.urgency,
        fromOrgId,
        toOrgId: a.toOrganizationId,
        careVisitId: visit.id,
        reason: a.note,
      },
      at,
    );
    if (id === undefined) throw new AppError(ErrorCode.ALREADY_EXISTS, 'This need already has an aid request from this visit', { field: field(i, 'needType') });
    ids.push(id);
  }
  return ids;
}

/** Records a care visit (关爱帮扶) by a grassroots worker, with any aid requests, in one transaction. */
export async function recordCareVisit(ctx: AppContext, rc: RequestContext, input: RecordCareVisitInput): Promise<{ id: string; aidRequestIds: string[] }> {
  const now = ctx.clock();
  throwIfInvalid(validateCareVisit(input, todayOf(ctx)));
  const person = await personFor(ctx.db, input.personId, 'body.personId', input.visitDate);
  await authorize(ctx, rc, 'care_visit.record', { regionCode: person.regionCode, resourceType: 'person', resourceId: person.id });
  const needs = input.needs.map((n) => ({ type: n.type, urgency: n.urgency ?? 'routine' }));
  return ctx.db.transaction(async (tx) => {
    const id = await new CareVisitRepository(tx).insert({
      personId: person.id,
      regionCode: person.regionCode,
      visitDate: input.visitDate,
      visitorId: rc.actor.accountId,
      recoverySituation: input.recoverySituation,
      economicSituation: input.economicSituation,
      needs,
      notesEnc: sealText(ctx, input.notes, CARE_VISIT_CONTEXT.notes),
      at: now,
    });
    await appendTimelineEvent(tx, {
      personId: person.id,
      occurredAt: now,
      kind: 'care_visit.recorded',
      refId: id,
      summary: { date: input.visitDate, recovery: input.recoverySituation, economic: input.economicSituation, needs: needs.length },
      actorId: rc.actor.accountId,
    });
    await appendAudit(
      tx,
      auditOf(rc, now, {
        action: 'care_visit.record',
        resourceType: 'care_visit',
        resourceId: id,
        regionCode: person.regionCode,
        details: { needs: needs.map((n) => n.type), aidRequests: input.aidRequests?.length ?? 0 },
      }),
    );
    const aidRequestIds = await writeAidRequests(tx, ctx, rc, { id, personId: person.id, regionCode: person.regionCode, needs }, input.aidRequests ?? [], (i, name) => `body.aidRequests[${i}].${name}`, now);
    return { id, aidRequestIds };
  });
}

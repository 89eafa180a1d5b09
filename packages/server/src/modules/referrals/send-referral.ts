import { AppError, ErrorCode, ROLES, roleGrants } from '@anxin/domain';
import { isReferralOrganizationType } from '@anxin/domain/referrals/referral-state.ts';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { Queryable } from '../../db/database.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { auditOf, personFor, sealText } from '../counseling/service-support.ts';
import { notify } from '../notifications/notify.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import { REFERRAL_CONTEXT, referralOrgIds } from './referral-access.ts';
import { ReferralRepository, type ReferralKind } from './referral-repository.ts';

/** Why a person is referred (clinical two-way referral, seed 004 §15). */
export const CLINICAL_REFERRAL_TOPICS = [
  'diagnosis',
  'treatment_adjustment',
  'admission',
  'rehabilitation',
  'community_management',
  'psychological_support',
  'social_support',
  'other',
] as const;

const REFERRAL_ROLES = ROLES.filter((r) => roleGrants(r, 'referral.manage'));

export interface OutgoingReferral {
  personId: string;
  regionCode: string;
  kind: ReferralKind;
  topic: string;
  urgency: 'routine' | 'urgent';
  fromOrgId: string | null;
  toOrgId: string;
  careVisitId: string | null;
  reason: string | null | undefined;
}

/**
 * Writes a referral, its 'send' event, the person's timeline event, the audit row and the receiving
 * organization's notifications, inside the caller's transaction (used by send-referral and by care visits for
 * aid requests). Undefined when the care visit already has a request for this need.
 */
export async function writeReferral(
  tx: Queryable,
  ctx: Pick<AppContext, 'cipher'>,
  rc: RequestContext,
  r: OutgoingReferral,
  at: Date,
): Promise<string | undefined> {
  const repo = new ReferralRepository(tx);
  const id = await repo.insert({
    personId: r.personId,
    regionCode: r.regionCode,
    kind: r.kind,
    topic: r.topic,
    urgency: r.urgency,
    fromOrgId: r.fromOrgId,
    toOrgId: r.toOrgId,
    careVisitId: r.careVisitId,
    reasonEnc: sealText(ctx, r.reason, REFERRAL_CONTEXT.reason),
    sentBy: rc.actor.accountId,
    at,
  });
  if (id === undefined) return undefined;
  await repo.appendEvent({ referralId: id, event: 'send', toStatus: 'sent', at, actorId: rc.actor.accountId, organizationId: r.fromOrgId });
  await appendTimelineEvent(tx, {
    personId: r.personId,
    occurredAt: at,
    kind: r.kind === 'aid' ? 'referral.aid_requested' : 'referral.sent',
    refId: id,
    summary: { kind: r.kind, topic: r.topic, urgency: r.urgency, status: 'sent' },
    actorId: rc.actor.accountId,
  });
  await appendAudit(
    tx,
    auditOf(rc, at, {
      action: r.kind === 'aid' ? 'care_visit.record' : 'referral.manage',
      resourceType: 'referral',
      resourceId: id,
      regionCode: r.regionCode,
      details: { event: 'send', kind: r.kind, topic: r.topic, toOrg: r.toOrgId, fromOrg: r.fromOrgId },
    }),
  );
  for (const accountId of await repo.accountsActingFor(r.toOrgId, REFERRAL_ROLES)) {
    await notify(tx, {
      accountId,
      kind: r.kind === 'aid' ? 'referral.aid_received' : 'referral.received',
      params: { topic: r.topic, urgency: r.urgency },
      link: `/service/referrals?id=${id}`,
      dedupeKey: `referral:${id}:sent`,
      at,
    });
  }
  return id;
}

/** Checks the addressee: an existing organization of a referral type, not the sender itself. */
export async function checkAddressee(q: Queryable, toOrgId: string, fromOrgId: string | null, field: string): Promise<void> {
  const to = await new ReferralRepository(q).organization(toOrgId);
  if (!to) throw new AppError(ErrorCode.VALIDATION, 'No such organization', { field });
  if (!isReferralOrganizationType(to.type)) {
    throw new AppError(ErrorCode.VALIDATION, 'Referrals go to primary care, mental-health institutions, social-work organizations or civil affairs', { field });
  }
  if (toOrgId === fromOrgId) throw new AppError(ErrorCode.VALIDATION, 'An organization cannot refer to itself', { field });
}

export interface SendReferralInput {
  personId: string;
  toOrganizationId: string;
  /** Required when the caller acts for more than one organization. */
  fromOrganizationId?: string | undefined;
  topic: (typeof CLINICAL_REFERRAL_TOPICS)[number];
  urgency?: 'routine' | 'urgent' | undefined;
  reason?: string | undefined;
}

/** Sends a two-way referral from the caller's organization to another. */
export async function sendReferral(ctx: AppContext, rc: RequestContext, input: SendReferralInput): Promise<{ id: string }> {
  const now = ctx.clock();
  const person = await personFor(ctx.db, input.personId, 'body.personId');
  if (person.deceasedOn !== null) throw new AppError(ErrorCode.INVALID_STATE, 'The person is recorded as deceased', { field: 'body.personId' });
  await authorize(ctx, rc, 'referral.manage', { regionCode: person.regionCode, resourceType: 'person', resourceId: person.id });
  const mine = referralOrgIds(rc, person.regionCode);
  let fromOrgId = input.fromOrganizationId;
  if (fromOrgId === undefined) {
    if (mine.length !== 1) {
      throw new AppError(ErrorCode.VALIDATION, mine.length === 0 ? 'Your role assignment names no organization to refer from' : 'Choose the organization you refer from', {
        field: 'body.fromOrganizationId',
      });
    }
    fromOrgId = mine[0];
  } else if (!mine.includes(fromOrgId)) {
    throw new AppError(ErrorCode.FORBIDDEN, 'You do not act for this organization here', { field: 'body.fromOrganizationId' });
  }
  if (fromOrgId === undefined) throw new Error('unreachable');
  const from = fromOrgId;
  await checkAddressee(ctx.db, input.toOrganizationId, from, 'body.toOrganizationId');
  return ctx.db.transaction(async (tx) => {
    const id = await writeReferral(
      tx,
      ctx,
      rc,
      {
        personId: person.id,
        regionCode: person.regionCode,
        kind: 'clinical',
        topic: input.topic,
        urgency: input.urgency ?? 'routine',
        fromOrgId: from,
        toOrgId: input.toOrganizationId,
        careVisitId: null,
        reason: input.reason,
      },
      now,
    );
    if (id === undefined) throw new Error('a clinical referral cannot collide');
    return { id };
  });
}

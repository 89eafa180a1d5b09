import { AppError, ErrorCode, can, isWithinRegion, roleGrants } from '@anxin/domain';
import { allowedReferralEvents, type ReferralSide } from '@anxin/domain/referrals/referral-state.ts';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { nameFor, openText } from '../counseling/service-support.ts';
import type { ReferralEventRecord, ReferralRecord } from './referral-repository.ts';

export const REFERRAL_CONTEXT = {
  reason: 'referrals.reason',
  declineReason: 'referrals.decline_reason',
  advice: 'referrals.advice',
} as const;

/**
 * The organizations the caller acts for in referrals: those named on its role assignments that grant
 * referral.manage (optionally only assignments whose region contains `regionCode`).
 */
export function referralOrgIds(rc: RequestContext, regionCode?: string): string[] {
  const ids = rc.actor.roles
    .filter((a) => roleGrants(a.role, 'referral.manage') && (regionCode === undefined || isWithinRegion(regionCode, a.regionCode)))
    .map((a) => a.organizationId)
    .filter((id): id is string => typeof id === 'string');
  return [...new Set(ids)];
}

/**
 * Which sides of this referral the caller stands on. Receiver: acts for the receiving organization with
 * referral.manage over the person's region. Sender: acts for the sending organization likewise, or, for an aid
 * request raised without an organization, is the worker who raised it and may still record care visits there.
 */
export function sidesOf(rc: RequestContext, r: ReferralRecord): ReferralSide[] {
  const orgs = referralOrgIds(rc, r.regionCode);
  const sides: ReferralSide[] = [];
  if (orgs.includes(r.toOrgId)) sides.push('receiver');
  if (r.fromOrgId !== null ? orgs.includes(r.fromOrgId) : r.sentBy === rc.actor.accountId && can(rc.actor, 'care_visit.record', { regionCode: r.regionCode })) {
    sides.push('sender');
  }
  return sides;
}

/** NOT_FOUND unless the caller is a party (a referral's existence is not disclosed to others). */
export function requireParty(rc: RequestContext, r: ReferralRecord | undefined): asserts r is ReferralRecord {
  if (!r || sidesOf(rc, r).length === 0) throw new AppError(ErrorCode.NOT_FOUND, 'Referral not found');
}

export interface ReferralView {
  id: string;
  personId: string;
  personName: string;
  regionCode: string;
  regionName: string;
  kind: string;
  topic: string;
  urgency: string;
  from: { id: string; name: string; type: string } | null;
  to: { id: string; name: string; type: string };
  careVisitId: string | null;
  status: string;
  reason: string | null;
  declineReason: string | null;
  advice: string | null;
  sentByName: string;
  sentAt: string;
  acceptedAt: string | null;
  seenAt: string | null;
  returnedAt: string | null;
  closedAt: string | null;
  /** The caller's sides and the events it may take now. */
  sides: ReferralSide[];
  allowedEvents: string[];
  events?: { event: string; toStatus: string; at: string; actorName: string; organizationName: string | null }[];
}

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

export function toReferralView(ctx: Pick<AppContext, 'cipher'>, rc: RequestContext, r: ReferralRecord, events?: ReferralEventRecord[]): ReferralView {
  const sides = sidesOf(rc, r);
  return {
    id: r.id,
    personId: r.personId,
    personName: nameFor(rc, r.personName, r.regionCode),
    regionCode: r.regionCode,
    regionName: r.regionName,
    kind: r.kind,
    topic: r.topic,
    urgency: r.urgency,
    from: r.fromOrgId === null ? null : { id: r.fromOrgId, name: r.fromOrgName ?? '', type: r.fromOrgType ?? '' },
    to: { id: r.toOrgId, name: r.toOrgName, type: r.toOrgType },
    careVisitId: r.careVisitId,
    status: r.status,
    reason: openText(ctx, r.reasonEnc, REFERRAL_CONTEXT.reason),
    declineReason: openText(ctx, r.declineReasonEnc, REFERRAL_CONTEXT.declineReason),
    advice: openText(ctx, r.adviceEnc, REFERRAL_CONTEXT.advice),
    sentByName: r.sentByName,
    sentAt: r.sentAt.toISOString(),
    acceptedAt: iso(r.acceptedAt),
    seenAt: iso(r.seenAt),
    returnedAt: iso(r.returnedAt),
    closedAt: iso(r.closedAt),
    sides,
    allowedEvents: [...new Set(sides.flatMap((s) => allowedReferralEvents(r.status, s)))],
    ...(events
      ? { events: events.map((e) => ({ event: e.event, toStatus: e.toStatus, at: e.at.toISOString(), actorName: e.actorName, organizationName: e.organizationName })) }
      : {}),
  };
}

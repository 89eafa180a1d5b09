import { REFERRAL_TRANSITIONS, applyReferralEvent, type ReferralEventType } from '@anxin/domain/referrals/referral-state.ts';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { auditOf, sealText } from '../counseling/service-support.ts';
import { notify } from '../notifications/notify.ts';
import { appendTimelineEvent } from '../persons/timeline.ts';
import { REFERRAL_CONTEXT, requireParty, sidesOf, toReferralView, type ReferralView } from './referral-access.ts';
import { ReferralRepository } from './referral-repository.ts';

export interface ReferralActionInput {
  referralId: string;
  event: ReferralEventType;
  /** The decline reason, or the advice on return (回转意见); for an aid request the outcome. */
  text?: string | undefined;
}

/**
 * Moves a referral through the domain state machine. Only a party may act, and each event only by its side:
 * the receiving organization accepts, declines, records the person seen and returns it with advice; the
 * sending side closes it. Concurrent actions serialize on the row; the loser gets INVALID_STATE.
 */
export async function actOnReferral(ctx: AppContext, rc: RequestContext, input: ReferralActionInput): Promise<ReferralView> {
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const repo = new ReferralRepository(tx);
    const r = await repo.find(input.referralId, true);
    requireParty(rc, r);
    const sides = sidesOf(rc, r);
    const needed = REFERRAL_TRANSITIONS[input.event].find((t) => t.from === r.status)?.by;
    const side = needed !== undefined && sides.includes(needed) ? needed : (sides[0] ?? 'sender');
    const result = applyReferralEvent(r.status, input.event, side, input.text);
    if (!result.ok) throw result.error;
    const texts =
      input.event === 'decline'
        ? { declineReasonEnc: sealText(ctx, input.text, REFERRAL_CONTEXT.declineReason) }
        : input.event === 'return_with_advice'
          ? { adviceEnc: sealText(ctx, input.text, REFERRAL_CONTEXT.advice) }
          : {};
    await repo.transition(r.id, result.status, now, texts);
    const actingOrg = side === 'receiver' ? r.toOrgId : r.fromOrgId;
    await repo.appendEvent({ referralId: r.id, event: input.event, toStatus: result.status, at: now, actorId: rc.actor.accountId, organizationId: actingOrg });
    await appendTimelineEvent(tx, {
      personId: r.personId,
      occurredAt: now,
      kind: `referral.${input.event}`,
      refId: r.id,
      summary: { kind: r.kind, topic: r.topic, status: result.status },
      actorId: rc.actor.accountId,
    });
    await appendAudit(
      tx,
      auditOf(rc, now, {
        action: r.kind === 'aid' && side === 'sender' && r.fromOrgId === null ? 'care_visit.record' : 'referral.manage',
        resourceType: 'referral',
        resourceId: r.id,
        regionCode: r.regionCode,
        details: { event: input.event, from: r.status, to: result.status, side },
      }),
    );
    // The sender hears when the other side declines or returns the referral.
    if (input.event === 'decline' || input.event === 'return_with_advice' || input.event === 'accept') {
      await notify(tx, {
        accountId: r.sentBy,
        kind: `referral.${input.event}`,
        params: { topic: r.topic },
        link: `/service/referrals?id=${r.id}`,
        dedupeKey: `referral:${r.id}:${input.event}`,
        at: now,
      });
    }
    const updated = await repo.find(r.id);
    if (!updated) throw new Error('referral vanished');
    return toReferralView(ctx, rc, updated, await repo.events(r.id));
  });
}

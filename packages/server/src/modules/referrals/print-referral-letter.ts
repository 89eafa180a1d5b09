import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { auditOf, openText } from '../counseling/service-support.ts';
import { locateCjkFont } from './cjk-font.ts';
import { REFERRAL_CONTEXT, requireParty } from './referral-access.ts';
import { ReferralRepository } from './referral-repository.ts';
import { renderReferralLetter } from './referral-letter.ts';

const LOCAL = (d: Date, timeZone: string, withTime: boolean): string =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).format(d);

/**
 * The printable referral letter (PDF) for either party. The letter travels with the person, so it carries the
 * person's name in full (never the ID number or phone); every print is audited before the bytes leave.
 */
export async function printReferralLetter(ctx: AppContext, rc: RequestContext, input: { id: string }): Promise<{ filename: string; pdf: Buffer }> {
  const repo = new ReferralRepository(ctx.db);
  const r = await repo.find(input.id);
  requireParty(rc, r);
  const font = locateCjkFont();
  const events = await repo.events(r.id);
  const tz = ctx.config.timeZone;
  const now = ctx.clock();
  const number = r.id.slice(0, 8).toUpperCase();
  const pdf = await renderReferralLetter(
    {
      number,
      kind: r.kind,
      status: r.status,
      sentAt: LOCAL(r.sentAt, tz, false),
      urgency: r.urgency,
      fromName: r.fromOrgName ?? r.sentByName,
      fromType: r.fromOrgType,
      toName: r.toOrgName,
      toType: r.toOrgType,
      sentByName: r.sentByName,
      personName: r.personName,
      personSex: r.personSex,
      personBirthDate: r.personBirthDate,
      regionName: r.regionName,
      topic: r.topic,
      reason: openText(ctx, r.reasonEnc, REFERRAL_CONTEXT.reason),
      declineReason: openText(ctx, r.declineReasonEnc, REFERRAL_CONTEXT.declineReason),
      advice: openText(ctx, r.adviceEnc, REFERRAL_CONTEXT.advice),
      history: events.map((e) => ({ at: LOCAL(e.at, tz, true), event: e.event, actor: e.actorName, organization: e.organizationName })),
      printedAt: LOCAL(now, tz, true),
      printedBy: rc.actor.username,
    },
    font,
  );
  await ctx.db.transaction((tx) =>
    appendAudit(
      tx,
      auditOf(rc, now, { action: 'referral.manage', resourceType: 'referral', resourceId: r.id, regionCode: r.regionCode, details: { event: 'print_letter' } }),
    ),
  );
  return { filename: `referral-${number}.pdf`, pdf };
}

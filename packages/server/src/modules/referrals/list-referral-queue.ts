import { AppError, ErrorCode, jurisdictionPrefixes } from '@anxin/domain';
import { REFERRAL_STATUSES, isReferralOpen, type ReferralStatus } from '@anxin/domain/referrals/referral-state.ts';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { referralOrgIds, toReferralView, type ReferralView } from './referral-access.ts';
import { ReferralRepository, type ReferralKind } from './referral-repository.ts';

const encode = (at: Date, id: string): string => Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
function decode(cursor: string): { sentAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const sentAt = new Date(at);
    if (Number.isNaN(sentAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad');
    return { sentAt, id };
  } catch {
    throw new AppError(ErrorCode.VALIDATION, 'The cursor is not one this list gave out', { field: 'querystring.cursor' });
  }
}

/**
 * One side's queue: referrals addressed to (incoming) or sent by (outgoing) the organizations the caller acts
 * for, within the caller's referral jurisdiction. Outgoing also lists aid requests the caller raised without
 * an organization (grid workers, within their care-visit jurisdiction). Open ones by default.
 */
export async function listReferralQueue(
  ctx: AppContext,
  rc: RequestContext,
  q: { direction: 'incoming' | 'outgoing'; status?: ReferralStatus | 'open' | 'all' | undefined; kind?: ReferralKind | undefined; cursor?: string | undefined; limit: number },
): Promise<{ items: ReferralView[]; nextCursor: string | null; organizations: string[] }> {
  const orgIds = referralOrgIds(rc);
  const prefixes = [
    ...new Set([...jurisdictionPrefixes(rc.actor, 'referral.manage'), ...(q.direction === 'outgoing' ? jurisdictionPrefixes(rc.actor, 'care_visit.record') : [])]),
  ];
  if (prefixes.length === 0) throw new AppError(ErrorCode.FORBIDDEN, 'Your role does not permit this');
  const status = q.status ?? 'open';
  const statuses = status === 'open' ? REFERRAL_STATUSES.filter(isReferralOpen) : status === 'all' ? REFERRAL_STATUSES : [status];
  const rows = await new ReferralRepository(ctx.db).queue({
    direction: q.direction,
    orgIds,
    accountId: rc.actor.accountId,
    prefixes,
    statuses,
    kind: q.kind,
    after: q.cursor === undefined ? undefined : decode(q.cursor),
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => toReferralView(ctx, rc, r)),
    nextCursor: rows.length > q.limit && last ? encode(last.sentAt, last.id) : null,
    organizations: orgIds,
  };
}

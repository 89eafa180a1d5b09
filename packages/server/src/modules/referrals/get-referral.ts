import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { requireParty, toReferralView, type ReferralView } from './referral-access.ts';
import { ReferralRepository } from './referral-repository.ts';

/** One referral with its history, for either party (others get NOT_FOUND). */
export async function getReferral(ctx: AppContext, rc: RequestContext, input: { id: string }): Promise<ReferralView> {
  const repo = new ReferralRepository(ctx.db);
  const r = await repo.find(input.id);
  requireParty(rc, r);
  return toReferralView(ctx, rc, r, await repo.events(r.id));
}

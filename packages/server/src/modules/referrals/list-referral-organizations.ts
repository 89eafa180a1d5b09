import { AppError, ErrorCode, jurisdictionPrefixes } from '@anxin/domain';
import { REFERRAL_ORGANIZATION_TYPES } from '@anxin/domain/referrals/referral-state.ts';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { referralOrgIds } from './referral-access.ts';
import { ReferralRepository } from './referral-repository.ts';

/**
 * Organizations a referral or aid request can be addressed to: referral-type organizations in the cities the
 * caller works in (a county's patients are referred within the city), and the ones the caller acts for.
 */
export async function listReferralOrganizations(
  ctx: AppContext,
  rc: RequestContext,
): Promise<{ items: { id: string; type: string; name: string; regionCode: string }[]; mine: string[] }> {
  const prefixes = [...jurisdictionPrefixes(rc.actor, 'referral.manage'), ...jurisdictionPrefixes(rc.actor, 'care_visit.record')];
  if (prefixes.length === 0) throw new AppError(ErrorCode.FORBIDDEN, 'Your role does not permit this');
  const cities = [...new Set(prefixes.map((p) => p.slice(0, 4)))];
  const items = await new ReferralRepository(ctx.db).organizationsWithin(cities, REFERRAL_ORGANIZATION_TYPES);
  return { items, mine: referralOrgIds(rc) };
}

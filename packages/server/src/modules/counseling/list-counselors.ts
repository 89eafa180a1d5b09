import { ROLES, ancestorCodes, jurisdictionPrefixes, roleGrants } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { CounselingRepository } from './counseling-repository.ts';

/** Roles that may record counseling (and so may be responsible for a plan). */
const COUNSELING_ROLES = ROLES.filter((r) => roleGrants(r, 'counseling.record'));

/**
 * Who a plan can be handed to: enabled accounts with a role that records counseling, based within the caller's
 * jurisdiction or above it (a city psychiatrist serves the counties). The reassignment itself checks each plan.
 */
export async function listCounselors(ctx: AppContext, rc: RequestContext): Promise<{ items: { accountId: string; displayName: string; role: string; regionCode: string }[] }> {
  const prefixes = jurisdictionPrefixes(rc.actor, 'followup.read');
  if (prefixes.length === 0) await authorize(ctx, rc, 'followup.read', { regionCode: '000000000000' });
  const above = [...new Set(rc.actor.roles.flatMap((r) => ancestorCodes(r.regionCode)))];
  return { items: await new CounselingRepository(ctx.db).counselors(COUNSELING_ROLES, prefixes, above) };
}

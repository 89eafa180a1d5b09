import { AppError, COUNTRY_CODE, ErrorCode, canSomewhere, isRegionCode } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { RegionRepository, type Region } from './region-repository.ts';

/**
 * Region names and codes are public reference data (GB/T 2260), so any signed-in role may read any
 * region; what a region *contains* (people, cases) is scoped elsewhere.
 */
export async function getRegion(ctx: Pick<AppContext, 'db' | 'clock'>, rc: RequestContext, code: string): Promise<Region> {
  if (!isRegionCode(code)) throw new AppError(ErrorCode.VALIDATION, 'A region code has 12 digits (15 for a grid)', { field: 'code' });
  // Checked as a role permission, not a jurisdiction: a grid worker needs the names of the district above.
  if (!canSomewhere(rc.actor, 'region.read')) await authorize(ctx, rc, 'region.read', { regionCode: COUNTRY_CODE });
  const region = await new RegionRepository(ctx.db).find(code);
  if (!region) throw new AppError(ErrorCode.NOT_FOUND, `Region ${code} not found`);
  return region;
}

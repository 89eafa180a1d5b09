import { ancestorCodes } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { getRegion } from './get-region.ts';
import { RegionRepository, type Region } from './region-repository.ts';

/** Ancestors from the country down to the parent; codes come from the code itself, names from one query. */
export async function listRegionAncestors(ctx: Pick<AppContext, 'db' | 'clock'>, rc: RequestContext, code: string): Promise<Region[]> {
  await getRegion(ctx, rc, code);
  return new RegionRepository(ctx.db).findMany(ancestorCodes(code));
}

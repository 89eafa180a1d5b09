import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { getRegion } from './get-region.ts';
import { RegionRepository, type RegionNode } from './region-repository.ts';

export async function listRegionChildren(ctx: Pick<AppContext, 'db' | 'clock'>, rc: RequestContext, code: string): Promise<RegionNode[]> {
  await getRegion(ctx, rc, code);
  return new RegionRepository(ctx.db).children(code);
}

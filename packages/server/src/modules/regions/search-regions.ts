import { COUNTRY_CODE, regionPrefix } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { getRegion } from './get-region.ts';
import { RegionRepository, type RegionNode } from './region-repository.ts';

export async function searchRegions(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  rc: RequestContext,
  input: { q: string; under?: string | undefined; limit: number },
): Promise<RegionNode[]> {
  const under = input.under ?? COUNTRY_CODE;
  await getRegion(ctx, rc, under);
  return new RegionRepository(ctx.db).search(input.q.trim(), regionPrefix(under), input.limit);
}

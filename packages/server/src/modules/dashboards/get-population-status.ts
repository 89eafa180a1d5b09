import { monthsBetween, summarizePopulationStatus, type GroupStatus } from '@anxin/domain/figures/population-status.ts';
import { addMonths } from '@anxin/domain/register/iso-date.ts';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { localIsoDate } from '../persons/person-crypto.ts';
import { prefixDigits, resolvePeriod, resolveScopeRegion } from './dashboard-scope.ts';
import { PopulationRepository } from './population-repository.ts';

export interface PopulationStatus {
  region: { code: string; name: string; level: string };
  from: string;
  to: string;
  months: string[];
  groups: GroupStatus[];
}

/**
 * Severity distributions by population category and instrument per month, with groups whose positive
 * rate rose significantly in the last month flagged first. Read from the population rollup (a few
 * hundred rows per month whatever the region's size); period of at most a year, default the last six
 * calendar months.
 */
export async function getPopulationStatus(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  rc: RequestContext,
  input: { region?: string | undefined; from?: string | undefined; to?: string | undefined },
): Promise<PopulationStatus> {
  const today = localIsoDate(ctx.clock(), ctx.config.timeZone);
  const { from, to } = resolvePeriod(ctx, input.from ?? `${addMonths(today, -5).slice(0, 7)}-01`, input.to);
  const region = await resolveScopeRegion(ctx, rc, 'dashboard.read', input.region);
  const prefix = region.code.slice(0, prefixDigits(region.level));
  const months = monthsBetween(from, to);
  const rows = await new PopulationRepository(ctx.db).severityCounts(region.code, prefix, from, to);
  return { region: { code: region.code, name: region.name, level: region.level }, from, to, months, groups: summarizePopulationStatus(rows, months) };
}

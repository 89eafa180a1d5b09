import { AppError, COUNTRY_CODE, ErrorCode, isRegionCode, jurisdictionPrefixes, regionLevel, type Action, type RegionLevel } from '@anxin/domain';
import { addDays, isIsoDate } from '@anxin/domain/register/iso-date.ts';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { localIsoDate } from '../persons/person-crypto.ts';
import { RegionRepository, type Region } from '../regions/region-repository.ts';

export const MAX_RANGE_DAYS = 366;

/** Significant digits of the next level down, or undefined for a community (no child table). */
export function childDigits(level: RegionLevel): number | undefined {
  return ({ country: 2, province: 4, city: 6, county: 9, street: 12 } as Partial<Record<RegionLevel, number>>)[level];
}

export function prefixDigits(level: RegionLevel): number {
  return { country: 0, province: 2, city: 4, county: 6, street: 9, community: 12, grid: 15 }[level];
}

/**
 * The region a dashboard request is about: the one asked for (authorized, audited when denied) or the
 * top of the caller's jurisdiction for the action.
 */
export async function resolveScopeRegion(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  rc: RequestContext,
  action: Action,
  requested: string | undefined,
): Promise<Region> {
  let code = requested;
  if (code === undefined) {
    const prefixes = jurisdictionPrefixes(rc.actor, action);
    const top = prefixes[0];
    code = top === undefined || top === '' ? COUNTRY_CODE : top.padEnd(12, '0');
  } else if (!isRegionCode(code) || code.length !== 12) {
    throw new AppError(ErrorCode.VALIDATION, 'A dashboard region code has 12 digits', { field: 'query.region' });
  }
  await authorize(ctx, rc, action, { regionCode: code, resourceType: 'dashboard' });
  const region = await new RegionRepository(ctx.db).find(code);
  if (!region) throw new AppError(ErrorCode.NOT_FOUND, 'No such region', { field: 'query.region' });
  return region;
}

/** [from, to] with defaults (the last 30 days up to today) and checks; each field named on error. */
export function resolvePeriod(ctx: Pick<AppContext, 'clock' | 'config'>, from: string | undefined, to: string | undefined): { from: string; to: string } {
  const today = localIsoDate(ctx.clock(), ctx.config.timeZone);
  const end = to ?? today;
  if (!isIsoDate(end)) throw new AppError(ErrorCode.VALIDATION, 'A date is YYYY-MM-DD', { field: 'query.to' });
  const start = from ?? addDays(end, -29);
  if (!isIsoDate(start)) throw new AppError(ErrorCode.VALIDATION, 'A date is YYYY-MM-DD', { field: 'query.from' });
  if (start > end) throw new AppError(ErrorCode.VALIDATION, 'The period starts after it ends', { field: 'query.from' });
  if (addDays(start, MAX_RANGE_DAYS - 1) < end)
    throw new AppError(ErrorCode.VALIDATION, `A period has at most ${MAX_RANGE_DAYS} days`, { field: 'query.from' });
  return { from: start, to: end };
}

export { regionLevel };

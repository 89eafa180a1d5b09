import { AppError, COUNTRY_CODE, ErrorCode, canSomewhere, isRegionCode, jurisdictionPrefixes, narrowPrefixes, type Action } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from './authorize.ts';

/**
 * The region prefixes a list use case puts in its `region_code LIKE ANY (…)`: the caller's jurisdiction
 * for the action, narrowed to the region the list was asked for. A caller who may never take the action,
 * or asks for a region outside their jurisdiction, is refused (and the refusal audited) by `authorize`.
 * `field` names the request field holding the region, for the 400 on a malformed code.
 */
export async function scopedPrefixes(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  rc: RequestContext,
  action: Action,
  options: { region?: string | undefined; field: string; resourceType: string },
): Promise<string[]> {
  if (!canSomewhere(rc.actor, action)) await authorize(ctx, rc, action, { regionCode: COUNTRY_CODE, resourceType: options.resourceType });
  const prefixes = jurisdictionPrefixes(rc.actor, action);
  if (options.region === undefined) return prefixes;
  if (!isRegionCode(options.region)) throw new AppError(ErrorCode.VALIDATION, 'A region code has 12 or 15 digits', { field: options.field });
  const narrowed = narrowPrefixes(prefixes, options.region);
  if (narrowed.length === 0) await authorize(ctx, rc, action, { regionCode: options.region, resourceType: options.resourceType });
  return narrowed;
}

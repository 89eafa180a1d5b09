import { staffingCompliance, type PostStatus } from '@anxin/domain/figures/staffing-compliance.ts';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { prefixDigits, resolveScopeRegion } from './dashboard-scope.ts';
import { StaffingRepository } from './staffing-repository.ts';

export const MAX_LISTED_POSTS = 1000;

export interface StaffingReport {
  region: { code: string; name: string; level: string };
  required: number;
  filled: number;
  rate: number | null;
  /** Per level: required and filled posts. */
  byLevel: { level: string; post: string; required: number; filled: number }[];
  /** Empty posts first, then filled ones; at most MAX_LISTED_POSTS rows. */
  posts: PostStatus[];
  truncated: boolean;
}

/** The "three specialists" compliance report for a region and everything below it. */
export async function getStaffingCompliance(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  rc: RequestContext,
  input: { region?: string | undefined },
): Promise<StaffingReport> {
  const region = await resolveScopeRegion(ctx, rc, 'dashboard.read', input.region);
  const prefix = region.code.slice(0, prefixDigits(region.level));
  const repo = new StaffingRepository(ctx.db);
  const [regions, holders] = await Promise.all([repo.staffedRegions(prefix), repo.postHolders(prefix)]);
  const summary = staffingCompliance(regions, holders);
  const byLevel = new Map<string, { level: string; post: string; required: number; filled: number }>();
  for (const p of summary.posts) {
    const e = byLevel.get(p.level) ?? { level: p.level, post: p.post, required: 0, filled: 0 };
    e.required++;
    if (p.filled) e.filled++;
    byLevel.set(p.level, e);
  }
  const order = ['city', 'county', 'street', 'community'];
  return {
    region: { code: region.code, name: region.name, level: region.level },
    required: summary.required,
    filled: summary.filled,
    rate: summary.rate,
    byLevel: [...byLevel.values()].sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level)),
    posts: summary.posts.slice(0, MAX_LISTED_POSTS),
    truncated: summary.posts.length > MAX_LISTED_POSTS,
  };
}

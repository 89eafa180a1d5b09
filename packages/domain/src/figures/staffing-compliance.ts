/**
 * The "three specialists" staffing model (综发〔2020〕224号 / seed 002, 三.(二)): a city mental-health
 * service team, at least one psychological specialist (心理专员) per county, one psychological cadre
 * (心理专干) per street and one worker per community. A post is filled by an enabled account whose
 * designated post matches and who holds a role assignment in that region.
 */
import { regionLevel, type RegionLevel } from '../regions/region-code.ts';

export const DESIGNATED_POSTS = ['city_team', 'county_specialist', 'street_cadre', 'community_worker'] as const;
export type DesignatedPost = (typeof DESIGNATED_POSTS)[number];

/** Which post each level requires. */
export const REQUIRED_POST: Partial<Record<RegionLevel, DesignatedPost>> = {
  city: 'city_team',
  county: 'county_specialist',
  street: 'street_cadre',
  community: 'community_worker',
};

export interface StaffedRegion {
  code: string;
  name: string;
}

export interface PostHolder {
  post: DesignatedPost;
  /** The region of the holder's role assignment. */
  regionCode: string;
}

export interface PostStatus {
  regionCode: string;
  regionName: string;
  level: RegionLevel;
  post: DesignatedPost;
  holders: number;
  filled: boolean;
}

export interface ComplianceSummary {
  posts: PostStatus[];
  required: number;
  filled: number;
  /** Share of required posts filled, null when none is required. */
  rate: number | null;
}

/** One row per region that requires a post (cities, counties, streets, communities), empty ones first. */
export function staffingCompliance(regions: readonly StaffedRegion[], holders: readonly PostHolder[]): ComplianceSummary {
  const count = new Map<string, number>();
  for (const h of holders) count.set(`${h.post}|${h.regionCode}`, (count.get(`${h.post}|${h.regionCode}`) ?? 0) + 1);
  const posts: PostStatus[] = [];
  for (const r of regions) {
    if (r.code.length !== 12) continue; // grids have no post
    const level = regionLevel(r.code);
    const post = REQUIRED_POST[level];
    if (!post) continue;
    const n = count.get(`${post}|${r.code}`) ?? 0;
    posts.push({ regionCode: r.code, regionName: r.name, level, post, holders: n, filled: n > 0 });
  }
  posts.sort((a, b) => Number(a.filled) - Number(b.filled) || a.regionCode.localeCompare(b.regionCode));
  const filled = posts.filter((p) => p.filled).length;
  return { posts, required: posts.length, filled, rate: posts.length === 0 ? null : filled / posts.length };
}

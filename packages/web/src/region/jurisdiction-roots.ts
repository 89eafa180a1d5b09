import { isRegionCode, isWithinRegion } from '@anxin/domain/regions/region-code.ts';

export interface RegionRef {
  code: string;
  name: string;
}

/**
 * The top regions an account may switch between: one per role scope, dropping any scope that lies
 * inside another (a county role under a city role adds nothing), in the order the roles came.
 */
export function jurisdictionRoots(grants: readonly { regionCode: string; regionName: string }[]): RegionRef[] {
  const valid = grants.filter((g) => isRegionCode(g.regionCode));
  const roots: RegionRef[] = [];
  for (const grant of valid) {
    if (roots.some((r) => r.code === grant.regionCode)) continue;
    const coveredByOther = valid.some(
      (other) => other.regionCode !== grant.regionCode && isWithinRegion(grant.regionCode, other.regionCode),
    );
    if (!coveredByOther) roots.push({ code: grant.regionCode, name: grant.regionName });
  }
  return roots;
}

/** True when a remembered selection path still starts at one of the roots and descends from it. */
export function isPathWithinRoots(path: readonly RegionRef[], roots: readonly RegionRef[]): boolean {
  const [first] = path;
  if (!first || !roots.some((r) => r.code === first.code)) return false;
  return path.every((step, i) => {
    const previous = path[i - 1];
    return isRegionCode(step.code) && (!previous || (step.code !== previous.code && isWithinRegion(step.code, previous.code)));
  });
}

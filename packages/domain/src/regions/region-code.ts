/**
 * China's administrative division codes (GB/T 2260 and the statistical urban-rural codes) are 12 digits:
 * PP CC DD SSS VVV — province, city, county, street/township, community/village. Deployments add grids
 * (网格) below a community as 3 more digits (15 in all). Because a child's code starts with its parent's
 * significant digits, "within region X" is a prefix test, which a B-tree index answers in one range scan.
 */
export const REGION_LEVELS = ['country', 'province', 'city', 'county', 'street', 'community', 'grid'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** The whole country: the root every jurisdiction descends from. Its prefix is empty. */
export const COUNTRY_CODE = '000000000000';

const SIGNIFICANT_DIGITS: Record<RegionLevel, number> = {
  country: 0,
  province: 2,
  city: 4,
  county: 6,
  street: 9,
  community: 12,
  grid: 15,
};

export function isRegionCode(code: string): boolean {
  return /^\d{12}$/.test(code) || /^\d{15}$/.test(code);
}

/** The level of a code, read from where its trailing zero groups begin. */
export function regionLevel(code: string): RegionLevel {
  if (!isRegionCode(code)) throw new Error(`not a region code: ${code}`);
  if (code.length === 15) return 'grid';
  if (code === COUNTRY_CODE) return 'country';
  if (code.slice(2) === '0000000000') return 'province';
  if (code.slice(4) === '00000000') return 'city';
  if (code.slice(6) === '000000') return 'county';
  if (code.slice(9) === '000') return 'street';
  return 'community';
}

/** The significant leading digits of a code: every descendant's code starts with them. */
export function regionPrefix(code: string): string {
  return code.slice(0, SIGNIFICANT_DIGITS[regionLevel(code)]);
}

/** True when `code` is `ancestor` itself or lies below it. */
export function isWithinRegion(code: string, ancestor: string): boolean {
  return code.startsWith(regionPrefix(ancestor));
}

/** Full codes of every ancestor from the country down to (excluding) the code itself. */
export function ancestorCodes(code: string): string[] {
  const level = regionLevel(code);
  const out: string[] = [];
  for (const l of REGION_LEVELS) {
    if (l === level) break;
    const digits = SIGNIFICANT_DIGITS[l];
    out.push(l === 'country' ? COUNTRY_CODE : code.slice(0, digits).padEnd(12, '0'));
  }
  return out;
}

/** The code of the direct parent, or undefined for the country. Skips levels the code does not have. */
export function parentCode(code: string): string | undefined {
  const ancestors = ancestorCodes(code);
  return ancestors[ancestors.length - 1];
}

/** Builds a grid code from its community and a number 1–999. */
export function gridCode(communityCode: string, gridNumber: number): string {
  if (regionLevel(communityCode) !== 'community') throw new Error(`grids belong to communities: ${communityCode}`);
  if (!Number.isInteger(gridNumber) || gridNumber < 1 || gridNumber > 999) throw new Error('grid number must be 1–999');
  return communityCode + String(gridNumber).padStart(3, '0');
}

/** The county a code belongs to (itself if it is a county), or undefined above county level. */
export function countyOf(code: string): string | undefined {
  const level = regionLevel(code);
  if (level === 'country' || level === 'province' || level === 'city') return undefined;
  return code.slice(0, 6).padEnd(12, '0');
}

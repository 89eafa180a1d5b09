/**
 * Which primary-care institution (基层医疗卫生机构) receives a person's hand-over: the designated
 * hospital shares discharge data with the primary-care facility of the place the person lives
 * (综发〔2020〕224号). Entries nobody covers go to the county health commission to assign by hand.
 */
import { REGION_LEVELS, countyOf, isRegionCode, isWithinRegion, regionLevel, type RegionLevel } from '../regions/region-code.ts';

export const PRIMARY_CARE_INSTITUTION_TYPES = [
  'community_health_center',
  'community_health_station',
  'township_health_center',
  'village_clinic',
] as const;
export type PrimaryCareInstitutionType = (typeof PRIMARY_CARE_INSTITUTION_TYPES)[number];

export interface RoutableInstitution {
  id: string;
  /** Institutions of other types (hospitals, psychiatric centres) are never routed to. */
  type: string;
  /** Region codes served; a code covers itself and everything below it. */
  coverage: readonly string[];
}

export type PrimaryCareRoute =
  | { routed: true; institutionId: string; coverageCode: string; coverageLevel: RegionLevel }
  | {
      routed: false;
      reason: 'invalid_residence' | 'no_coverage' | 'ambiguous';
      /** The county whose health commission queue gets the entry; undefined when the residence is unreadable. */
      countyCode: string | undefined;
      /** For `ambiguous`: the institutions tied at the most specific level, for the commission to choose from. */
      candidateIds: string[];
    };

export function isPrimaryCareInstitutionType(type: string): type is PrimaryCareInstitutionType {
  return (PRIMARY_CARE_INSTITUTION_TYPES as readonly string[]).includes(type);
}

/**
 * The primary-care institution with the most specific coverage of the residence (grid beats
 * community beats street beats county…). Two institutions tied at that level is a coverage error in
 * the master data, so it is reported as `ambiguous` rather than silently picking one.
 * Malformed coverage codes are skipped.
 */
export function routeToPrimaryCare(residenceRegionCode: string, institutions: readonly RoutableInstitution[]): PrimaryCareRoute {
  if (!isRegionCode(residenceRegionCode)) return { routed: false, reason: 'invalid_residence', countyCode: undefined, candidateIds: [] };
  const countyCode = countyOf(residenceRegionCode);

  let bestDepth = -1;
  let best: { id: string; code: string; level: RegionLevel }[] = [];
  for (const inst of institutions) {
    if (!isPrimaryCareInstitutionType(inst.type)) continue;
    let instBest: { code: string; level: RegionLevel; depth: number } | undefined;
    for (const code of inst.coverage) {
      if (!isRegionCode(code) || !isWithinRegion(residenceRegionCode, code)) continue;
      const level = regionLevel(code);
      const depth = REGION_LEVELS.indexOf(level);
      if (!instBest || depth > instBest.depth) instBest = { code, level, depth };
    }
    if (!instBest) continue;
    if (instBest.depth > bestDepth) {
      bestDepth = instBest.depth;
      best = [{ id: inst.id, code: instBest.code, level: instBest.level }];
    } else if (instBest.depth === bestDepth && !best.some((b) => b.id === inst.id)) {
      best.push({ id: inst.id, code: instBest.code, level: instBest.level });
    }
  }

  const [only, ...rest] = best;
  if (!only) return { routed: false, reason: 'no_coverage', countyCode, candidateIds: [] };
  if (rest.length > 0) return { routed: false, reason: 'ambiguous', countyCode, candidateIds: best.map((b) => b.id).sort() };
  return { routed: true, institutionId: only.id, coverageCode: only.code, coverageLevel: only.level };
}

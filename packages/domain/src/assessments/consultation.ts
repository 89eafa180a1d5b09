/**
 * Consultation (会诊): an assessment that meets a consultation rule goes to the supervising mental-health
 * institution of the person's area (seed 002 §(四): primary care assesses under the guidance of the
 * mental-health institution, which reviews the results); a psychiatrist returns an opinion and one of
 * these recommendations to the primary-care institution.
 */
import { REGION_LEVELS, isRegionCode, isWithinRegion, regionLevel } from '../regions/region-code.ts';

export const CONSULTATION_RECOMMENDATIONS = ['none', 'group', 'family', 'individual', 'specialist_referral', 'admission'] as const;
export type ConsultationRecommendation = (typeof CONSULTATION_RECOMMENDATIONS)[number];

export interface StoredFlag {
  flag: string;
  action: 'crisis' | 'consultation';
}

/**
 * The reasons an assessment needs a consultation: every risk flag it raised (a severity at or above the
 * configured band raises `consultation_recommended`; a risk item raises its own flag). Empty means none.
 */
export function consultationReasons(flags: readonly StoredFlag[]): string[] {
  return [...new Set(flags.map((f) => f.flag))].sort();
}

export interface SupervisingCandidate {
  id: string;
  type: string;
  /** Where the institution is. */
  regionCode: string;
  /** Regions it supervises; when empty, the region it is located in. */
  coverage: readonly string[];
}

/**
 * The mental-health institution supervising a region: the one whose coverage (or, without coverage
 * rows, its own location) is the most specific area containing the region. Ties go to the institution
 * with the smallest id, so the choice is stable. Undefined when no institution covers the region.
 * With another `type` ('primary_care') it finds the primary-care institution the recommendation returns to.
 */
export function pickSupervisingInstitution(
  regionCode: string,
  candidates: readonly SupervisingCandidate[],
  type = 'mental_health_institution',
): string | undefined {
  let best: { id: string; depth: number } | undefined;
  for (const c of candidates) {
    if (c.type !== type) continue;
    const areas = c.coverage.length > 0 ? c.coverage : [c.regionCode];
    for (const area of areas) {
      if (!isRegionCode(area) || !isWithinRegion(regionCode, area)) continue;
      const depth = REGION_LEVELS.indexOf(regionLevel(area));
      if (!best || depth > best.depth || (depth === best.depth && c.id < best.id)) best = { id: c.id, depth };
    }
  }
  return best?.id;
}

/** Whole minutes from request to review, never negative: the turnaround dashboards report. */
export function turnaroundMinutes(requestedAt: Date, reviewedAt: Date): number {
  return Math.max(0, Math.floor((reviewedAt.getTime() - requestedAt.getTime()) / 60_000));
}

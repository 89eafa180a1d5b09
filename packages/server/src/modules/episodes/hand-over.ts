import { ancestorCodes, isRegionCode, routeToPrimaryCare, type PrimaryCareRoute, type RoutableInstitution } from '@anxin/domain';
import type { Queryable } from '../../db/database.ts';

export interface HandOver {
  personId: string;
  /** The hospital stay behind a 'discharge' hand-over; null for 'moved_in' and 'registered'. */
  episodeId: string | null;
  /** The person's residence (community or grid) at hand-over time. */
  regionCode: string;
  reason: 'discharge' | 'moved_in' | 'registered';
  medicationHandover: boolean;
  at: Date;
}

export interface HandOverResult {
  /** Undefined when a hand-over for this episode already existed (nothing written). */
  handoverId: string | undefined;
  route: PrimaryCareRoute;
}

/** Routes looked up per residence code; an import keeps one for its whole run. */
export type RouteCache = Map<string, PrimaryCareRoute>;

/**
 * The primary-care institution whose coverage best matches the residence (domain `routeToPrimaryCare`
 * over the `primary_care` organisations covering the residence or one of its ancestors). The
 * organisations table has one `primary_care` type, which the domain's routable types all are.
 */
export async function routeResidence(q: Queryable, regionCode: string, cache?: RouteCache): Promise<PrimaryCareRoute> {
  const hit = cache?.get(regionCode);
  if (hit) return hit;
  let institutions: RoutableInstitution[] = [];
  if (isRegionCode(regionCode)) {
    const rows = await q.query<{ id: string; region_code: string }>(
      `SELECT o.id, oc.region_code FROM organization_coverage oc JOIN organizations o ON o.id = oc.organization_id
        WHERE o.type = 'primary_care' AND oc.region_code = ANY ($1::text[])`,
      [[...ancestorCodes(regionCode), regionCode]],
    );
    const byOrg = new Map<string, string[]>();
    for (const r of rows) byOrg.set(r.id, [...(byOrg.get(r.id) ?? []), r.region_code]);
    institutions = [...byOrg].map(([id, coverage]) => ({ id, type: 'community_health_center', coverage }));
  }
  const route = routeToPrimaryCare(regionCode, institutions);
  cache?.set(regionCode, route);
  return route;
}

/**
 * Routes many residences with one query (an import batch), filling the cache; cached codes are not
 * asked again.
 */
export async function routeResidences(q: Queryable, regionCodes: readonly string[], cache: RouteCache): Promise<void> {
  const wanted = [...new Set(regionCodes)].filter((c) => !cache.has(c) && isRegionCode(c));
  if (wanted.length === 0) return;
  const ancestors = new Map(wanted.map((c) => [c, [...ancestorCodes(c), c]]));
  const all = [...new Set([...ancestors.values()].flat())];
  const rows = await q.query<{ id: string; region_code: string }>(
    `SELECT o.id, oc.region_code FROM organization_coverage oc JOIN organizations o ON o.id = oc.organization_id
      WHERE o.type = 'primary_care' AND oc.region_code = ANY ($1::text[])`,
    [all],
  );
  for (const code of wanted) {
    const mine = new Set(ancestors.get(code));
    const byOrg = new Map<string, string[]>();
    for (const r of rows) if (mine.has(r.region_code)) byOrg.set(r.id, [...(byOrg.get(r.id) ?? []), r.region_code]);
    cache.set(code, routeToPrimaryCare(code, [...byOrg].map(([id, coverage]) => ({ id, type: 'community_health_center', coverage }))));
  }
}

/**
 * Hands a person over to primary care: routes the residence and inserts the `handovers` row that puts
 * the person in that institution's new-arrivals inbox (`to_org_id` NULL = unrouted, the county assigns
 * by hand). Call it inside the transaction that records the reason (discharge, move). Idempotent per
 * episode: a second hand-over for the same episode writes nothing.
 */
export async function handOverToPrimaryCare(tx: Queryable, h: HandOver, cache?: RouteCache): Promise<HandOverResult> {
  const route = await routeResidence(tx, h.regionCode, cache);
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO handovers (person_id, episode_id, to_org_id, region_code, reason, medication_handover, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (episode_id) WHERE episode_id IS NOT NULL DO NOTHING
     RETURNING id`,
    [h.personId, h.episodeId, route.routed ? route.institutionId : null, h.regionCode, h.reason, h.medicationHandover, h.at],
  );
  return { handoverId: rows[0]?.id, route };
}

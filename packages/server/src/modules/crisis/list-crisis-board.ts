import { jurisdictionPrefixes, regionPrefix } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { CrisisRepository } from './crisis-repository.ts';
import { toCaseSummary, type CaseSummary } from './crisis-view.ts';

/**
 * The crisis board: open cases within the caller's crisis.read jurisdiction (optionally below one
 * region, or of one person): overdue first, then those still awaiting first contact, then by level and deadline.
 */
export async function listCrisisBoard(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  rc: RequestContext,
  query: { region?: string | undefined; personId?: string | undefined; includeClosed?: boolean | undefined },
): Promise<{ items: CaseSummary[]; generatedAt: string }> {
  const prefixes = jurisdictionPrefixes(rc.actor, 'crisis.read');
  if (query.region !== undefined) {
    await authorize(ctx, rc, 'crisis.read', { regionCode: query.region, resourceType: 'region', resourceId: query.region });
  } else if (prefixes.length === 0) {
    await authorize(ctx, rc, 'crisis.read', { regionCode: '000000000000' });
  }
  const below = query.region === undefined ? undefined : regionPrefix(query.region);
  const rows = await new CrisisRepository(ctx.db).listCases(prefixes, { region: below, personId: query.personId, includeClosed: query.includeClosed ?? false, limit: 500 });
  const now = ctx.clock();
  const items = rows.map((c) => toCaseSummary(c, now, ctx.config));
  const rank = { imminent: 0, high: 1, moderate: 2 } as Record<string, number>;
  items.sort(
    (a, b) =>
      Number(a.closedAt !== null) - Number(b.closedAt !== null) ||
      Number(b.overdue || b.policeLiaisonOverdue) - Number(a.overdue || a.policeLiaisonOverdue) ||
      Number(a.firstContactAt !== null) - Number(b.firstContactAt !== null) ||
      (rank[a.level] ?? 3) - (rank[b.level] ?? 3) ||
      a.firstContactDueAt.localeCompare(b.firstContactDueAt),
  );
  return { items, generatedAt: now.toISOString() };
}

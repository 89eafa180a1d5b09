import { jurisdictionPrefixes } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { AlertRepository } from './alert-repository.ts';

export interface AlertView {
  id: string;
  regionCode: string;
  category: string;
  day: string;
  observed: number;
  expected: number;
  pValue: number;
  summary: Record<string, unknown>;
  createdAt: string;
  acknowledgedAt: string | null;
}

/** Emerging-problem alerts in the caller's jurisdiction (hotline readers and the authority that acknowledges). */
export async function listAlerts(ctx: Pick<AppContext, 'db'>, rc: RequestContext): Promise<{ items: AlertView[] }> {
  const prefixes = [...new Set([...jurisdictionPrefixes(rc.actor, 'hotline.read'), ...jurisdictionPrefixes(rc.actor, 'alert.acknowledge')])];
  if (prefixes.length === 0) return { items: [] };
  const rows = await new AlertRepository(ctx.db).list(prefixes, 200);
  return {
    items: rows.map((a) => ({
      id: a.id,
      regionCode: a.regionCode,
      category: a.category,
      day: a.day,
      observed: a.observed,
      expected: a.expected,
      pValue: a.pValue,
      summary: a.summary,
      createdAt: a.createdAt.toISOString(),
      acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    })),
  };
}

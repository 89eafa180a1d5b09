import { FIGURES } from '@anxin/domain/figures/figure-catalogue.ts';
import { rateOf } from '@anxin/domain/figures/figure-definition.ts';
import { addDays } from '@anxin/domain/register/iso-date.ts';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { RegionRepository } from '../regions/region-repository.ts';
import { childDigits, prefixDigits, resolvePeriod, resolveScopeRegion } from './dashboard-scope.ts';
import { RollupRepository, type FigureSums } from './rollup-repository.ts';

export type FigureValues = Record<string, number | null>;

export interface DashboardSummary {
  region: { code: string; name: string; level: string; parentCode: string | null };
  from: string;
  to: string;
  /** Every figure's value for the region and period (rates may be null: no denominator). */
  values: FigureValues;
  children: { code: string; name: string; level: string; hasChildren: boolean; values: FigureValues }[];
  /** One point per day: flow figures that day, state figures and rates as of that day. */
  trend: { day: string; values: FigureValues }[];
}

/** Turns summed count rows into every figure's value (flow: in the period; state: up to its end; rates). */
export function valuesFrom(sums: readonly Pick<FigureSums, 'figure' | 'inPeriod' | 'upToEnd'>[]): FigureValues {
  const byId = new Map(sums.map((s) => [s.figure, s]));
  const out: FigureValues = {};
  for (const f of FIGURES) if (f.kind === 'count') {
    const s = byId.get(f.id);
    out[f.id] = s ? Number(f.measure === 'flow' ? s.inPeriod : s.upToEnd) : 0;
  }
  for (const f of FIGURES) if (f.kind === 'rate') out[f.id] = rateOf(out[f.numerator] ?? 0, out[f.denominator] ?? 0);
  return out;
}

/** Figures of a region, its child regions and a daily trend, within the caller's dashboard.read jurisdiction. */
export async function getDashboardSummary(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  rc: RequestContext,
  input: { region?: string | undefined; from?: string | undefined; to?: string | undefined },
): Promise<DashboardSummary> {
  const { from, to } = resolvePeriod(ctx, input.from, input.to);
  const region = await resolveScopeRegion(ctx, rc, 'dashboard.read', input.region);
  const prefix = region.code.slice(0, prefixDigits(region.level));
  const rollups = new RollupRepository(ctx.db);

  // The three reads are independent: on PostgreSQL they run on three pooled connections at once.
  const digits = childDigits(region.level);
  const [regionRows, nodes, childRows, daily] = await Promise.all([
    rollups.regionSums(region.code, prefix, from, to),
    digits === undefined ? Promise.resolve([]) : new RegionRepository(ctx.db).children(region.code),
    digits === undefined ? Promise.resolve([]) : rollups.childSums(prefix, digits, from, to),
    rollups.dailySums(region.code, prefix, from, to),
  ]);
  const values = valuesFrom(regionRows);
  const byChild = new Map<string, FigureSums[]>();
  for (const s of childRows) byChild.set(s.regionCode, [...(byChild.get(s.regionCode) ?? []), s]);
  const children: DashboardSummary['children'] = nodes
    .filter((n) => n.level !== 'grid')
    .map((n) => ({ code: n.code, name: n.name, level: n.level, hasChildren: n.hasChildren, values: valuesFrom(byChild.get(n.code) ?? []) }));

  const baseline = new Map<string, number>();
  const perDay = new Map<string, Map<string, number>>();
  for (const d of daily) {
    if (d.day === null) baseline.set(d.figure, Number(d.value));
    else {
      const m = perDay.get(d.day) ?? new Map<string, number>();
      m.set(d.figure, Number(d.value));
      perDay.set(d.day, m);
    }
  }
  const running = new Map(baseline);
  const trend: DashboardSummary['trend'] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const today = perDay.get(day) ?? new Map<string, number>();
    const point: FigureValues = {};
    for (const f of FIGURES) if (f.kind === 'count') {
      const n = today.get(f.id) ?? 0;
      running.set(f.id, (running.get(f.id) ?? 0) + n);
      point[f.id] = f.measure === 'flow' ? n : (running.get(f.id) ?? 0);
    }
    for (const f of FIGURES) if (f.kind === 'rate') point[f.id] = rateOf(point[f.numerator] ?? 0, point[f.denominator] ?? 0);
    trend.push({ day, values: point });
  }

  return {
    region: { code: region.code, name: region.name, level: region.level, parentCode: region.parentCode },
    from,
    to,
    values,
    children,
    trend,
  };
}

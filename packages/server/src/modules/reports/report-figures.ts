import { regionPrefix } from '@anxin/domain';
import type { Queryable } from '../../db/database.ts';
import { valuesFrom, type FigureValues } from '../dashboards/get-dashboard-summary.ts';
import { RollupRepository } from '../dashboards/rollup-repository.ts';

/** The dashboard figures of a region over a report's period (exact: folded rollups plus pending changes). */
export async function reportFigures(db: Queryable, regionCode: string, from: string, to: string): Promise<FigureValues> {
  return valuesFrom(await new RollupRepository(db).regionSums(regionCode, regionPrefix(regionCode), from, to));
}

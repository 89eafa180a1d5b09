import { parsePopulationFigure, populationReadPlan } from '@anxin/domain/figures/population-rollup.ts';
import type { SeverityCount } from '@anxin/domain/figures/population-status.ts';
import type { Queryable } from '../../db/database.ts';
import { POPULATION_TABLES } from './rollup-tables.ts';

export class PopulationRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * Submitted, newest-version results of a region in [from, to] per group ('all' and each population
   * category the person holds now), instrument, month and severity (definition and semantics in
   * domain/figures/population-rollup.ts). Read from the population rollup (migration 0700): month rows
   * for whole months, day rows for the covered days of a partly covered first or last month, plus the
   * changes not yet folded under the region's prefix, in one statement (so exact at read time).
   * `regionCode` is the region's 12-digit code, `prefix` its significant digits.
   */
  async severityCounts(regionCode: string, prefix: string, from: string, to: string): Promise<SeverityCount[]> {
    const plan = populationReadPlan(from, to);
    const values: unknown[] = [regionCode, `${prefix}%`, from, to];
    const p = (v: unknown) => {
      values.push(v);
      return `$${values.length}`;
    };
    const parts = [
      `SELECT figure, day, delta AS v FROM ${POPULATION_TABLES.delta} WHERE region_code LIKE $2 AND day BETWEEN $3::date AND $4::date`,
    ];
    if (plan.months)
      parts.push(
        `SELECT figure, month, value FROM ${POPULATION_TABLES.months} WHERE region_code = $1 AND month BETWEEN ${p(plan.months.from)}::date AND ${p(plan.months.to)}::date`,
      );
    for (const r of plan.dayRanges)
      parts.push(`SELECT figure, day, value FROM ${POPULATION_TABLES.counts} WHERE region_code = $1 AND day BETWEEN ${p(r.from)}::date AND ${p(r.to)}::date`);
    const rows = await this.db.query<{ figure: string; month: string; n: number }>(
      `SELECT figure, to_char(day, 'YYYY-MM') AS month, sum(v)::int AS n FROM (${parts.join(' UNION ALL ')}) s
        GROUP BY 1, 2 HAVING sum(v) <> 0 ORDER BY 1, 2`,
      values,
    );
    return rows.map((r) => {
      const k = parsePopulationFigure(r.figure);
      return { category: k.group, instrument: k.instrument, month: r.month, severity: k.severity, n: r.n };
    });
  }
}

import { cumulativePlan, type CumulativePlan } from '@anxin/domain/figures/figure-rollup.ts';
import { addDays } from '@anxin/domain/register/iso-date.ts';
import type { Queryable } from '../../db/database.ts';
import { FIGURE_TABLES, type RollupTables } from './rollup-tables.ts';

/** Significant digits of each maintained level: country, province, city, county, street, community. */
export const ROLLUP_LEVELS = [0, 2, 4, 6, 9, 12] as const;

export interface FigureSums {
  figure: string;
  /** Sum over days in [from, to] (flow figures). */
  inPeriod: number;
  /** Sum over days up to `to` (state figures). */
  upToEnd: number;
}

export interface ChildSums extends FigureSums {
  regionCode: string;
}

export interface DailySums {
  figure: string;
  /** null: the total of every day before `from` (the baseline of a cumulative trend). */
  day: string | null;
  value: number;
}

const LEVELS_SQL = `(VALUES (0), (2), (4), (6), (9), (12)) AS l(d)`;

/** Which rows a read adds up: one region (its own rows), or every region of a level under a prefix. */
type Target = { regionCode: string } | { level: number };

/**
 * "Up to and including day t" for two days at once (the period's end and the day before it starts),
 * read from running totals, month rows and at most 16 day rows per boundary (see `cumulativePlan`),
 * plus the pending changes. Yields columns region_code, figure, c_to, c_before.
 */
function cumulativeSql(target: Target, p: (v: unknown) => string, prefixParam: string, to: string, before: string): string {
  const own = (table: string) => ('regionCode' in target ? `${table}.region_code = ${p(target.regionCode)}` : `${table}.level = ${p(target.level)} AND ${table}.region_code LIKE ${prefixParam}`);
  const mapped = 'regionCode' in target ? p(target.regionCode) : `rpad(substr(d.region_code, 1, ${p(target.level)}), 12, '0')`;
  const a = cumulativePlan(to);
  const b = cumulativePlan(before);
  const dayRange = (x: CumulativePlan) => (x.daysFrom <= x.daysTo ? `c.day BETWEEN ${p(x.daysFrom)}::date AND ${p(x.daysTo)}::date` : 'false');
  return `
    SELECT t.region_code, t.figure, t.value AS c_to, t.value AS c_before FROM rollup_totals t WHERE ${own('t')}
    UNION ALL
    SELECT m.region_code, m.figure,
           CASE WHEN m.month >= ${p(a.monthsFrom)}::date THEN -m.value ELSE 0 END,
           CASE WHEN m.month >= ${p(b.monthsFrom)}::date THEN -m.value ELSE 0 END
      FROM rollup_months m WHERE ${own('m')} AND m.month >= ${p(b.monthsFrom)}::date
    UNION ALL
    SELECT c.region_code, c.figure, ${a.sign} * c.value, 0 FROM rollup_counts c WHERE ${own('c')} AND ${dayRange(a)}
    UNION ALL
    SELECT c.region_code, c.figure, 0, ${b.sign} * c.value FROM rollup_counts c WHERE ${own('c')} AND ${dayRange(b)}
    UNION ALL
    SELECT ${mapped}, d.figure, CASE WHEN d.day <= ${p(to)}::date THEN d.delta ELSE 0 END,
           CASE WHEN d.day <= ${p(before)}::date THEN d.delta ELSE 0 END
      FROM rollup_delta d WHERE d.region_code LIKE ${prefixParam} AND d.day <= ${p(to)}::date`;
}

/** Numbered SQL parameters collected while a statement is built. */
function params(): { p: (v: unknown) => string; values: unknown[] } {
  const values: unknown[] = [];
  return {
    values,
    p: (v) => {
      values.push(v);
      return `$${values.length}`;
    },
  };
}

/**
 * The rollups, folded (`rollup_counts` per day, `rollup_months` per month, `rollup_totals` per figure ×
 * region; every level) plus the change log `rollup_delta` that triggers on the base tables append to.
 * Every read adds the pending deltas under the region's prefix in the same statement, so the answer is
 * exact even before a fold; the folded tables only make it fast.
 */
export class RollupRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * Moves up to `batch` logged changes of one table set (the dashboard figures by default, or the
   * population status) into its day, month and total rows. Returns how many changes were folded. Safe
   * under concurrency: a change is deleted by exactly one fold (the other finds it gone).
   */
  async fold(batch: number, tables: RollupTables = FIGURE_TABLES): Promise<number> {
    const totals = tables.totals
      ? `, up_totals AS (
         INSERT INTO ${tables.totals} (figure, region_code, level, value)
         SELECT figure, region_code, level, sum(v) FROM agg GROUP BY 1, 2, 3 HAVING sum(v) <> 0
         ON CONFLICT (region_code, figure) DO UPDATE SET value = ${tables.totals}.value + excluded.value
         RETURNING 1
       )`
      : '';
    const rows = await this.db.query<{ n: number }>(
      `WITH moved AS (
         DELETE FROM ${tables.delta} WHERE id IN (SELECT id FROM ${tables.delta} ORDER BY id LIMIT $1)
         RETURNING figure, region_code, day, delta
       ), agg AS (
         SELECT m.figure, rpad(substr(m.region_code, 1, l.d), 12, '0') AS region_code, l.d AS level, m.day, sum(m.delta) AS v
           FROM moved m CROSS JOIN ${LEVELS_SQL}
          GROUP BY 1, 2, 3, 4
       ), up_days AS (
         INSERT INTO ${tables.counts} (figure, region_code, level, day, value)
         SELECT figure, region_code, level, day, v FROM agg WHERE v <> 0
         ON CONFLICT (region_code, figure, day) DO UPDATE SET value = ${tables.counts}.value + excluded.value
         RETURNING 1
       ), up_months AS (
         INSERT INTO ${tables.months} (figure, region_code, level, month, value)
         SELECT figure, region_code, level, rollup_month(day), sum(v) FROM agg GROUP BY 1, 2, 3, 4 HAVING sum(v) <> 0
         ON CONFLICT (region_code, figure, month) DO UPDATE SET value = ${tables.months}.value + excluded.value
         RETURNING 1
       )${totals}
       SELECT (SELECT count(*) FROM moved)::int AS n,
              (SELECT count(*) FROM up_days)::int + (SELECT count(*) FROM up_months)::int${tables.totals ? ' + (SELECT count(*) FROM up_totals)::int' : ''} AS u`,
      [batch],
    );
    return rows[0]?.n ?? 0;
  }

  async pending(tables: RollupTables = FIGURE_TABLES): Promise<{ count: number; oldest: Date | null }> {
    const rows = await this.db.query<{ n: number; oldest: Date | null }>(
      `SELECT count(*)::int AS n, min(created_at) AS oldest FROM ${tables.delta}`,
    );
    return { count: rows[0]?.n ?? 0, oldest: rows[0]?.oldest ?? null };
  }

  /** Figures of one region (full 12-digit code; prefix = its significant digits). */
  async regionSums(regionCode: string, prefix: string, from: string, to: string): Promise<FigureSums[]> {
    const { p, values } = params();
    const prefixParam = p(`${prefix}%`);
    const inner = cumulativeSql({ regionCode }, p, prefixParam, to, addDays(from, -1));
    return this.db.query<FigureSums>(
      `SELECT figure, (sum(c_to) - sum(c_before))::bigint AS "inPeriod", sum(c_to)::bigint AS "upToEnd"
         FROM (${inner}) s GROUP BY figure`,
      values,
    );
  }

  /** Figures of each child region at the next level (`childDigits` significant digits). */
  async childSums(prefix: string, childDigits: number, from: string, to: string): Promise<ChildSums[]> {
    const { p, values } = params();
    const prefixParam = p(`${prefix}%`);
    const inner = cumulativeSql({ level: childDigits }, p, prefixParam, to, addDays(from, -1));
    return this.db.query<ChildSums>(
      `SELECT region_code AS "regionCode", figure, (sum(c_to) - sum(c_before))::bigint AS "inPeriod", sum(c_to)::bigint AS "upToEnd"
         FROM (${inner}) s GROUP BY region_code, figure`,
      values,
    );
  }

  /** Daily values of a region in [from, to], plus one row per figure (day null) for everything before. */
  async dailySums(regionCode: string, prefix: string, from: string, to: string): Promise<DailySums[]> {
    const { p, values } = params();
    const prefixParam = p(`${prefix}%`);
    const before = addDays(from, -1);
    const baseline = cumulativeSql({ regionCode }, p, prefixParam, before, before);
    const fromParam = p(from);
    const toParam = p(to);
    return this.db.query<DailySums>(
      `SELECT figure, day, sum(v)::bigint AS value FROM (
         SELECT figure, NULL::text AS day, c_to AS v FROM (${baseline}) b
         UNION ALL
         SELECT figure, to_char(day, 'YYYY-MM-DD'), value FROM rollup_counts
          WHERE region_code = ${p(regionCode)} AND day BETWEEN ${fromParam}::date AND ${toParam}::date
         UNION ALL
         SELECT figure, to_char(day, 'YYYY-MM-DD'), delta FROM rollup_delta
          WHERE region_code LIKE ${prefixParam} AND day BETWEEN ${fromParam}::date AND ${toParam}::date
       ) s GROUP BY 1, 2`,
      values,
    );
  }

  /** Every folded day row (for the property test and the benchmark's checks). */
  async allCounts(): Promise<{ figure: string; regionCode: string; day: string; value: number }[]> {
    return this.db.query(
      `SELECT figure, region_code AS "regionCode", to_char(day, 'YYYY-MM-DD') AS day, value FROM rollup_counts WHERE value <> 0`,
    );
  }

  /**
   * Month rows and totals that disagree with the day rows they summarise (figure, region, month or
   * null for the total, the stored value and the day rows' sum). Empty when the folded tables agree.
   */
  async inconsistencies(tables: RollupTables = FIGURE_TABLES): Promise<{ figure: string; regionCode: string; month: string | null; stored: number; days: number }[]> {
    const totals = tables.totals
      ? `UNION ALL
       SELECT coalesce(dt.figure, t.figure), coalesce(dt.region_code, t.region_code), NULL, coalesce(t.value, 0)::bigint, coalesce(dt.v, 0)::bigint
         FROM dt FULL JOIN ${tables.totals} t ON t.figure = dt.figure AND t.region_code = dt.region_code
        WHERE coalesce(t.value, 0) <> coalesce(dt.v, 0)`
      : '';
    return this.db.query(
      `WITH d AS (SELECT figure, region_code, rollup_month(day) AS month, sum(value) AS v FROM ${tables.counts} GROUP BY 1, 2, 3),
            m AS (SELECT figure, region_code, month, value AS v FROM ${tables.months}),
            dt AS (SELECT figure, region_code, sum(v) AS v FROM d GROUP BY 1, 2)
       SELECT coalesce(d.figure, m.figure) AS figure, coalesce(d.region_code, m.region_code) AS "regionCode",
              to_char(coalesce(d.month, m.month), 'YYYY-MM-DD') AS month, coalesce(m.v, 0)::bigint AS stored, coalesce(d.v, 0)::bigint AS days
         FROM d FULL JOIN m ON m.figure = d.figure AND m.region_code = d.region_code AND m.month = d.month
        WHERE coalesce(m.v, 0) <> coalesce(d.v, 0)
       ${totals}`,
    );
  }
}

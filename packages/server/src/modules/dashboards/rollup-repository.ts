import type { Queryable } from '../../db/database.ts';

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

/**
 * The rollups: `rollup_counts` (folded, one row per figure × region at every level × day) plus the
 * change log `rollup_delta` that triggers on the base tables append to. Every read adds the pending
 * deltas under the region's prefix in the same statement, so the answer is exact even before a fold.
 */
export class RollupRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * Moves up to `batch` logged changes into the level rows. Returns how many changes were folded.
   * Safe under concurrency: a change is deleted by exactly one fold (the other finds it gone).
   */
  async fold(batch: number): Promise<number> {
    const rows = await this.db.query<{ n: number }>(
      `WITH moved AS (
         DELETE FROM rollup_delta WHERE id IN (SELECT id FROM rollup_delta ORDER BY id LIMIT $1)
         RETURNING figure, region_code, day, delta
       ), agg AS (
         SELECT m.figure, rpad(substr(m.region_code, 1, l.d), 12, '0') AS region_code, l.d AS level, m.day, sum(m.delta) AS v
           FROM moved m CROSS JOIN ${LEVELS_SQL}
          GROUP BY 1, 2, 3, 4
       ), up AS (
         INSERT INTO rollup_counts (figure, region_code, level, day, value)
         SELECT figure, region_code, level, day, v FROM agg WHERE v <> 0
         ON CONFLICT (region_code, figure, day) DO UPDATE SET value = rollup_counts.value + excluded.value
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM moved)::int AS n, (SELECT count(*) FROM up)::int AS u`,
      [batch],
    );
    return rows[0]?.n ?? 0;
  }

  async pending(): Promise<{ count: number; oldest: Date | null }> {
    const rows = await this.db.query<{ n: number; oldest: Date | null }>(
      `SELECT count(*)::int AS n, min(created_at) AS oldest FROM rollup_delta`,
    );
    return { count: rows[0]?.n ?? 0, oldest: rows[0]?.oldest ?? null };
  }

  /** Figures of one region (full 12-digit code; prefix = its significant digits). */
  async regionSums(regionCode: string, prefix: string, from: string, to: string): Promise<FigureSums[]> {
    return this.db.query<FigureSums>(
      `SELECT figure,
              coalesce(sum(v) FILTER (WHERE day >= $3::date), 0)::bigint AS "inPeriod",
              coalesce(sum(v), 0)::bigint AS "upToEnd"
         FROM (
           SELECT figure, day, value AS v FROM rollup_counts WHERE region_code = $1 AND day <= $4::date
           UNION ALL
           SELECT figure, day, delta FROM rollup_delta WHERE region_code LIKE $2 AND day <= $4::date
         ) s
        GROUP BY figure`,
      [regionCode, `${prefix}%`, from, to],
    );
  }

  /** Figures of each child region at the next level (`childDigits` significant digits). */
  async childSums(prefix: string, childDigits: number, from: string, to: string): Promise<ChildSums[]> {
    return this.db.query<ChildSums>(
      `SELECT region_code AS "regionCode", figure,
              coalesce(sum(v) FILTER (WHERE day >= $3::date), 0)::bigint AS "inPeriod",
              coalesce(sum(v), 0)::bigint AS "upToEnd"
         FROM (
           SELECT region_code, figure, day, value AS v FROM rollup_counts
            WHERE level = $2 AND region_code LIKE $1 AND day <= $4::date
           UNION ALL
           SELECT rpad(substr(region_code, 1, $2), 12, '0'), figure, day, delta FROM rollup_delta
            WHERE region_code LIKE $1 AND day <= $4::date
         ) s
        GROUP BY region_code, figure`,
      [`${prefix}%`, childDigits, from, to],
    );
  }

  /** Daily values of a region in [from, to], plus one row per figure (day null) for everything before. */
  async dailySums(regionCode: string, prefix: string, from: string, to: string): Promise<DailySums[]> {
    return this.db.query<DailySums>(
      `SELECT figure, CASE WHEN day < $3::date THEN NULL ELSE to_char(day, 'YYYY-MM-DD') END AS day, sum(v)::bigint AS value
         FROM (
           SELECT figure, day, value AS v FROM rollup_counts WHERE region_code = $1 AND day <= $4::date
           UNION ALL
           SELECT figure, day, delta FROM rollup_delta WHERE region_code LIKE $2 AND day <= $4::date
         ) s
        GROUP BY 1, 2`,
      [regionCode, `${prefix}%`, from, to],
    );
  }

  /** Every folded level row (for the property test and the benchmark's checks). */
  async allCounts(): Promise<{ figure: string; regionCode: string; day: string; value: number }[]> {
    return this.db.query(
      `SELECT figure, region_code AS "regionCode", to_char(day, 'YYYY-MM-DD') AS day, value FROM rollup_counts WHERE value <> 0`,
    );
  }
}

import type { Queryable } from '../../db/database.ts';

const BACKFILL_NAME = /^rollup_backfill_[a-z0-9_]+$/;

/**
 * SQL of the full rollup rebuild (see rebuild-rollups.ts). Runs inside one transaction. The secondary
 * structures of the two big tables are dropped while they are filled and recreated afterwards with the
 * definitions of migrations 0600 and 0660 (building an index once is much cheaper than maintaining it
 * row by row over millions of inserts).
 */
export class RollupRebuildRepository {
  constructor(private readonly tx: Queryable) {}

  async lockAndEmpty(): Promise<void> {
    await this.tx.query(`SET LOCAL work_mem = '512MB'`);
    await this.tx.query(`SET LOCAL maintenance_work_mem = '512MB'`);
    await this.tx.query(`LOCK TABLE rollup_delta, rollup_counts, rollup_months, rollup_totals IN ACCESS EXCLUSIVE MODE`);
    await this.tx.query(`TRUNCATE rollup_delta, rollup_counts, rollup_months, rollup_totals`);
    await this.tx.query(`DROP INDEX rollup_delta_region_idx`);
    await this.tx.query(`ALTER TABLE rollup_delta DROP CONSTRAINT rollup_delta_pkey`);
    await this.tx.query(`ALTER TABLE rollup_counts DROP CONSTRAINT rollup_counts_pkey`);
    await this.tx.query(`DROP INDEX rollup_counts_children_idx`);
    await this.tx.query(`ALTER TABLE rollup_months DROP CONSTRAINT rollup_months_pkey`);
    await this.tx.query(`DROP INDEX rollup_months_children_idx`);
    await this.tx.query(`ALTER TABLE rollup_totals DROP CONSTRAINT rollup_totals_pkey`);
    await this.tx.query(`DROP INDEX rollup_totals_children_idx`);
  }

  /** Every family's back-fill function (`rollup_backfill_<family>()`, no arguments), by name. */
  async backfillFunctions(): Promise<string[]> {
    const rows = await this.tx.query<{ name: string }>(
      `SELECT p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = current_schema() AND p.proname LIKE 'rollup\\_backfill\\_%' AND p.pronargs = 0
        ORDER BY 1`,
    );
    return rows.map((r) => r.name).filter((n) => BACKFILL_NAME.test(n));
  }

  async callBackfill(name: string): Promise<void> {
    if (!BACKFILL_NAME.test(name)) throw new Error(`not a back-fill function: ${name}`);
    await this.tx.query(`SELECT ${name}()`);
  }

  async changeRows(): Promise<number> {
    const rows = await this.tx.query<{ n: number }>(`SELECT count(*)::bigint AS n FROM rollup_delta`);
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Day rows: communities from the log, then each level from the one below; month rows from the day rows
   * as they are written (no second scan); then the totals from the month rows. Written in (level, region,
   * figure, day) order, so that one region's rows, and one level's rows under a prefix, sit together on
   * disk (a read touches few pages).
   */
  async buildRows(): Promise<void> {
    const up = (from: string, digits: number) =>
      `SELECT figure, rpad(substr(region_code, 1, ${digits}), 12, '0') AS region_code, ${digits}::smallint AS level, day, sum(value)::bigint AS value
         FROM ${from} GROUP BY 1, 2, 4 HAVING sum(value) <> 0`;
    await this.tx.query(
      `WITH c12 AS MATERIALIZED (
         SELECT figure, region_code, 12::smallint AS level, day, sum(delta)::bigint AS value
           FROM rollup_delta GROUP BY 1, 2, 4 HAVING sum(delta) <> 0
       ), c9 AS MATERIALIZED (${up('c12', 9)}),
          c6 AS MATERIALIZED (${up('c9', 6)}),
          c4 AS MATERIALIZED (${up('c6', 4)}),
          c2 AS MATERIALIZED (${up('c4', 2)}),
          c0 AS MATERIALIZED (${up('c2', 0)}),
          days AS (
            INSERT INTO rollup_counts (figure, region_code, level, day, value)
            SELECT * FROM c12 UNION ALL SELECT * FROM c9 UNION ALL SELECT * FROM c6 UNION ALL SELECT * FROM c4
            UNION ALL SELECT * FROM c2 UNION ALL SELECT * FROM c0
            ORDER BY level, region_code, figure, day
            RETURNING figure, region_code, level, day, value
          )
       INSERT INTO rollup_months (figure, region_code, level, month, value)
       SELECT figure, region_code, level, rollup_month(day), sum(value) FROM days GROUP BY 1, 2, 3, 4 HAVING sum(value) <> 0
       ORDER BY level, region_code, figure, 4`,
    );
    await this.tx.query(
      `INSERT INTO rollup_totals (figure, region_code, level, value)
       SELECT figure, region_code, level, sum(value) FROM rollup_months GROUP BY 1, 2, 3 HAVING sum(value) <> 0
       ORDER BY level, region_code, figure`,
    );
  }

  /** Recreates the indexes, empties the log, refreshes the planner's statistics; returns the row counts. */
  async finish(): Promise<{ dayRows: number; monthRows: number; totalRows: number }> {
    await this.tx.query(`ALTER TABLE rollup_counts ADD PRIMARY KEY (region_code, figure, day)`);
    await this.tx.query(`CREATE INDEX rollup_counts_children_idx ON rollup_counts (level, region_code, day)`);
    await this.tx.query(`ALTER TABLE rollup_months ADD PRIMARY KEY (region_code, figure, month)`);
    await this.tx.query(`CREATE INDEX rollup_months_children_idx ON rollup_months (level, region_code, month)`);
    await this.tx.query(`ALTER TABLE rollup_totals ADD PRIMARY KEY (region_code, figure)`);
    await this.tx.query(`CREATE INDEX rollup_totals_children_idx ON rollup_totals (level, region_code)`);
    await this.tx.query(`TRUNCATE rollup_delta`);
    await this.tx.query(`ALTER TABLE rollup_delta ADD PRIMARY KEY (id)`);
    await this.tx.query(`CREATE INDEX rollup_delta_region_idx ON rollup_delta (region_code)`);
    await this.tx.query(`ANALYZE rollup_counts`);
    await this.tx.query(`ANALYZE rollup_months`);
    await this.tx.query(`ANALYZE rollup_totals`);
    const n = await this.tx.query<{ d: number; m: number; t: number }>(
      `SELECT (SELECT count(*) FROM rollup_counts)::bigint AS d, (SELECT count(*) FROM rollup_months)::bigint AS m,
              (SELECT count(*) FROM rollup_totals)::bigint AS t`,
    );
    return { dayRows: Number(n[0]?.d ?? 0), monthRows: Number(n[0]?.m ?? 0), totalRows: Number(n[0]?.t ?? 0) };
  }
}

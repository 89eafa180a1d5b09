import type { Queryable } from '../../db/database.ts';
import { ROLLUP_TABLE_SETS, type RollupTables } from './rollup-tables.ts';

const BACKFILL_NAME = /^rollup_backfill_[a-z0-9_]+$/;

/**
 * SQLSTATEs of a lock wait that ran into `lock_timeout`, or into the deadlock check on a server whose
 * `deadlock_timeout` is shorter (the waiter that checks first, the rebuild, is the one cancelled).
 */
const LOCK_GIVE_WAY = new Set(['55P03', '40P01']);
const LOCK_WAIT_MS = 500;
/** ≈ 10 minutes of busy writers before the rebuild gives up with the database's error. */
const LOCK_ATTEMPTS = 1200;

/** The index a rebuild puts on a change log to read it one month at a time (dropped again after). */
const sliceIndex = (t: RollupTables) => `${t.delta}_rebuild_day_idx`;

/**
 * SQL of the full rollup rebuild (see rebuild-rollups.ts). Runs inside one transaction. The secondary
 * structures of the folded tables and the change logs are dropped while they are filled and recreated
 * afterwards with the migrations' definitions (building an index once is much cheaper than maintaining
 * it row by row over millions of inserts).
 *
 * Rows are built one family and one calendar month at a time (`buildMonth`), each slice in its own
 * statement: a statement's sorts, hashes and materialised steps hold only that slice's rows, so memory
 * and temporary files are bounded by the largest family-month, not by the whole history (the single
 * statement over everything spilled ≈ 12 GB at 10M persons / 50M assessments).
 */
export class RollupRebuildRepository {
  constructor(private readonly tx: Queryable) {}

  /**
   * Takes every rollup table exclusively, all or none: a writer's transaction may append to the two
   * change logs in either order (a merge re-homes results, which logs only population rows, then
   * updates the person), so waiting for one log while holding the other could deadlock with it. Each
   * attempt waits at most `LOCK_WAIT_MS` (below the server's 1 s deadlock check, so the rebuild gives way,
   * not the writer), then lets go of what it got and tries again.
   */
  async lockAndEmpty(): Promise<void> {
    // Per statement and per sort or hash: a slice is small, so this bounds memory without spilling much.
    await this.tx.query(`SET LOCAL work_mem = '256MB'`);
    await this.tx.query(`SET LOCAL maintenance_work_mem = '512MB'`);
    const all = ROLLUP_TABLE_SETS.flatMap((t) => [t.delta, t.counts, t.months, ...(t.totals ? [t.totals] : [])]);
    await this.tx.query(`SET LOCAL lock_timeout = '${LOCK_WAIT_MS}ms'`);
    for (let attempt = 1; ; attempt++) {
      await this.tx.query(`SAVEPOINT rollup_rebuild_lock`);
      try {
        await this.tx.query(`LOCK TABLE ${all.join(', ')} IN ACCESS EXCLUSIVE MODE`);
        await this.tx.query(`RELEASE SAVEPOINT rollup_rebuild_lock`);
        break;
      } catch (error) {
        if (!LOCK_GIVE_WAY.has(String((error as { code?: unknown }).code)) || attempt >= LOCK_ATTEMPTS) throw error;
        await this.tx.query(`ROLLBACK TO SAVEPOINT rollup_rebuild_lock`);
      }
    }
    await this.tx.query(`SET LOCAL lock_timeout = DEFAULT`);
    await this.tx.query(`TRUNCATE ${all.join(', ')}`);
    for (const t of ROLLUP_TABLE_SETS) for (const sql of [...t.deltaIndexes.drop, ...t.foldedIndexes.drop]) await this.tx.query(sql);
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

  /** Rows in a change log (after a back-fill: that family's change rows). */
  async changeRows(tables: RollupTables): Promise<number> {
    const rows = await this.tx.query<{ n: number }>(`SELECT count(*)::bigint AS n FROM ${tables.delta}`);
    return Number(rows[0]?.n ?? 0);
  }

  /** Indexes the log by day, so that each month is read as one index range. */
  async indexByDay(tables: RollupTables): Promise<void> {
    await this.tx.query(`CREATE INDEX ${sliceIndex(tables)} ON ${tables.delta} (day)`);
  }

  /**
   * The first day of the next month at or after `from` (any month when null) that has rows in the log,
   * or null: one index probe, so empty months between far-apart dates cost nothing.
   */
  async nextMonth(tables: RollupTables, from: string | null): Promise<string | null> {
    const rows = await this.tx.query<{ m: string | null }>(
      `SELECT rollup_month(min(day))::text AS m FROM ${tables.delta}${from === null ? '' : ` WHERE day >= $1::date`}`,
      from === null ? [] : [from],
    );
    return rows[0]?.m ?? null;
  }

  /**
   * Day and month rows of one month of the log: communities from the log, then each level from the one
   * below; the month rows from the day rows as they are written (no second scan). Written in primary-key
   * order per level, so that one region's rows sit together on disk (a read touches few pages). The
   * slices of one log never overlap (different months), and different families emit different figures,
   * so every row is written once; the primary keys created afterwards would refuse a duplicate.
   */
  async buildMonth(tables: RollupTables, month: string): Promise<{ dayRows: number; monthRows: number }> {
    const up = (from: string, digits: number) =>
      `SELECT figure, rpad(substr(region_code, 1, ${digits}), 12, '0') AS region_code, ${digits}::smallint AS level, day, sum(value)::bigint AS value
         FROM ${from} GROUP BY 1, 2, 4 HAVING sum(value) <> 0`;
    const rows = await this.tx.query<{ d: number; m: number }>(
      `WITH c12 AS MATERIALIZED (
         SELECT figure, region_code, 12::smallint AS level, day, sum(delta)::bigint AS value
           FROM ${tables.delta} WHERE day >= $1::date AND day < ($1::date + interval '1 month')::date
          GROUP BY 1, 2, 4 HAVING sum(delta) <> 0
       ), c9 AS MATERIALIZED (${up('c12', 9)}),
          c6 AS MATERIALIZED (${up('c9', 6)}),
          c4 AS MATERIALIZED (${up('c6', 4)}),
          c2 AS MATERIALIZED (${up('c4', 2)}),
          c0 AS MATERIALIZED (${up('c2', 0)}),
          days AS (
            INSERT INTO ${tables.counts} (figure, region_code, level, day, value)
            SELECT * FROM c12 UNION ALL SELECT * FROM c9 UNION ALL SELECT * FROM c6 UNION ALL SELECT * FROM c4
            UNION ALL SELECT * FROM c2 UNION ALL SELECT * FROM c0
            ORDER BY ${tables.dayOrder}
            RETURNING figure, region_code, level, value
          ),
          months AS (
            INSERT INTO ${tables.months} (figure, region_code, level, month, value)
            SELECT figure, region_code, level, $1::date, sum(value) FROM days GROUP BY 1, 2, 3 HAVING sum(value) <> 0
            ORDER BY level, region_code, figure
            RETURNING 1
          )
       SELECT (SELECT count(*) FROM days)::bigint AS d, (SELECT count(*) FROM months)::bigint AS m`,
      [month],
    );
    return { dayRows: Number(rows[0]?.d ?? 0), monthRows: Number(rows[0]?.m ?? 0) };
  }

  /** Empties a log whose rows have been built, ready for the next family's back-fill. */
  async emptyLog(tables: RollupTables): Promise<void> {
    await this.tx.query(`DROP INDEX IF EXISTS ${sliceIndex(tables)}`);
    await this.tx.query(`TRUNCATE ${tables.delta}`);
  }

  /**
   * Running totals from the month rows, one statement per table set: its memory grows with the number of
   * figure × region pairs (the totals themselves), not with the history.
   */
  async buildTotals(): Promise<number> {
    let n = 0;
    for (const t of ROLLUP_TABLE_SETS) {
      if (!t.totals) continue;
      const rows = await this.tx.query<{ n: number }>(
        `WITH ins AS (
           INSERT INTO ${t.totals} (figure, region_code, level, value)
           SELECT figure, region_code, level, sum(value) FROM ${t.months} GROUP BY 1, 2, 3 HAVING sum(value) <> 0
           ORDER BY level, region_code, figure
           RETURNING 1)
         SELECT count(*)::bigint AS n FROM ins`,
      );
      n += Number(rows[0]?.n ?? 0);
    }
    return n;
  }

  /** Recreates the indexes, refreshes the planner's statistics; returns the row counts. */
  async finish(): Promise<void> {
    for (const t of ROLLUP_TABLE_SETS) {
      for (const sql of [...t.foldedIndexes.create, ...t.deltaIndexes.create]) await this.tx.query(sql);
      for (const table of [t.counts, t.months, ...(t.totals ? [t.totals] : [])]) await this.tx.query(`ANALYZE ${table}`);
    }
  }
}

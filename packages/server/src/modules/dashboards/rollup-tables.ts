/**
 * The two sets of tables the rollup engine maintains the same way (change log → day rows and month rows
 * at every level, plus running totals where a state figure needs them): the dashboard figures (0600,
 * 0660) and the population status (0700, kept apart so that a summary, which reads every figure of a
 * region, does not read the population keys too). Fold and rebuild take one of these; the names are
 * constants, never input.
 */
export interface RollupTables {
  /** Change log `(id, figure, region_code, day, delta)` the triggers append to. */
  delta: string;
  /** Day rows `(figure, region_code, level, day, value)`. */
  counts: string;
  /** Month rows `(figure, region_code, level, month, value)`. */
  months: string;
  /** Running totals `(figure, region_code, level, value)`, or null when no figure reads them. */
  totals: string | null;
  /** Column order a rebuild writes day rows in: level, then the primary key's, so a read touches few pages. */
  dayOrder: string;
  /**
   * The folded tables' indexes as the migrations define them (dropped while a rebuild fills the tables,
   * created once afterwards: building an index once is much cheaper than maintaining it per row).
   */
  foldedIndexes: { drop: string[]; create: string[] };
  /** The change log's own indexes (dropped during a rebuild, created again on the emptied log). */
  deltaIndexes: { drop: string[]; create: string[] };
}

export const FIGURE_TABLES: RollupTables = {
  delta: 'rollup_delta',
  counts: 'rollup_counts',
  months: 'rollup_months',
  totals: 'rollup_totals',
  dayOrder: 'level, region_code, figure, day',
  foldedIndexes: {
    drop: [
      `ALTER TABLE rollup_counts DROP CONSTRAINT rollup_counts_pkey`,
      `DROP INDEX rollup_counts_children_idx`,
      `ALTER TABLE rollup_months DROP CONSTRAINT rollup_months_pkey`,
      `DROP INDEX rollup_months_children_idx`,
      `ALTER TABLE rollup_totals DROP CONSTRAINT rollup_totals_pkey`,
      `DROP INDEX rollup_totals_children_idx`,
    ],
    create: [
      `ALTER TABLE rollup_counts ADD PRIMARY KEY (region_code, figure, day)`,
      `CREATE INDEX rollup_counts_children_idx ON rollup_counts (level, region_code, day)`,
      `ALTER TABLE rollup_months ADD PRIMARY KEY (region_code, figure, month)`,
      `CREATE INDEX rollup_months_children_idx ON rollup_months (level, region_code, month)`,
      `ALTER TABLE rollup_totals ADD PRIMARY KEY (region_code, figure)`,
      `CREATE INDEX rollup_totals_children_idx ON rollup_totals (level, region_code)`,
    ],
  },
  deltaIndexes: {
    drop: [`DROP INDEX rollup_delta_region_idx`, `ALTER TABLE rollup_delta DROP CONSTRAINT rollup_delta_pkey`],
    create: [`ALTER TABLE rollup_delta ADD PRIMARY KEY (id)`, `CREATE INDEX rollup_delta_region_idx ON rollup_delta (region_code)`],
  },
};

export const POPULATION_TABLES: RollupTables = {
  delta: 'rollup_population_delta',
  counts: 'rollup_population_counts',
  months: 'rollup_population_months',
  totals: null,
  dayOrder: 'level, region_code, day, figure',
  foldedIndexes: {
    drop: [
      `ALTER TABLE rollup_population_counts DROP CONSTRAINT rollup_population_counts_pkey`,
      `ALTER TABLE rollup_population_months DROP CONSTRAINT rollup_population_months_pkey`,
    ],
    create: [
      `ALTER TABLE rollup_population_counts ADD PRIMARY KEY (region_code, day, figure)`,
      `ALTER TABLE rollup_population_months ADD PRIMARY KEY (region_code, month, figure)`,
    ],
  },
  deltaIndexes: {
    drop: [`DROP INDEX rollup_population_delta_region_idx`, `ALTER TABLE rollup_population_delta DROP CONSTRAINT rollup_population_delta_pkey`],
    create: [
      `ALTER TABLE rollup_population_delta ADD PRIMARY KEY (id)`,
      `CREATE INDEX rollup_population_delta_region_idx ON rollup_population_delta (region_code)`,
    ],
  },
};

export const ROLLUP_TABLE_SETS: readonly RollupTables[] = [FIGURE_TABLES, POPULATION_TABLES];

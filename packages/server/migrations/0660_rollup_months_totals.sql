-- Dashboard rollups at province and city speed (issue 8). A "state" figure (e.g. on the register as of a
-- date) is the sum of every day up to that date. Reading it from day rows costs one row per day since the
-- start for every region asked about; so besides the day rows (`rollup_counts`), the fold now keeps
--   rollup_months: one row per figure × region × calendar month (month = its first day), and
--   rollup_totals: one running total per figure × region (every day, past and future),
-- and a read computes "up to day t" as total − (months from t's month or the next on) ± (≤ 16 day rows of
-- t's month) (see packages/domain/src/figures/figure-rollup.ts `cumulativePlan`). Reads stay exact: they
-- add the pending changes of `rollup_delta` in the same statement, as before. The write interface
-- (`rollup_emit` → `rollup_delta`) is unchanged.

CREATE TABLE rollup_months (
  figure      text COLLATE "C" NOT NULL,
  region_code text COLLATE "C" NOT NULL,
  level       smallint NOT NULL CHECK (level IN (0, 2, 4, 6, 9, 12)),
  month       date NOT NULL CHECK (extract(day FROM month) = 1),
  value       bigint NOT NULL,
  PRIMARY KEY (region_code, figure, month)
) WITH (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
CREATE INDEX rollup_months_children_idx ON rollup_months (level, region_code, month);

CREATE TABLE rollup_totals (
  figure      text COLLATE "C" NOT NULL,
  region_code text COLLATE "C" NOT NULL,
  level       smallint NOT NULL CHECK (level IN (0, 2, 4, 6, 9, 12)),
  value       bigint NOT NULL,
  PRIMARY KEY (region_code, figure)
) WITH (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
CREATE INDEX rollup_totals_children_idx ON rollup_totals (level, region_code);

-- The first day of a date's month, in date arithmetic only (no time zone involved).
CREATE FUNCTION rollup_month(d date) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT d - extract(day FROM d)::int + 1
$$;

-- What was folded before this migration.
INSERT INTO rollup_months (figure, region_code, level, month, value)
SELECT figure, region_code, level, rollup_month(day), sum(value) FROM rollup_counts GROUP BY 1, 2, 3, 4 HAVING sum(value) <> 0;
INSERT INTO rollup_totals (figure, region_code, level, value)
SELECT figure, region_code, level, sum(value) FROM rollup_counts GROUP BY 1, 2, 3 HAVING sum(value) <> 0;

-- Back-fill functions: each appends a family's contribution of the rows that exist now to rollup_delta,
-- with the same predicates as its triggers (0600 register, 0610 assessments), one row per figure ×
-- community × day with the count (not one per record), so a rebuild at 10M records stays small.
-- `rebuildRollups` (packages/server/src/modules/dashboards/rebuild-rollups.ts) calls every function named
-- rollup_backfill_<family>() without arguments; a new family adds its own.
CREATE FUNCTION rollup_backfill_register() RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_delta (figure, region_code, day, delta)
  SELECT f, substr(p.region_code, 1, 12), rollup_local_day(p.created_at), count(*)
    FROM persons p, unnest(rollup_person_figures(p.merged_into, p.verification_status)) AS f
   GROUP BY 1, 2, 3;
  INSERT INTO rollup_delta (figure, region_code, day, delta)
  SELECT 'register.category.' || c.category, substr(p.region_code, 1, 12), rollup_local_day(c.created_at), count(*)
    FROM person_categories c JOIN persons p ON p.id = c.person_id WHERE p.merged_into IS NULL AND c.valid_to IS NULL
   GROUP BY 1, 2, 3;
  INSERT INTO rollup_delta (figure, region_code, day, delta)
  SELECT 'register.admissions', substr(p.region_code, 1, 12), e.admission_date, count(*)
    FROM hospital_episodes e JOIN persons p ON p.id = e.person_id WHERE p.merged_into IS NULL
   GROUP BY 1, 2, 3;
  INSERT INTO rollup_delta (figure, region_code, day, delta)
  SELECT 'register.discharges', substr(p.region_code, 1, 12), e.discharge_date, count(*)
    FROM hospital_episodes e JOIN persons p ON p.id = e.person_id WHERE p.merged_into IS NULL AND e.discharge_date IS NOT NULL
   GROUP BY 1, 2, 3;
  INSERT INTO rollup_delta (figure, region_code, day, delta)
  SELECT f, substr(h.region_code, 1, 12), rollup_local_day(h.created_at), count(*)
    FROM handovers h, unnest(rollup_handover_figures(h.status, h.to_org_id)) AS f
   GROUP BY 1, 2, 3;
$$;

CREATE FUNCTION rollup_backfill_assessments() RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_delta (figure, region_code, day, delta)
  SELECT f, substr(a.region_code, 1, 12), rollup_local_day(a.completed_at), count(*)
    FROM assessments a, unnest(rollup_assessment_figures(a.status, a.instrument, a.severity)) AS f
   WHERE a.completed_at IS NOT NULL AND a.status = 'submitted'
     AND NOT EXISTS (SELECT 1 FROM assessments n WHERE n.previous_id = a.id)
   GROUP BY 1, 2, 3;
$$;

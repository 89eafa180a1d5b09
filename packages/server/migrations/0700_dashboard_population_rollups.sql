-- Population mental-health status from a rollup (issue 8: counted from `assessments` and
-- `person_categories` at read time it took 42 s at province with 50M assessments). Definition in
-- packages/domain/src/figures/population-rollup.ts: a submitted, newest-version result counts on its
-- completion day in the region recorded on it, in the group 'all' and in each category the person holds
-- *now* (an open membership, valid_to null), keyed `population.<group>.<instrument>.<severity>`.
--
-- Same engine as the dashboard figures (0600/0660): triggers append ±1 rows to a change log in the
-- writing transaction, the recurring fold (`refreshRollups`) moves them into per-day and per-month rows
-- at every level, reads add the pending log rows. The tables are separate from `rollup_*` because the
-- keys are many (≈ 13 groups × 7 instruments × 5 bands) and a summary reads every figure of a region:
-- in the same tables they would multiply the summary's rows. There is no running total (nothing in the
-- view is a state figure). Day rows are keyed (region, day, figure) so that one region's days of a
-- period are one index range.

CREATE TABLE rollup_population_delta (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  figure      text COLLATE "C" NOT NULL,
  region_code text COLLATE "C" NOT NULL,
  day         date NOT NULL,
  delta       integer NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
) WITH (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000, autovacuum_analyze_scale_factor = 0.05);
-- storage settings as rollup_delta's (0630) and the folded tables' (0620, 0660): a queue vacuumed
-- eagerly; room for HOT updates of the upper levels' rows that every fold touches
CREATE INDEX rollup_population_delta_region_idx ON rollup_population_delta (region_code);

CREATE TABLE rollup_population_counts (
  figure      text COLLATE "C" NOT NULL,
  region_code text COLLATE "C" NOT NULL,
  level       smallint NOT NULL CHECK (level IN (0, 2, 4, 6, 9, 12)),
  day         date NOT NULL,
  value       bigint NOT NULL,
  PRIMARY KEY (region_code, day, figure)
) WITH (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);

CREATE TABLE rollup_population_months (
  figure      text COLLATE "C" NOT NULL,
  region_code text COLLATE "C" NOT NULL,
  level       smallint NOT NULL CHECK (level IN (0, 2, 4, 6, 9, 12)),
  month       date NOT NULL CHECK (extract(day FROM month) = 1),
  value       bigint NOT NULL,
  PRIMARY KEY (region_code, month, figure)
) WITH (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);

CREATE FUNCTION rollup_population_figure(grp text, instrument text, severity text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT 'population.' || grp || '.' || instrument || '.' || coalesce(severity, '')
$$;

-- One assessment row's contribution (sign ±1) under the person's open categories as they are now.
-- The caller decides whether the row is the newest version; status and completion are checked here.
CREATE FUNCTION rollup_population_emit(pid uuid, region text, instrument text, severity text, completed timestamptz, status text, sign integer)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_population_delta (figure, region_code, day, delta)
  SELECT rollup_population_figure(g.grp, instrument, severity), substr(region, 1, 12), rollup_local_day(completed), sign
    FROM (SELECT 'all' AS grp
          UNION
          SELECT c.category FROM person_categories c WHERE c.person_id = pid AND c.valid_to IS NULL) g
   WHERE status = 'submitted' AND completed IS NOT NULL
$$;

-- assessments: row by row, with the amendment rule of 0610 (inserting an amendment takes the amended
-- version out, deleting or re-pointing it puts it back). A merge re-homes results (person_id only):
-- they leave the old record's categories and join the new one's.
CREATE FUNCTION rollup_population_assessments_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  p assessments%ROWTYPE;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status = NEW.status AND OLD.severity IS NOT DISTINCT FROM NEW.severity
     AND OLD.instrument = NEW.instrument AND OLD.region_code = NEW.region_code AND OLD.person_id = NEW.person_id
     AND OLD.completed_at IS NOT DISTINCT FROM NEW.completed_at AND OLD.previous_id IS NOT DISTINCT FROM NEW.previous_id THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' AND NOT EXISTS (SELECT 1 FROM assessments n WHERE n.previous_id = OLD.id) THEN
    PERFORM rollup_population_emit(OLD.person_id, OLD.region_code, OLD.instrument, OLD.severity, OLD.completed_at, OLD.status, -1);
  END IF;
  IF TG_OP <> 'DELETE' AND NOT EXISTS (SELECT 1 FROM assessments n WHERE n.previous_id = NEW.id) THEN
    PERFORM rollup_population_emit(NEW.person_id, NEW.region_code, NEW.instrument, NEW.severity, NEW.completed_at, NEW.status, 1);
  END IF;
  IF TG_OP <> 'INSERT' AND OLD.previous_id IS NOT NULL AND OLD.previous_id IS DISTINCT FROM (CASE WHEN TG_OP = 'UPDATE' THEN NEW.previous_id END) THEN
    SELECT * INTO p FROM assessments a WHERE a.id = OLD.previous_id AND NOT EXISTS (SELECT 1 FROM assessments n WHERE n.previous_id = a.id);
    IF FOUND THEN
      PERFORM rollup_population_emit(p.person_id, p.region_code, p.instrument, p.severity, p.completed_at, p.status, 1);
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.previous_id IS NOT NULL AND NEW.previous_id IS DISTINCT FROM (CASE WHEN TG_OP = 'UPDATE' THEN OLD.previous_id END) THEN
    -- NEW now amends it (one amendment per version: unique index), so it counted until now.
    SELECT * INTO p FROM assessments a WHERE a.id = NEW.previous_id;
    IF FOUND THEN
      PERFORM rollup_population_emit(p.person_id, p.region_code, p.instrument, p.severity, p.completed_at, p.status, -1);
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER rollup_population_assessments AFTER INSERT OR UPDATE OR DELETE ON assessments
  FOR EACH ROW EXECUTE FUNCTION rollup_population_assessments_trigger();

-- person_categories: a person's results join a category when the person's first open membership of it
-- appears and leave it when the last one goes. Whether that happened depends on the person's other
-- memberships, which other rows of the same statement may change too, and row-level AFTER triggers all
-- run at the end of the statement and see its final state; so these are statement-level triggers that
-- compare, per (person, category) the statement touched, the open memberships now with those before
-- (now − the statement's new open rows + its old open rows). Inserts, updates and deletes each have
-- one (a trigger with transition tables fires for one event).
CREATE FUNCTION rollup_population_memberships_changed(pids uuid[], cats text[], opens integer[]) RETURNS void LANGUAGE sql AS $$
  WITH pairs AS (
    -- persons without results (every new person of an import) need no look at their memberships
    SELECT k.person_id, k.category, sum(k.d)::int AS d FROM unnest(pids, cats, opens) AS k (person_id, category, d)
     WHERE EXISTS (SELECT 1 FROM assessments a WHERE a.person_id = k.person_id)
     GROUP BY 1, 2
  ), flips AS (
    SELECT s.person_id, s.category, CASE WHEN s.now > 0 THEN 1 ELSE -1 END AS sign
      FROM (SELECT p.person_id, p.category, p.d,
                   (SELECT count(*) FROM person_categories c WHERE c.person_id = p.person_id AND c.category = p.category AND c.valid_to IS NULL)::int AS now
              FROM pairs p) s
     WHERE (s.now > 0) <> (s.now - s.d > 0)
  )
  INSERT INTO rollup_population_delta (figure, region_code, day, delta)
  SELECT rollup_population_figure(f.category, a.instrument, a.severity), substr(a.region_code, 1, 12), rollup_local_day(a.completed_at), sum(f.sign)::int
    FROM flips f JOIN assessments a ON a.person_id = f.person_id
   WHERE a.status = 'submitted' AND a.completed_at IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM assessments n WHERE n.previous_id = a.id)
   GROUP BY 1, 2, 3
$$;

CREATE FUNCTION rollup_population_categories_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM rollup_population_memberships_changed(array_agg(n.person_id), array_agg(n.category), array_agg(1))
     FROM new_rows n WHERE n.valid_to IS NULL HAVING count(*) > 0;
  RETURN NULL;
END;
$$;
CREATE TRIGGER rollup_population_categories_insert AFTER INSERT ON person_categories
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_population_categories_insert();

CREATE FUNCTION rollup_population_categories_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM rollup_population_memberships_changed(array_agg(x.person_id), array_agg(x.category), array_agg(x.d))
     FROM (SELECT o.person_id, o.category, -1 AS d FROM old_rows o WHERE o.valid_to IS NULL
           UNION ALL
           SELECT n.person_id, n.category, 1 FROM new_rows n WHERE n.valid_to IS NULL) x
   HAVING count(*) > 0;
  RETURN NULL;
END;
$$;
CREATE TRIGGER rollup_population_categories_update AFTER UPDATE ON person_categories
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_population_categories_update();

CREATE FUNCTION rollup_population_categories_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM rollup_population_memberships_changed(array_agg(o.person_id), array_agg(o.category), array_agg(-1))
     FROM old_rows o WHERE o.valid_to IS NULL HAVING count(*) > 0;
  RETURN NULL;
END;
$$;
CREATE TRIGGER rollup_population_categories_delete AFTER DELETE ON person_categories
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_population_categories_delete();

-- Back-fill (called by `rebuildRollups` with every other family's): one aggregated row per figure ×
-- community × day, in one pass over `assessments` (each person's open categories gathered once).
CREATE FUNCTION rollup_backfill_population() RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_population_delta (figure, region_code, day, delta)
  SELECT rollup_population_figure(g.grp, a.instrument, a.severity), substr(a.region_code, 1, 12), rollup_local_day(a.completed_at), count(*)
    FROM assessments a
    LEFT JOIN (SELECT person_id, array_agg(DISTINCT category) AS cats FROM person_categories WHERE valid_to IS NULL GROUP BY 1) c
      ON c.person_id = a.person_id
    CROSS JOIN LATERAL unnest(ARRAY['all'] || coalesce(c.cats, ARRAY[]::text[])) AS g (grp)
   WHERE a.status = 'submitted' AND a.completed_at IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM assessments n WHERE n.previous_id = a.id)
   GROUP BY 1, 2, 3;
$$;

SELECT rollup_backfill_population();

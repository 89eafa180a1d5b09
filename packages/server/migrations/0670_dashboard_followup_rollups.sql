-- Follow-up figures in the dashboard rollups (issue 8; definitions in
-- packages/domain/src/figures/followup-figures.ts). A task counts in the region recorded on it (an open task
-- moves with its enrolment on a transfer; a closed one stays where it was done). Outcomes are anchored on
-- the window end; "overdue" (open, window passed) on the day after it; "open" on the day created.
-- "On time" needs the visit date of the task's record, which is written after the task is closed, so the
-- record table has a trigger too: it swaps the task's contribution without the old visit date for the one
-- with the new.

-- The community code a record is rolled up in (domain: family-figure-helpers.ts heldRegion). A record held
-- above a community (a group session across communities, a hotline line's city, a street-level report)
-- counts under a reserved code below its region with the missing levels filled with 9s (county
-- 420102000000 → 420102999999), so it counts in its region and every region above and in no real child.
-- Community and grid codes give their community. Used by every service family (0670–0695).
CREATE FUNCTION rollup_held_region(region text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN substr(region, 10, 3) NOT IN ('000', '') THEN substr(region, 1, 12)
    WHEN substr(region, 7, 3) <> '000' THEN substr(region, 1, 9) || '999'
    WHEN substr(region, 5, 2) <> '00' THEN substr(region, 1, 6) || '999999'
    WHEN substr(region, 3, 2) <> '00' THEN substr(region, 1, 4) || '99999999'
    WHEN substr(region, 1, 2) <> '00' THEN substr(region, 1, 2) || '9999999999'
    ELSE '999999999999'
  END
$$;

CREATE FUNCTION rollup_followup_rows(status text, window_end date, created_at timestamptz, visited_on date)
RETURNS TABLE (figure text, day date) LANGUAGE sql IMMUTABLE AS $$
  SELECT v.f, v.d FROM (VALUES
    ('followup.due', window_end, status <> 'cancelled'),
    ('followup.done', window_end, status = 'done'),
    ('followup.done_on_time', window_end, status = 'done' AND visited_on IS NOT NULL AND visited_on <= window_end),
    ('followup.unreachable', window_end, status = 'unreachable'),
    ('followup.overdue', window_end + 1, status IN ('scheduled', 'due', 'overdue')),
    ('followup.open', rollup_local_day(created_at), status IN ('scheduled', 'due', 'overdue'))
  ) AS v(f, d, ok) WHERE v.ok
$$;

CREATE FUNCTION rollup_followup_emit(region text, status text, window_end date, created_at timestamptz, visited_on date, sign integer)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_delta (figure, region_code, day, delta)
  SELECT r.figure, rollup_held_region(region), r.day, sign FROM rollup_followup_rows(status, window_end, created_at, visited_on) AS r
$$;

CREATE FUNCTION rollup_followup_tasks_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v date;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status = NEW.status AND OLD.region_code = NEW.region_code
     AND OLD.window_end = NEW.window_end AND OLD.created_at = NEW.created_at AND OLD.id = NEW.id THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    SELECT r.visited_on INTO v FROM followup_records r WHERE r.task_id = OLD.id;
    PERFORM rollup_followup_emit(rollup_held_region(OLD.region_code), OLD.status, OLD.window_end, OLD.created_at, v, -1);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    SELECT r.visited_on INTO v FROM followup_records r WHERE r.task_id = NEW.id;
    PERFORM rollup_followup_emit(rollup_held_region(NEW.region_code), NEW.status, NEW.window_end, NEW.created_at, v, 1);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER rollup_followup_tasks AFTER INSERT OR UPDATE OR DELETE ON followup_tasks
  FOR EACH ROW EXECUTE FUNCTION rollup_followup_tasks_trigger();

CREATE FUNCTION rollup_followup_records_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.task_id = NEW.task_id AND OLD.visited_on = NEW.visited_on THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM rollup_followup_emit(t.region_code, t.status, t.window_end, t.created_at, OLD.visited_on, -1),
            rollup_followup_emit(t.region_code, t.status, t.window_end, t.created_at, NULL, 1)
       FROM followup_tasks t WHERE t.id = OLD.task_id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM rollup_followup_emit(t.region_code, t.status, t.window_end, t.created_at, NULL, -1),
            rollup_followup_emit(t.region_code, t.status, t.window_end, t.created_at, NEW.visited_on, 1)
       FROM followup_tasks t WHERE t.id = NEW.task_id;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER rollup_followup_records AFTER INSERT OR UPDATE OR DELETE ON followup_records
  FOR EACH ROW EXECUTE FUNCTION rollup_followup_records_trigger();

-- Every existing task's contribution, one row per figure × community × day with the count (also called by a
-- full rebuild of the rollups, which runs every rollup_backfill_<family>()).
CREATE FUNCTION rollup_backfill_followup() RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_delta (figure, region_code, day, delta)
  SELECT r.figure, rollup_held_region(t.region_code), r.day, count(*)
    FROM followup_tasks t
    LEFT JOIN followup_records rec ON rec.task_id = t.id
    CROSS JOIN LATERAL rollup_followup_rows(t.status, t.window_end, t.created_at, rec.visited_on) AS r
   GROUP BY 1, 2, 3
$$;
SELECT rollup_backfill_followup();

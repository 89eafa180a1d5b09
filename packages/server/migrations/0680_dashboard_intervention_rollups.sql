-- Interventions by type in the dashboard rollups (issue 8; definitions in
-- packages/domain/src/figures/intervention-figures.ts): counseling plans (started by start date unless
-- cancelled; open = active or paused, by day created) and sessions (by session date), each in the region
-- recorded on it.

CREATE FUNCTION rollup_counseling_plan_rows(type text, status text, start_date date, created_at timestamptz)
RETURNS TABLE (figure text, day date) LANGUAGE sql IMMUTABLE AS $$
  SELECT v.f, v.d FROM (VALUES
    ('interventions.plans_started', start_date, status <> 'cancelled'),
    ('interventions.plans_started.' || type, start_date, status <> 'cancelled'),
    ('interventions.plans_open', rollup_local_day(created_at), status IN ('active', 'paused')),
    ('interventions.plans_open.' || type, rollup_local_day(created_at), status IN ('active', 'paused'))
  ) AS v(f, d, ok) WHERE v.ok
$$;

CREATE FUNCTION rollup_counseling_plan_emit(region text, type text, status text, start_date date, created_at timestamptz, sign integer)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_delta (figure, region_code, day, delta)
  SELECT r.figure, rollup_held_region(region), r.day, sign FROM rollup_counseling_plan_rows(type, status, start_date, created_at) AS r
$$;

CREATE FUNCTION rollup_counseling_plans_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.region_code = NEW.region_code AND OLD.type = NEW.type AND OLD.status = NEW.status
     AND OLD.start_date = NEW.start_date AND OLD.created_at = NEW.created_at THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM rollup_counseling_plan_emit(rollup_held_region(OLD.region_code), OLD.type, OLD.status, OLD.start_date, OLD.created_at, -1);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM rollup_counseling_plan_emit(rollup_held_region(NEW.region_code), NEW.type, NEW.status, NEW.start_date, NEW.created_at, 1);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER rollup_counseling_plans AFTER INSERT OR UPDATE OR DELETE ON counseling_plans
  FOR EACH ROW EXECUTE FUNCTION rollup_counseling_plans_trigger();

CREATE FUNCTION rollup_counseling_sessions_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.region_code = NEW.region_code AND OLD.type = NEW.type AND OLD.session_date = NEW.session_date THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM rollup_emit(ARRAY['interventions.sessions', 'interventions.sessions.' || OLD.type], rollup_held_region(OLD.region_code), OLD.session_date, -1);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM rollup_emit(ARRAY['interventions.sessions', 'interventions.sessions.' || NEW.type], rollup_held_region(NEW.region_code), NEW.session_date, 1);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER rollup_counseling_sessions AFTER INSERT OR UPDATE OR DELETE ON counseling_sessions
  FOR EACH ROW EXECUTE FUNCTION rollup_counseling_sessions_trigger();

-- Rows that exist now, one row per figure × community × day with the count (also called by a full rebuild
-- of the rollups, which runs every rollup_backfill_<family>()).
CREATE FUNCTION rollup_backfill_interventions() RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_delta (figure, region_code, day, delta)
  SELECT r.figure, rollup_held_region(p.region_code), r.day, count(*)
    FROM counseling_plans p CROSS JOIN LATERAL rollup_counseling_plan_rows(p.type, p.status, p.start_date, p.created_at) AS r
   GROUP BY 1, 2, 3
  UNION ALL
  SELECT f, rollup_held_region(s.region_code), s.session_date, count(*)
    FROM counseling_sessions s, unnest(ARRAY['interventions.sessions', 'interventions.sessions.' || s.type]) AS f
   GROUP BY 1, 2, 3
$$;
SELECT rollup_backfill_interventions();

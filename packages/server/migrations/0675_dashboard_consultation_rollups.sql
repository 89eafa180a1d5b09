-- Consultation turnaround in the dashboard rollups (issue 8; definitions in
-- packages/domain/src/figures/consultation-figures.ts). A request counts on its local request day in the
-- region recorded on it; "in time" = answered within 72 hours (the issue's 3 days; the assessments module
-- sets no deadline of its own).

CREATE FUNCTION rollup_consultation_figures(status text, requested_at timestamptz, reviewed_at timestamptz)
RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY['consultations.requested'] ||
    CASE WHEN status = 'completed' AND reviewed_at IS NOT NULL THEN
      ARRAY['consultations.answered'] ||
      CASE WHEN reviewed_at <= requested_at + interval '72 hours' THEN ARRAY['consultations.answered_in_time'] ELSE ARRAY[]::text[] END
    ELSE ARRAY['consultations.open'] END
$$;

CREATE FUNCTION rollup_consultations_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.region_code = NEW.region_code AND OLD.requested_at = NEW.requested_at
     AND rollup_consultation_figures(OLD.status, OLD.requested_at, OLD.reviewed_at) = rollup_consultation_figures(NEW.status, NEW.requested_at, NEW.reviewed_at) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM rollup_emit(rollup_consultation_figures(OLD.status, OLD.requested_at, OLD.reviewed_at), rollup_held_region(OLD.region_code), rollup_local_day(OLD.requested_at), -1);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM rollup_emit(rollup_consultation_figures(NEW.status, NEW.requested_at, NEW.reviewed_at), rollup_held_region(NEW.region_code), rollup_local_day(NEW.requested_at), 1);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER rollup_consultations AFTER INSERT OR UPDATE OR DELETE ON consultations
  FOR EACH ROW EXECUTE FUNCTION rollup_consultations_trigger();

-- Rows that exist now, one row per figure × community × day with the count (also called by a full rebuild
-- of the rollups, which runs every rollup_backfill_<family>()).
CREATE FUNCTION rollup_backfill_consultations() RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_delta (figure, region_code, day, delta)
  SELECT f, rollup_held_region(c.region_code), rollup_local_day(c.requested_at), count(*)
    FROM consultations c, unnest(rollup_consultation_figures(c.status, c.requested_at, c.reviewed_at)) AS f
   GROUP BY 1, 2, 3
$$;
SELECT rollup_backfill_consultations();

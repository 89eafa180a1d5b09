-- Assessment figures in the dashboard rollups (issue 8; definitions in
-- packages/domain/src/figures/assessment-figures.ts). A result counts on its completion day in the region
-- recorded on it while it is submitted and nobody amends it: inserting an amendment takes the amended
-- version out, deleting one (a draft) puts it back.

CREATE FUNCTION rollup_assessment_positive(instrument text, severity text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE instrument
    WHEN 'phq9' THEN severity IN ('moderate', 'moderately_severe', 'severe')
    WHEN 'gad7' THEN severity IN ('moderate', 'severe')
    WHEN 'phq15' THEN severity IN ('medium', 'high')
    WHEN 'pcl5' THEN severity IN ('probable_ptsd')
    WHEN 'k10' THEN severity IN ('high', 'very_high')
    WHEN 'k6' THEN severity IN ('serious')
    WHEN 'who5' THEN severity IN ('poor_wellbeing', 'likely_depression')
    ELSE false
  END IS TRUE
$$;

CREATE FUNCTION rollup_assessment_figures(status text, instrument text, severity text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN status <> 'submitted' THEN ARRAY[]::text[]
    ELSE ARRAY['assessments.completed', 'assessments.completed.' || instrument] ||
      CASE WHEN rollup_assessment_positive(instrument, severity)
        THEN ARRAY['assessments.positive', 'assessments.positive.' || instrument] ELSE ARRAY[]::text[] END
  END
$$;

-- Emits a row's contribution (sign ±1) unless it is superseded by an amendment.
CREATE FUNCTION rollup_assessment_emit(aid uuid, sign integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_delta (figure, region_code, day, delta)
  SELECT f, substr(a.region_code, 1, 12), rollup_local_day(a.completed_at), sign
    FROM assessments a, unnest(rollup_assessment_figures(a.status, a.instrument, a.severity)) AS f
   WHERE a.id = aid AND a.completed_at IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM assessments n WHERE n.previous_id = a.id)
$$;

CREATE FUNCTION rollup_assessments_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status = NEW.status AND OLD.severity IS NOT DISTINCT FROM NEW.severity
     AND OLD.instrument = NEW.instrument AND OLD.region_code = NEW.region_code
     AND OLD.completed_at IS NOT DISTINCT FROM NEW.completed_at AND OLD.previous_id IS NOT DISTINCT FROM NEW.previous_id THEN
    RETURN NULL;
  END IF;
  -- The row itself (OLD is not superseded by itself; an amendment of OLD keeps it out either way).
  IF TG_OP <> 'INSERT' AND OLD.completed_at IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM assessments n WHERE n.previous_id = OLD.id) THEN
    PERFORM rollup_emit(rollup_assessment_figures(OLD.status, OLD.instrument, OLD.severity), OLD.region_code, rollup_local_day(OLD.completed_at), -1);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM rollup_assessment_emit(NEW.id, 1);
  END IF;
  -- The version it amends leaves the count (or comes back when the amendment goes).
  IF TG_OP <> 'INSERT' AND OLD.previous_id IS NOT NULL AND OLD.previous_id IS DISTINCT FROM (CASE WHEN TG_OP = 'UPDATE' THEN NEW.previous_id END) THEN
    PERFORM rollup_assessment_emit(OLD.previous_id, 1);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.previous_id IS NOT NULL AND NEW.previous_id IS DISTINCT FROM (CASE WHEN TG_OP = 'UPDATE' THEN OLD.previous_id END) THEN
    -- NEW now amends it, so rollup_assessment_emit would see it superseded: emit its figures directly.
    INSERT INTO rollup_delta (figure, region_code, day, delta)
    SELECT f, substr(p.region_code, 1, 12), rollup_local_day(p.completed_at), -1
      FROM assessments p, unnest(rollup_assessment_figures(p.status, p.instrument, p.severity)) AS f
     WHERE p.id = NEW.previous_id AND p.completed_at IS NOT NULL;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER rollup_assessments AFTER INSERT OR UPDATE OR DELETE ON assessments
  FOR EACH ROW EXECUTE FUNCTION rollup_assessments_trigger();

INSERT INTO rollup_delta (figure, region_code, day, delta)
SELECT f, substr(a.region_code, 1, 12), rollup_local_day(a.completed_at), 1
  FROM assessments a, unnest(rollup_assessment_figures(a.status, a.instrument, a.severity)) AS f
 WHERE a.completed_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM assessments n WHERE n.previous_id = a.id);

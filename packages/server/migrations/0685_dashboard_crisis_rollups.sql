-- Crisis figures in the dashboard rollups (issue 8; definitions in
-- packages/domain/src/figures/crisis-figures.ts). A case counts in the region recorded on it: opened / open
-- (by current level) / contacted in time on its local opening day, closed on its closing day. Admissions
-- count on their admission date in their case's region (re-emitted if the case's region changes).
-- "In time" uses the standard first-contact limits (imminent 1 h, high 24 h, moderate 72 h from
-- level_set_at) — the domain's DEFAULT_FIRST_CONTACT — not the deployment's setting.

CREATE FUNCTION rollup_crisis_in_time(level text, level_set_at timestamptz, first_contact_at timestamptz)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT first_contact_at IS NOT NULL AND first_contact_at <= level_set_at +
    CASE level WHEN 'imminent' THEN interval '1 hour' WHEN 'high' THEN interval '24 hours' ELSE interval '72 hours' END
$$;

CREATE FUNCTION rollup_crisis_case_rows(status text, level text, level_set_at timestamptz, opened_at timestamptz,
                                        first_contact_at timestamptz, closed_at timestamptz)
RETURNS TABLE (figure text, day date) LANGUAGE sql IMMUTABLE AS $$
  SELECT v.f, v.d FROM (VALUES
    ('crisis.opened', rollup_local_day(opened_at), true),
    ('crisis.open', rollup_local_day(opened_at), status <> 'closed'),
    ('crisis.open.' || level, rollup_local_day(opened_at), status <> 'closed'),
    ('crisis.contact_in_time', rollup_local_day(opened_at), rollup_crisis_in_time(level, level_set_at, first_contact_at)),
    ('crisis.closed', rollup_local_day(closed_at), status = 'closed' AND closed_at IS NOT NULL)
  ) AS v(f, d, ok) WHERE v.ok
$$;

CREATE FUNCTION rollup_crisis_case_emit(c crisis_cases, sign integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_delta (figure, region_code, day, delta)
  SELECT r.figure, rollup_held_region(c.region_code), r.day, sign
    FROM rollup_crisis_case_rows(c.status, c.level, c.level_set_at, c.opened_at, c.first_contact_at, c.closed_at) AS r
$$;

CREATE FUNCTION rollup_crisis_admission_figures(involuntary boolean) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN involuntary THEN ARRAY['crisis.admissions', 'crisis.admissions_involuntary'] ELSE ARRAY['crisis.admissions'] END
$$;

-- A case's admissions, counted in `region` (the case's region).
CREATE FUNCTION rollup_crisis_admissions_of(cid uuid, region text, sign integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_delta (figure, region_code, day, delta)
  SELECT f, rollup_held_region(region), a.admitted_on, sign
    FROM crisis_admissions a, unnest(rollup_crisis_admission_figures(a.involuntary)) AS f
   WHERE a.case_id = cid
$$;

CREATE FUNCTION rollup_crisis_cases_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.region_code = NEW.region_code AND OLD.status = NEW.status AND OLD.level = NEW.level
     AND OLD.level_set_at = NEW.level_set_at AND OLD.opened_at = NEW.opened_at
     AND OLD.first_contact_at IS NOT DISTINCT FROM NEW.first_contact_at AND OLD.closed_at IS NOT DISTINCT FROM NEW.closed_at THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM rollup_crisis_case_emit(OLD, -1);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM rollup_crisis_case_emit(NEW, 1);
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.region_code <> NEW.region_code THEN
    PERFORM rollup_crisis_admissions_of(NEW.id, OLD.region_code, -1);
    PERFORM rollup_crisis_admissions_of(NEW.id, NEW.region_code, 1);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER rollup_crisis_cases AFTER INSERT OR UPDATE OR DELETE ON crisis_cases
  FOR EACH ROW EXECUTE FUNCTION rollup_crisis_cases_trigger();

CREATE FUNCTION rollup_crisis_admissions_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.case_id = NEW.case_id AND OLD.admitted_on = NEW.admitted_on AND OLD.involuntary = NEW.involuntary THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO rollup_delta (figure, region_code, day, delta)
    SELECT f, rollup_held_region(c.region_code), OLD.admitted_on, -1
      FROM crisis_cases c, unnest(rollup_crisis_admission_figures(OLD.involuntary)) AS f WHERE c.id = OLD.case_id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO rollup_delta (figure, region_code, day, delta)
    SELECT f, rollup_held_region(c.region_code), NEW.admitted_on, 1
      FROM crisis_cases c, unnest(rollup_crisis_admission_figures(NEW.involuntary)) AS f WHERE c.id = NEW.case_id;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER rollup_crisis_admissions AFTER INSERT OR UPDATE OR DELETE ON crisis_admissions
  FOR EACH ROW EXECUTE FUNCTION rollup_crisis_admissions_trigger();

-- Rows that exist now, one row per figure × community × day with the count (also called by a full rebuild
-- of the rollups, which runs every rollup_backfill_<family>()).
CREATE FUNCTION rollup_backfill_crisis() RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_delta (figure, region_code, day, delta)
  SELECT r.figure, rollup_held_region(c.region_code), r.day, count(*)
    FROM crisis_cases c
    CROSS JOIN LATERAL rollup_crisis_case_rows(c.status, c.level, c.level_set_at, c.opened_at, c.first_contact_at, c.closed_at) AS r
   GROUP BY 1, 2, 3
  UNION ALL
  SELECT f, rollup_held_region(c.region_code), a.admitted_on, count(*)
    FROM crisis_admissions a JOIN crisis_cases c ON c.id = a.case_id, unnest(rollup_crisis_admission_figures(a.involuntary)) AS f
   GROUP BY 1, 2, 3
$$;
SELECT rollup_backfill_crisis();

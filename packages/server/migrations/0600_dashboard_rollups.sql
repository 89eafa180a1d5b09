-- Dashboard rollups (issue 8). Triggers on the register's base tables append one row per counted change
-- to `rollup_delta` (insert-only, so concurrent writers never wait on a shared counter row), in the same
-- transaction as the change. `refreshRollups` (a recurring job) folds the log into `rollup_counts`, which
-- holds every level (country 0, province 2, city 4, county 6, street 9, community 12 significant digits)
-- per figure and day. The summary reads `rollup_counts` for the region plus the not-yet-folded deltas
-- under its prefix in one statement, so figures are exact at read time and reads stay small.
-- Figure predicates mirror packages/domain/src/figures/register-figures.ts (checked by a property test).
-- Anchor days are Asia/Shanghai calendar days (China has one time zone).

CREATE TABLE rollup_counts (
  figure      text COLLATE "C" NOT NULL,
  region_code text COLLATE "C" NOT NULL,
  level       smallint NOT NULL CHECK (level IN (0, 2, 4, 6, 9, 12)),
  day         date NOT NULL,
  value       bigint NOT NULL,
  PRIMARY KEY (region_code, figure, day)
);
CREATE INDEX rollup_counts_children_idx ON rollup_counts (level, region_code, day);

CREATE TABLE rollup_delta (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  figure      text COLLATE "C" NOT NULL,
  -- The community (first 12 digits of the record's region).
  region_code text COLLATE "C" NOT NULL,
  day         date NOT NULL,
  delta       integer NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX rollup_delta_region_idx ON rollup_delta (region_code);

CREATE FUNCTION rollup_local_day(ts timestamptz) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT (ts AT TIME ZONE 'Asia/Shanghai')::date
$$;

CREATE FUNCTION rollup_emit(figures text[], region text, d date, sign integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_delta (figure, region_code, day, delta)
  SELECT f, substr(region, 1, 12), d, sign FROM unnest(figures) AS f
$$;

-- persons ------------------------------------------------------------------------------------------
CREATE FUNCTION rollup_person_figures(merged uuid, status text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN merged IS NOT NULL THEN ARRAY[]::text[]
    ELSE ARRAY['register.new_persons', 'register.persons'] ||
      CASE status
        WHEN 'verified' THEN ARRAY['register.verified']
        WHEN 'corrected' THEN ARRAY['register.verified']
        WHEN 'pending' THEN ARRAY['register.pending']
        WHEN 'moved' THEN ARRAY['register.moved']
        WHEN 'deceased' THEN ARRAY['register.deceased']
        WHEN 'not_found' THEN ARRAY['register.not_found']
        ELSE ARRAY[]::text[]
      END
  END
$$;

-- A person's categories and hospital episodes count in the person's residence while the person is live.
CREATE FUNCTION rollup_person_dependents(pid uuid, region text, sign integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_delta (figure, region_code, day, delta)
  SELECT 'register.category.' || c.category, substr(region, 1, 12), rollup_local_day(c.created_at), sign
    FROM person_categories c WHERE c.person_id = pid AND c.valid_to IS NULL
  UNION ALL
  SELECT 'register.admissions', substr(region, 1, 12), e.admission_date, sign FROM hospital_episodes e WHERE e.person_id = pid
  UNION ALL
  SELECT 'register.discharges', substr(region, 1, 12), e.discharge_date, sign
    FROM hospital_episodes e WHERE e.person_id = pid AND e.discharge_date IS NOT NULL
$$;

CREATE FUNCTION rollup_persons_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_f text[];
  new_f text[];
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM rollup_emit(rollup_person_figures(OLD.merged_into, OLD.verification_status), OLD.region_code, rollup_local_day(OLD.created_at), -1);
    RETURN NULL;
  END IF;
  new_f := rollup_person_figures(NEW.merged_into, NEW.verification_status);
  IF TG_OP = 'INSERT' THEN
    PERFORM rollup_emit(new_f, NEW.region_code, rollup_local_day(NEW.created_at), 1);
    RETURN NULL;
  END IF;
  old_f := rollup_person_figures(OLD.merged_into, OLD.verification_status);
  IF old_f IS DISTINCT FROM new_f OR OLD.region_code <> NEW.region_code OR OLD.created_at <> NEW.created_at THEN
    PERFORM rollup_emit(old_f, OLD.region_code, rollup_local_day(OLD.created_at), -1);
    PERFORM rollup_emit(new_f, NEW.region_code, rollup_local_day(NEW.created_at), 1);
  END IF;
  IF OLD.region_code <> NEW.region_code OR (OLD.merged_into IS NULL) <> (NEW.merged_into IS NULL) THEN
    IF OLD.merged_into IS NULL THEN PERFORM rollup_person_dependents(OLD.id, OLD.region_code, -1); END IF;
    IF NEW.merged_into IS NULL THEN PERFORM rollup_person_dependents(NEW.id, NEW.region_code, 1); END IF;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER rollup_persons AFTER INSERT OR UPDATE OR DELETE ON persons
  FOR EACH ROW EXECUTE FUNCTION rollup_persons_trigger();

-- Before a person row goes, take its dependents out (the cascade then finds no live person for them).
CREATE FUNCTION rollup_persons_before_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.merged_into IS NULL THEN PERFORM rollup_person_dependents(OLD.id, OLD.region_code, -1); END IF;
  RETURN OLD;
END;
$$;
CREATE TRIGGER rollup_persons_delete BEFORE DELETE ON persons
  FOR EACH ROW EXECUTE FUNCTION rollup_persons_before_delete();

-- person_categories --------------------------------------------------------------------------------
CREATE FUNCTION rollup_categories_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.valid_to IS NULL THEN
    INSERT INTO rollup_delta (figure, region_code, day, delta)
    SELECT 'register.category.' || OLD.category, substr(p.region_code, 1, 12), rollup_local_day(OLD.created_at), -1
      FROM persons p WHERE p.id = OLD.person_id AND p.merged_into IS NULL;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.valid_to IS NULL THEN
    INSERT INTO rollup_delta (figure, region_code, day, delta)
    SELECT 'register.category.' || NEW.category, substr(p.region_code, 1, 12), rollup_local_day(NEW.created_at), 1
      FROM persons p WHERE p.id = NEW.person_id AND p.merged_into IS NULL;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER rollup_categories AFTER INSERT OR UPDATE OR DELETE ON person_categories
  FOR EACH ROW EXECUTE FUNCTION rollup_categories_trigger();

-- hospital_episodes --------------------------------------------------------------------------------
CREATE FUNCTION rollup_episodes_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.person_id = NEW.person_id AND OLD.admission_date = NEW.admission_date
     AND OLD.discharge_date IS NOT DISTINCT FROM NEW.discharge_date THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO rollup_delta (figure, region_code, day, delta)
    SELECT 'register.admissions', substr(p.region_code, 1, 12), OLD.admission_date, -1
      FROM persons p WHERE p.id = OLD.person_id AND p.merged_into IS NULL
    UNION ALL
    SELECT 'register.discharges', substr(p.region_code, 1, 12), OLD.discharge_date, -1
      FROM persons p WHERE p.id = OLD.person_id AND p.merged_into IS NULL AND OLD.discharge_date IS NOT NULL;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO rollup_delta (figure, region_code, day, delta)
    SELECT 'register.admissions', substr(p.region_code, 1, 12), NEW.admission_date, 1
      FROM persons p WHERE p.id = NEW.person_id AND p.merged_into IS NULL
    UNION ALL
    SELECT 'register.discharges', substr(p.region_code, 1, 12), NEW.discharge_date, 1
      FROM persons p WHERE p.id = NEW.person_id AND p.merged_into IS NULL AND NEW.discharge_date IS NOT NULL;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER rollup_episodes AFTER INSERT OR UPDATE OR DELETE ON hospital_episodes
  FOR EACH ROW EXECUTE FUNCTION rollup_episodes_trigger();

-- handovers ----------------------------------------------------------------------------------------
CREATE FUNCTION rollup_handover_figures(status text, to_org uuid) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY['register.handovers']
    || CASE WHEN status = 'new' THEN ARRAY['register.handovers_open'] ELSE ARRAY[]::text[] END
    || CASE WHEN to_org IS NULL AND status <> 'closed' THEN ARRAY['register.handovers_unrouted'] ELSE ARRAY[]::text[] END
$$;

CREATE FUNCTION rollup_handovers_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.region_code = NEW.region_code AND OLD.created_at = NEW.created_at
     AND rollup_handover_figures(OLD.status, OLD.to_org_id) = rollup_handover_figures(NEW.status, NEW.to_org_id) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM rollup_emit(rollup_handover_figures(OLD.status, OLD.to_org_id), OLD.region_code, rollup_local_day(OLD.created_at), -1);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM rollup_emit(rollup_handover_figures(NEW.status, NEW.to_org_id), NEW.region_code, rollup_local_day(NEW.created_at), 1);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER rollup_handovers AFTER INSERT OR UPDATE OR DELETE ON handovers
  FOR EACH ROW EXECUTE FUNCTION rollup_handovers_trigger();

-- Rows that existed before this migration.
INSERT INTO rollup_delta (figure, region_code, day, delta)
SELECT f, substr(p.region_code, 1, 12), rollup_local_day(p.created_at), 1
  FROM persons p, unnest(rollup_person_figures(p.merged_into, p.verification_status)) AS f;
INSERT INTO rollup_delta (figure, region_code, day, delta)
SELECT 'register.category.' || c.category, substr(p.region_code, 1, 12), rollup_local_day(c.created_at), 1
  FROM person_categories c JOIN persons p ON p.id = c.person_id WHERE p.merged_into IS NULL AND c.valid_to IS NULL;
INSERT INTO rollup_delta (figure, region_code, day, delta)
SELECT 'register.admissions', substr(p.region_code, 1, 12), e.admission_date, 1
  FROM hospital_episodes e JOIN persons p ON p.id = e.person_id WHERE p.merged_into IS NULL;
INSERT INTO rollup_delta (figure, region_code, day, delta)
SELECT 'register.discharges', substr(p.region_code, 1, 12), e.discharge_date, 1
  FROM hospital_episodes e JOIN persons p ON p.id = e.person_id WHERE p.merged_into IS NULL AND e.discharge_date IS NOT NULL;
INSERT INTO rollup_delta (figure, region_code, day, delta)
SELECT f, substr(h.region_code, 1, 12), rollup_local_day(h.created_at), 1
  FROM handovers h, unnest(rollup_handover_figures(h.status, h.to_org_id)) AS f;

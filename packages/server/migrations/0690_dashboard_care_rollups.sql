-- Care visits and aid requests in the dashboard rollups (issue 8; definitions in
-- packages/domain/src/figures/care-figures.ts). A visit counts on its date, an aid request (referrals of
-- kind 'aid') on its local day sent, each in the region recorded on it.

CREATE FUNCTION rollup_care_visit_figures(needs jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN jsonb_typeof(needs) = 'array' AND jsonb_array_length(needs) > 0
    THEN ARRAY['care.visits', 'care.visits_with_needs'] ELSE ARRAY['care.visits'] END
$$;

CREATE FUNCTION rollup_care_visits_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.region_code = NEW.region_code AND OLD.visit_date = NEW.visit_date
     AND rollup_care_visit_figures(OLD.needs) = rollup_care_visit_figures(NEW.needs) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM rollup_emit(rollup_care_visit_figures(OLD.needs), rollup_held_region(OLD.region_code), OLD.visit_date, -1);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM rollup_emit(rollup_care_visit_figures(NEW.needs), rollup_held_region(NEW.region_code), NEW.visit_date, 1);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER rollup_care_visits AFTER INSERT OR UPDATE OR DELETE ON care_visits
  FOR EACH ROW EXECUTE FUNCTION rollup_care_visits_trigger();

CREATE FUNCTION rollup_aid_request_figures(kind text, status text, accepted_at timestamptz) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN kind <> 'aid' THEN ARRAY[]::text[]
    ELSE ARRAY['care.aid_requests']
      || CASE WHEN accepted_at IS NOT NULL THEN ARRAY['care.aid_accepted'] ELSE ARRAY[]::text[] END
      || CASE WHEN status = 'sent' THEN ARRAY['care.aid_pending'] ELSE ARRAY[]::text[] END
  END
$$;

CREATE FUNCTION rollup_aid_requests_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.region_code = NEW.region_code AND OLD.sent_at = NEW.sent_at
     AND rollup_aid_request_figures(OLD.kind, OLD.status, OLD.accepted_at) = rollup_aid_request_figures(NEW.kind, NEW.status, NEW.accepted_at) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM rollup_emit(rollup_aid_request_figures(OLD.kind, OLD.status, OLD.accepted_at), rollup_held_region(OLD.region_code), rollup_local_day(OLD.sent_at), -1);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM rollup_emit(rollup_aid_request_figures(NEW.kind, NEW.status, NEW.accepted_at), rollup_held_region(NEW.region_code), rollup_local_day(NEW.sent_at), 1);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER rollup_aid_requests AFTER INSERT OR UPDATE OR DELETE ON referrals
  FOR EACH ROW EXECUTE FUNCTION rollup_aid_requests_trigger();

-- Rows that exist now, one row per figure × community × day with the count (also called by a full rebuild
-- of the rollups, which runs every rollup_backfill_<family>()).
CREATE FUNCTION rollup_backfill_care() RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_delta (figure, region_code, day, delta)
  SELECT f, rollup_held_region(v.region_code), v.visit_date, count(*)
    FROM care_visits v, unnest(rollup_care_visit_figures(v.needs)) AS f
   GROUP BY 1, 2, 3
  UNION ALL
  SELECT f, rollup_held_region(r.region_code), rollup_local_day(r.sent_at), count(*)
    FROM referrals r, unnest(rollup_aid_request_figures(r.kind, r.status, r.accepted_at)) AS f
   WHERE r.kind = 'aid'
   GROUP BY 1, 2, 3
$$;
SELECT rollup_backfill_care();

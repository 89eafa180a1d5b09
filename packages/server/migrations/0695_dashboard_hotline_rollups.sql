-- Hotline figures in the dashboard rollups (issue 8; definitions in
-- packages/domain/src/figures/hotline-figures.ts, outcomes as in hotline/call-metrics.ts classifyCall).
-- A call counts on its local day offered, in the region recorded on it (its line's region). A hang-up
-- within 5 s of the offer is a short abandon (a misdial): neither answered nor abandoned. Categories count
-- filed records once per distinct top-level problem category. Saving a draft record changes no figure, so
-- the trigger emits nothing for it.

CREATE FUNCTION rollup_hotline_figures(offered_at timestamptz, answered_at timestamptz, abandoned_at timestamptz,
                                       ended_at timestamptz, record_status text, problems jsonb)
RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY['hotline.calls']
    || CASE
         WHEN answered_at IS NOT NULL THEN ARRAY['hotline.answered', 'hotline.handled']
         WHEN coalesce(abandoned_at, ended_at) IS NULL THEN ARRAY[]::text[]
         WHEN coalesce(abandoned_at, ended_at) < offered_at + interval '5 seconds' THEN ARRAY[]::text[]
         ELSE ARRAY['hotline.abandoned', 'hotline.handled']
       END
    || CASE WHEN record_status = 'filed' THEN
         ARRAY['hotline.filed'] || coalesce((
           SELECT array_agg(DISTINCT 'hotline.category.' || (p ->> 'category'))
             FROM jsonb_array_elements(CASE WHEN jsonb_typeof(problems) = 'array' THEN problems ELSE '[]'::jsonb END) AS p
            WHERE p ->> 'category' IS NOT NULL), ARRAY[]::text[])
       ELSE ARRAY[]::text[] END
$$;

CREATE FUNCTION rollup_hotline_calls_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.region_code = NEW.region_code AND OLD.offered_at = NEW.offered_at
     AND rollup_hotline_figures(OLD.offered_at, OLD.answered_at, OLD.abandoned_at, OLD.ended_at, OLD.record_status, OLD.problems)
       = rollup_hotline_figures(NEW.offered_at, NEW.answered_at, NEW.abandoned_at, NEW.ended_at, NEW.record_status, NEW.problems) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM rollup_emit(rollup_hotline_figures(OLD.offered_at, OLD.answered_at, OLD.abandoned_at, OLD.ended_at, OLD.record_status, OLD.problems),
                        rollup_held_region(OLD.region_code), rollup_local_day(OLD.offered_at), -1);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM rollup_emit(rollup_hotline_figures(NEW.offered_at, NEW.answered_at, NEW.abandoned_at, NEW.ended_at, NEW.record_status, NEW.problems),
                        rollup_held_region(NEW.region_code), rollup_local_day(NEW.offered_at), 1);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER rollup_hotline_calls AFTER INSERT OR UPDATE OR DELETE ON hotline_calls
  FOR EACH ROW EXECUTE FUNCTION rollup_hotline_calls_trigger();

-- Rows that exist now, one row per figure × community × day with the count (also called by a full rebuild
-- of the rollups, which runs every rollup_backfill_<family>()).
CREATE FUNCTION rollup_backfill_hotline() RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_delta (figure, region_code, day, delta)
  SELECT f, rollup_held_region(c.region_code), rollup_local_day(c.offered_at), count(*)
    FROM hotline_calls c,
         unnest(rollup_hotline_figures(c.offered_at, c.answered_at, c.abandoned_at, c.ended_at, c.record_status, c.problems)) AS f
   GROUP BY 1, 2, 3
$$;
SELECT rollup_backfill_hotline();

-- The population back-fill (0700) without its GROUP BY. Its keys are group × instrument × severity band
-- per community and day, and a community has a handful of results a day, so the grouping hardly merges
-- rows (≈ 0.9 groups per row at 50M results) while its hash table, one entry per output row, spills
-- several GB at that size. A full rebuild builds the log one month at a time and adds the rows up there
-- (rebuild-rollups.ts), so the log may hold one row per result × group: same rollup, no large spill.
CREATE OR REPLACE FUNCTION rollup_backfill_population() RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_population_delta (figure, region_code, day, delta)
  SELECT rollup_population_figure(g.grp, a.instrument, a.severity), substr(a.region_code, 1, 12), rollup_local_day(a.completed_at), 1
    FROM assessments a
    LEFT JOIN (SELECT person_id, array_agg(DISTINCT category) AS cats FROM person_categories WHERE valid_to IS NULL GROUP BY 1) c
      ON c.person_id = a.person_id
    CROSS JOIN LATERAL unnest(ARRAY['all'] || coalesce(c.cats, ARRAY[]::text[])) AS g (grp)
   WHERE a.status = 'submitted' AND a.completed_at IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM assessments n WHERE n.previous_id = a.id);
$$;

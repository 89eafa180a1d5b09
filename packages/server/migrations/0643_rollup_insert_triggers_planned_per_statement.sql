-- The statement-level INSERT triggers of 0640 that join `persons` (categories, episodes) run their
-- INSERT … SELECT through EXECUTE, so it is planned for the table as it is now. PL/pgSQL keeps the plan of
-- a static statement for the whole session: an import's session planned it in its first batch, when
-- `persons` held a thousand rows, and kept a hash join over a sequential scan of `persons` while the
-- register grew to a million (most of the import's database time at 500 000 persons). Planning
-- each time costs a fraction of a millisecond per statement; the plan is then an index probe per row.
CREATE OR REPLACE FUNCTION rollup_categories_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE $q$
    INSERT INTO rollup_delta (figure, region_code, day, delta)
    SELECT 'register.category.' || n.category, substr(p.region_code, 1, 12), rollup_local_day(n.created_at), 1
      FROM new_rows n JOIN persons p ON p.id = n.person_id
     WHERE n.valid_to IS NULL AND p.merged_into IS NULL
  $q$;
  RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION rollup_episodes_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE $q$
    INSERT INTO rollup_delta (figure, region_code, day, delta)
    SELECT x.figure, substr(p.region_code, 1, 12), x.day, 1
      FROM new_rows n JOIN persons p ON p.id = n.person_id
      CROSS JOIN LATERAL (VALUES ('register.admissions', n.admission_date), ('register.discharges', n.discharge_date)) AS x(figure, day)
     WHERE p.merged_into IS NULL AND x.day IS NOT NULL
  $q$;
  RETURN NULL;
END;
$$;

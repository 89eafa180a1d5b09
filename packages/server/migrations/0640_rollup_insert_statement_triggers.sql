-- Register rollups (0600) for inserts, one statement at a time instead of one row at a time (issue 3: an
-- import inserts persons, categories, episodes and hand-overs in multi-row statements, and a row-level
-- trigger ran a PL/pgSQL call and an INSERT into rollup_delta for every row). An AFTER INSERT … FOR EACH
-- STATEMENT trigger sees the statement's rows in its transition table and appends exactly the rows the
-- row-level triggers of 0600 appended (same figure functions, same predicates), in one INSERT … SELECT.
-- Updates and deletes keep their row-level triggers (0600 functions, unchanged). Statement-level AFTER
-- triggers run at the end of the statement, like the queued row-level AFTER triggers they replace, so a
-- category inserted together with its person (e.g. in one CTE) still finds the person.

DROP TRIGGER rollup_persons ON persons;
CREATE TRIGGER rollup_persons AFTER UPDATE OR DELETE ON persons
  FOR EACH ROW EXECUTE FUNCTION rollup_persons_trigger();
CREATE FUNCTION rollup_persons_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_delta (figure, region_code, day, delta)
  SELECT f, substr(n.region_code, 1, 12), rollup_local_day(n.created_at), 1
    FROM new_rows n, unnest(rollup_person_figures(n.merged_into, n.verification_status)) AS f;
  RETURN NULL;
END;
$$;
CREATE TRIGGER rollup_persons_insert AFTER INSERT ON persons
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_persons_insert();

DROP TRIGGER rollup_categories ON person_categories;
CREATE TRIGGER rollup_categories AFTER UPDATE OR DELETE ON person_categories
  FOR EACH ROW EXECUTE FUNCTION rollup_categories_trigger();
CREATE FUNCTION rollup_categories_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_delta (figure, region_code, day, delta)
  SELECT 'register.category.' || n.category, substr(p.region_code, 1, 12), rollup_local_day(n.created_at), 1
    FROM new_rows n JOIN persons p ON p.id = n.person_id
   WHERE n.valid_to IS NULL AND p.merged_into IS NULL;
  RETURN NULL;
END;
$$;
CREATE TRIGGER rollup_categories_insert AFTER INSERT ON person_categories
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_categories_insert();

DROP TRIGGER rollup_episodes ON hospital_episodes;
CREATE TRIGGER rollup_episodes AFTER UPDATE OR DELETE ON hospital_episodes
  FOR EACH ROW EXECUTE FUNCTION rollup_episodes_trigger();
CREATE FUNCTION rollup_episodes_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_delta (figure, region_code, day, delta)
  SELECT x.figure, substr(p.region_code, 1, 12), x.day, 1
    FROM new_rows n JOIN persons p ON p.id = n.person_id
    CROSS JOIN LATERAL (VALUES ('register.admissions', n.admission_date), ('register.discharges', n.discharge_date)) AS x(figure, day)
   WHERE p.merged_into IS NULL AND x.day IS NOT NULL;
  RETURN NULL;
END;
$$;
CREATE TRIGGER rollup_episodes_insert AFTER INSERT ON hospital_episodes
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_episodes_insert();

DROP TRIGGER rollup_handovers ON handovers;
CREATE TRIGGER rollup_handovers AFTER UPDATE OR DELETE ON handovers
  FOR EACH ROW EXECUTE FUNCTION rollup_handovers_trigger();
CREATE FUNCTION rollup_handovers_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_delta (figure, region_code, day, delta)
  SELECT f, substr(n.region_code, 1, 12), rollup_local_day(n.created_at), 1
    FROM new_rows n, unnest(rollup_handover_figures(n.status, n.to_org_id)) AS f;
  RETURN NULL;
END;
$$;
CREATE TRIGGER rollup_handovers_insert AFTER INSERT ON handovers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_handovers_insert();

-- rollup_counts rows of the upper levels (country, province, city) are updated by every fold. Leave room
-- in each page so those updates stay HOT (no new index entries: `value` is in no index), and vacuum the
-- table sooner than the default, so reads of a province's rows do not wade through dead versions.
ALTER TABLE rollup_counts SET (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);

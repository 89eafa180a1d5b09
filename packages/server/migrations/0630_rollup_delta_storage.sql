-- rollup_delta is a queue: every fold deletes what it folded. Vacuum it eagerly so the fold's
-- `ORDER BY id LIMIT n` does not walk index entries of millions of already-folded rows.
ALTER TABLE rollup_delta SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000, autovacuum_analyze_scale_factor = 0.05);

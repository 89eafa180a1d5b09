-- Blocking keys for duplicate review (0150) now live in two places (packages/domain/src/register/
-- duplicate-blocking.ts storedBlockingKeys): a record with a national ID can only ever be paired with a
-- record without one, so it keeps just its name + birth date key on its own row, and is found by phone
-- through persons_phone_bidx_idx; records without an ID keep all their keys in person_duplicate_keys.
-- The key table had three randomly placed entries per person, the largest index an import wrote.
ALTER TABLE persons ADD COLUMN name_birth_key text COLLATE "C";

-- The update changes no column a rollup counts; skip the rollup trigger's per-row work.
ALTER TABLE persons DISABLE TRIGGER rollup_persons;
UPDATE persons p SET name_birth_key = k.key
  FROM person_duplicate_keys k
 WHERE k.person_ref = p.id AND k.key LIKE 'nb:%' AND p.national_id_bidx IS NOT NULL AND p.merged_into IS NULL;
ALTER TABLE persons ENABLE TRIGGER rollup_persons;

DELETE FROM person_duplicate_keys k USING persons p WHERE p.id = k.person_ref AND p.national_id_bidx IS NOT NULL;

CREATE INDEX persons_name_birth_key_idx ON persons (name_birth_key) WHERE name_birth_key IS NOT NULL;

-- The community side of the register (issue 3): household members, verification (核对) history,
-- family-doctor agreements, and the duplicate review queue with undoable merges.

-- While a person's verification status is 'moved', the residence (community or grid) the entry was
-- handed over to; the entry stays with the sending jurisdiction until the receiving one accepts it.
ALTER TABLE persons ADD COLUMN moved_to text COLLATE "C" REFERENCES regions (code);

-- Household members (家庭成员): another registered person, or just a name (encrypted) with the relation.
CREATE TABLE person_household (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id        uuid NOT NULL REFERENCES persons (id),
  member_person_id uuid REFERENCES persons (id),
  name_enc         text,
  relation         text NOT NULL CHECK (relation IN ('spouse', 'parent', 'child', 'sibling', 'grandparent', 'grandchild', 'other')),
  created_by       uuid REFERENCES accounts (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((member_person_id IS NULL) <> (name_enc IS NULL)),
  CHECK (member_person_id IS NULL OR member_person_id <> person_id)
);
CREATE INDEX person_household_person_idx ON person_household (person_id);

-- Every verification event: who recorded what, when, and the status change. Corrected values are not
-- kept here (they live encrypted on the person); `changed` lists only the field names.
CREATE TABLE person_verifications (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id   uuid NOT NULL REFERENCES persons (id),
  event       text NOT NULL CHECK (event IN ('confirm', 'correct', 'not_found', 'move', 'decease', 'accept_handover', 'reject_handover')),
  from_status text NOT NULL,
  to_status   text NOT NULL,
  region_code text COLLATE "C" NOT NULL REFERENCES regions (code),
  moved_to    text COLLATE "C" REFERENCES regions (code),
  deceased_on date,
  changed     text[] NOT NULL DEFAULT '{}',
  recorded_by uuid REFERENCES accounts (id),
  recorded_at timestamptz NOT NULL
);
CREATE INDEX person_verifications_person_idx ON person_verifications (person_id, recorded_at);

-- Family-doctor service agreements (家庭医生签约). The doctor is an account or, when the doctor has
-- none, a name. Status (none / signed / expired) is derived on read by the domain rule.
CREATE TABLE family_doctor_contracts (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id         uuid NOT NULL REFERENCES persons (id),
  doctor_account_id uuid REFERENCES accounts (id),
  doctor_name       text CHECK (doctor_name IS NULL OR length(doctor_name) BETWEEN 1 AND 100),
  organization_id   uuid REFERENCES organizations (id),
  signed_on         date NOT NULL,
  term_months       integer NOT NULL CHECK (term_months BETWEEN 1 AND 120),
  terminated_on     date,
  created_by        uuid REFERENCES accounts (id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (doctor_account_id IS NOT NULL OR doctor_name IS NOT NULL),
  CHECK (terminated_on IS NULL OR terminated_on >= signed_on)
);
CREATE INDEX family_doctor_contracts_person_idx ON family_doctor_contracts (person_id, signed_on);

-- Blocking keys of each person for duplicate detection (name+birth date, name+phone, birth date+phone;
-- the phone part is its blind index, so no clear phone number is stored here).
CREATE TABLE person_duplicate_keys (
  key       text NOT NULL,
  person_ref uuid NOT NULL REFERENCES persons (id),
  PRIMARY KEY (key, person_ref)
);
CREATE INDEX person_duplicate_keys_person_idx ON person_duplicate_keys (person_ref);

-- Pairs that may be one person, for a reviewer (person.merge). person_a < person_b.
CREATE TABLE duplicate_candidates (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_a    uuid NOT NULL REFERENCES persons (id),
  person_b    uuid NOT NULL REFERENCES persons (id),
  keys        text[] NOT NULL,
  status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'merged', 'dismissed')),
  created_at  timestamptz NOT NULL,
  decided_by  uuid REFERENCES accounts (id),
  decided_at  timestamptz,
  CHECK (person_a < person_b),
  UNIQUE (person_a, person_b)
);
CREATE INDEX duplicate_candidates_status_idx ON duplicate_candidates (status, created_at);

-- A merge: which rows of which tables moved from the merged record to the survivor, so it can be undone.
CREATE TABLE person_merges (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  candidate_id uuid REFERENCES duplicate_candidates (id),
  survivor_ref uuid NOT NULL REFERENCES persons (id),
  merged_ref   uuid NOT NULL REFERENCES persons (id),
  -- {"table": ["row id", …], …}
  moved        jsonb NOT NULL,
  merged_by    uuid REFERENCES accounts (id),
  merged_at    timestamptz NOT NULL,
  undone_by    uuid REFERENCES accounts (id),
  undone_at    timestamptz
);
CREATE INDEX person_merges_merged_idx ON person_merges (merged_ref);

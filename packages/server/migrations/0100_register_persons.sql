-- The register of persons the community serves (issue 3). Identifiers and contact data are field-encrypted
-- (`*_enc`, AES-256-GCM, see privacy/field-cipher.ts); exact look-ups by ID or phone go through keyed blind
-- indexes (`*_bidx`). Names stay in clear text for prefix search: `name` uses the "C" collation so that
-- `name LIKE '张%'` is a B-tree range scan, and (region_code, name, id) serves scoped keyset listing.

CREATE TABLE persons (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name                text COLLATE "C" NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  sex                 text NOT NULL CHECK (sex IN ('male', 'female')),
  birth_date          date NOT NULL,
  national_id_enc     text,
  national_id_bidx    text,
  phone_enc           text,
  phone_bidx          text,
  address_enc         text,
  -- Residence (现住址): a community or a grid.
  region_code         text COLLATE "C" NOT NULL REFERENCES regions (code),
  verification_status text NOT NULL DEFAULT 'pending'
                      CHECK (verification_status IN ('pending', 'verified', 'corrected', 'not_found', 'moved', 'deceased')),
  deceased_on         date,
  created_by          uuid REFERENCES accounts (id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  merged_into         uuid REFERENCES persons (id),
  CHECK ((national_id_enc IS NULL) = (national_id_bidx IS NULL)),
  CHECK ((phone_enc IS NULL) = (phone_bidx IS NULL))
);
CREATE UNIQUE INDEX persons_national_id_bidx_idx ON persons (national_id_bidx) WHERE national_id_bidx IS NOT NULL;
CREATE INDEX persons_phone_bidx_idx ON persons (phone_bidx) WHERE phone_bidx IS NOT NULL;
CREATE INDEX persons_name_idx ON persons (name, id);
CREATE INDEX persons_region_name_idx ON persons (region_code, name, id);

-- Key-population membership (POPULATION_CATEGORIES in the domain), each for a period and from a source.
CREATE TABLE person_categories (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id  uuid NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
  category   text NOT NULL,
  subtype    text,
  source     text NOT NULL CHECK (source IN ('hospital', 'community', 'self', 'import', 'other')),
  valid_from date NOT NULL,
  valid_to   date,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (subtype IS NULL OR category = 'special_population'),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX person_categories_person_idx ON person_categories (person_id);
CREATE INDEX person_categories_category_idx ON person_categories (category, person_id);

-- Hospital episodes, the hand-over inbox of primary care, and the person timeline (issue 3).
-- Free-text clinical content is field-encrypted (`*_enc`); diagnosis codes and dates stay clear because
-- reports count them.

CREATE TABLE hospital_episodes (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id             uuid NOT NULL REFERENCES persons (id),
  hospital_org_id       uuid NOT NULL REFERENCES organizations (id),
  -- 病案号; with the hospital it makes an import idempotent.
  record_number         text,
  admission_date        date NOT NULL,
  discharge_date        date,
  diagnosis_codes       text[] NOT NULL DEFAULT '{}',
  severity              text CHECK (severity IN ('mild', 'moderate', 'severe', 'critical')),
  treatment_summary_enc text,
  -- JSON array of {drug, dose, prescriber}, encrypted as one value.
  psych_medications_enc text,
  medication_handover   boolean NOT NULL DEFAULT false,
  discharge_destination text CHECK (discharge_destination IN ('isolation_site', 'home', 'other')),
  primary_care_notes_enc text,
  created_by            uuid REFERENCES accounts (id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK (discharge_date IS NULL OR discharge_date >= admission_date)
);
CREATE UNIQUE INDEX hospital_episodes_record_idx ON hospital_episodes (hospital_org_id, record_number)
  WHERE record_number IS NOT NULL;
CREATE INDEX hospital_episodes_person_idx ON hospital_episodes (person_id, admission_date);

-- A person handed over to a primary-care institution: discharged from hospital, moved in from another
-- jurisdiction, or registered without a hospital. `to_org_id` is NULL when no institution covers the
-- residence community (the county then sees it as unrouted). `region_code` is the residence at
-- hand-over time, for jurisdiction scoping.
CREATE TABLE handovers (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id           uuid NOT NULL REFERENCES persons (id),
  episode_id          uuid REFERENCES hospital_episodes (id),
  to_org_id           uuid REFERENCES organizations (id),
  region_code         text COLLATE "C" NOT NULL REFERENCES regions (code),
  reason              text NOT NULL CHECK (reason IN ('discharge', 'moved_in', 'registered')),
  medication_handover boolean NOT NULL DEFAULT false,
  status              text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'acknowledged', 'closed')),
  created_at          timestamptz NOT NULL DEFAULT now(),
  acknowledged_at     timestamptz,
  acknowledged_by     uuid REFERENCES accounts (id)
);
CREATE UNIQUE INDEX handovers_episode_idx ON handovers (episode_id) WHERE episode_id IS NOT NULL;
CREATE INDEX handovers_inbox_idx ON handovers (to_org_id, status, created_at);
CREATE INDEX handovers_region_idx ON handovers (region_code, status, created_at);
CREATE INDEX handovers_person_idx ON handovers (person_id);

-- The person page's timeline. Every module appends an event in the same transaction as the record it
-- describes (see modules/persons/timeline.ts). `summary` carries codes and counts for display, never
-- free text or identifiers; the page fetches details from the owning module with its own permissions.
CREATE TABLE person_timeline (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id   uuid NOT NULL REFERENCES persons (id),
  occurred_at timestamptz NOT NULL,
  -- `<module>.<event>`, e.g. 'episode.discharged', 'assessment.completed', 'followup.done', 'crisis.opened'.
  kind        text NOT NULL CHECK (kind ~ '^[a-z_]+\.[a-z_]+$'),
  ref_id      text,
  summary     jsonb NOT NULL DEFAULT '{}'::jsonb,
  actor_id    uuid REFERENCES accounts (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_timeline_person_idx ON person_timeline (person_id, occurred_at DESC, id DESC);

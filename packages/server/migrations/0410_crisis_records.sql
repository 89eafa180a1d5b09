-- Crisis case records (issue 6): field and manual reports, triage, safety plans, intervention contacts,
-- admissions, transitions, community feedback / key-person grid management, and the on-call roster.
-- Free text (what was seen, addresses, notes, safety-plan content, review) is field-encrypted (`*_enc`).

-- When the severe-mental-disorder risk level on the case was assessed (the 24 h police-liaison clock).
ALTER TABLE crisis_cases ADD COLUMN smd_assessed_at timestamptz;

-- A quick report from the ground (grid worker, volunteer, family doctor, police liaison) or a manual
-- entry from a hospital or the police. At least one way to locate the person: a registered person, or
-- the region plus an address or description.
CREATE TABLE crisis_reports (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  source          text NOT NULL CHECK (source IN ('field_report', 'hospital', 'police')),
  reporter_id     uuid NOT NULL REFERENCES accounts (id),
  reporter_kind   text NOT NULL CHECK (reporter_kind IN (
                    'grid_worker', 'volunteer', 'family_doctor', 'police', 'hospital', 'social_worker', 'other')),
  person_id       uuid REFERENCES persons (id),
  region_code     text COLLATE "C" NOT NULL REFERENCES regions (code),
  urgency         text NOT NULL CHECK (urgency IN ('imminent', 'high', 'moderate')),
  -- What was seen, as codes (e.g. 'suicide_talk', 'self_harm', 'attempt', 'violence', 'weapon').
  observed        text[] NOT NULL DEFAULT '{}',
  description_enc text,
  location_enc    text,
  -- For a person who is not registered: name or how to recognise them, encrypted.
  subject_enc     text,
  case_id         uuid REFERENCES crisis_cases (id),
  reported_at     timestamptz NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (person_id IS NOT NULL OR location_enc IS NOT NULL OR description_enc IS NOT NULL)
);
CREATE INDEX crisis_reports_case_idx ON crisis_reports (case_id);
CREATE INDEX crisis_reports_region_idx ON crisis_reports (region_code, reported_at);

CREATE TABLE crisis_triages (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id         uuid NOT NULL REFERENCES crisis_cases (id),
  thoughts        text NOT NULL CHECK (thoughts IN ('none', 'passive', 'active')),
  plan            boolean NOT NULL,
  means           boolean NOT NULL,
  timeframe       text NOT NULL CHECK (timeframe IN ('none', 'within_24h', 'within_week', 'later')),
  recent_attempt  boolean NOT NULL,
  level           text NOT NULL CHECK (level IN ('imminent', 'high', 'moderate')),
  smd_risk_level  smallint CHECK (smd_risk_level BETWEEN 0 AND 5),
  notes_enc       text,
  triaged_by      uuid NOT NULL REFERENCES accounts (id),
  triaged_at      timestamptz NOT NULL
);
CREATE INDEX crisis_triages_case_idx ON crisis_triages (case_id, triaged_at);

-- Each save is a new version; the latest is the plan in force.
CREATE TABLE crisis_safety_plans (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id     uuid NOT NULL REFERENCES crisis_cases (id),
  version     integer NOT NULL CHECK (version >= 1),
  -- JSON {warningSigns, copingSteps, peoplePlaces, professionalContacts, meansRestriction}, encrypted.
  content_enc text NOT NULL,
  created_by  uuid NOT NULL REFERENCES accounts (id),
  created_at  timestamptz NOT NULL,
  UNIQUE (case_id, version)
);

CREATE TABLE crisis_contacts (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id    uuid NOT NULL REFERENCES crisis_cases (id),
  mode       text NOT NULL CHECK (mode IN ('phone', 'home_visit', 'clinic', 'video', 'police_liaison', 'other')),
  reached    boolean NOT NULL,
  notes_enc  text,
  contact_by uuid NOT NULL REFERENCES accounts (id),
  contact_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX crisis_contacts_case_idx ON crisis_contacts (case_id, contact_at);

CREATE TABLE crisis_admissions (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id          uuid NOT NULL REFERENCES crisis_cases (id),
  hospital_org_id  uuid REFERENCES organizations (id),
  hospital_name    text NOT NULL CHECK (length(hospital_name) BETWEEN 1 AND 200),
  admitted_on      date NOT NULL,
  arranged_by      uuid NOT NULL REFERENCES accounts (id),
  involuntary      boolean NOT NULL DEFAULT false,
  discharged_on    date,
  discharge_notes_enc text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (discharged_on IS NULL OR discharged_on >= admitted_on)
);
CREATE UNIQUE INDEX crisis_admissions_one_current_idx ON crisis_admissions (case_id) WHERE discharged_on IS NULL;

CREATE TABLE crisis_transitions (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id    uuid NOT NULL REFERENCES crisis_cases (id),
  event      text NOT NULL,
  from_status text NOT NULL,
  to_status  text NOT NULL,
  by_account uuid NOT NULL REFERENCES accounts (id),
  at         timestamptz NOT NULL,
  review_enc text
);
CREATE INDEX crisis_transitions_case_idx ON crisis_transitions (case_id, id);

-- Community feedback and key-person grid management: ONLY what the community needs (that the person is
-- a key person, how often to check, whom to call). No clinical content lives here.
CREATE TABLE crisis_key_persons (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id            uuid NOT NULL UNIQUE REFERENCES crisis_cases (id),
  person_id          uuid NOT NULL REFERENCES persons (id),
  region_code        text COLLATE "C" NOT NULL REFERENCES regions (code),
  check_every_days   integer NOT NULL CHECK (check_every_days BETWEEN 1 AND 90),
  contact_account_id uuid NOT NULL REFERENCES accounts (id),
  contact_phone_enc  text,
  feedback_at        timestamptz NOT NULL,
  managed_from       timestamptz,
  ended_at           timestamptz,
  last_check_at      timestamptz,
  -- The due time for which a missed check was last escalated (exactly once per missed due).
  escalated_due      timestamptz
);
CREATE INDEX crisis_key_persons_region_idx ON crisis_key_persons (region_code) WHERE ended_at IS NULL;

CREATE TABLE crisis_grid_checks (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key_person_id uuid NOT NULL REFERENCES crisis_key_persons (id),
  outcome       text NOT NULL CHECK (outcome IN ('seen_well', 'seen_concern', 'not_found')),
  checked_by    uuid NOT NULL REFERENCES accounts (id),
  checked_at    timestamptz NOT NULL
);
CREATE INDEX crisis_grid_checks_kp_idx ON crisis_grid_checks (key_person_id, checked_at);

-- Who is on call for crisis cases in a region subtree, and when.
CREATE TABLE crisis_on_call (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code text COLLATE "C" NOT NULL REFERENCES regions (code),
  account_id  uuid NOT NULL REFERENCES accounts (id),
  starts_at   timestamptz NOT NULL,
  ends_at     timestamptz NOT NULL,
  created_by  uuid REFERENCES accounts (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX crisis_on_call_region_idx ON crisis_on_call (region_code, starts_at);

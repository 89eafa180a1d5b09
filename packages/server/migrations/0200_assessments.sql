-- Assessments (issue 4): consents, drafts and submitted results with their risk flags, one-time
-- self-administration links, and consultation (会诊) requests to the supervising mental-health institution.
-- Free text (guardian and witness names, withdrawal and amendment reasons, opinions) is field-encrypted (`*_enc`).

CREATE TABLE consents (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id             uuid NOT NULL REFERENCES persons (id),
  region_code           text COLLATE "C" NOT NULL REFERENCES regions (code),
  purpose               text NOT NULL CHECK (purpose IN ('assessment', 'followup', 'counseling', 'data_sharing')),
  text_version          text NOT NULL CHECK (length(text_version) BETWEEN 1 AND 40),
  method                text NOT NULL CHECK (method IN ('signed_paper', 'witnessed_verbal', 'electronic')),
  -- Who consented: the person, or a guardian (required for a minor under 14 on the day).
  given_by              text NOT NULL CHECK (given_by IN ('self', 'guardian')),
  guardian_name_enc     text,
  guardian_relation     text CHECK (guardian_relation IN ('parent', 'legal_guardian', 'spouse', 'child', 'other_relative', 'other')),
  witness_name_enc      text,
  taken_by              uuid NOT NULL REFERENCES accounts (id),
  given_at              timestamptz NOT NULL,
  withdrawn_at          timestamptz,
  withdrawn_by          uuid REFERENCES accounts (id),
  withdrawal_reason_enc text,
  created_at            timestamptz NOT NULL DEFAULT now(),
  CHECK ((given_by = 'guardian') = (guardian_name_enc IS NOT NULL)),
  CHECK ((withdrawn_at IS NULL) = (withdrawn_by IS NULL))
);
CREATE INDEX consents_person_idx ON consents (person_id, purpose, given_at DESC);

CREATE TABLE assessments (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id            uuid NOT NULL REFERENCES persons (id),
  region_code          text COLLATE "C" NOT NULL REFERENCES regions (code),
  instrument           text NOT NULL,
  instrument_version   text NOT NULL,
  mode                 text NOT NULL CHECK (mode IN ('in_person', 'phone', 'self')),
  language             text NOT NULL DEFAULT 'zh' CHECK (language IN ('zh', 'en')),
  status               text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
  -- Item scores in item order, null for a blank: [0, 1, null, …].
  answers              jsonb NOT NULL DEFAULT '[]'::jsonb,
  total                integer,
  severity             text,
  complete             boolean,
  subscales            jsonb,
  derived              jsonb,
  consent_id           uuid REFERENCES consents (id),
  -- Amendments: version n+1 links to version n; both are kept. The newest version is the one nobody amends.
  version              integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  previous_id          uuid REFERENCES assessments (id),
  amendment_reason_enc text,
  administered_by      uuid REFERENCES accounts (id),
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  completed_at         timestamptz,
  CHECK ((status = 'submitted') = (completed_at IS NOT NULL)),
  CHECK ((previous_id IS NULL) = (version = 1)),
  CHECK ((previous_id IS NULL) = (amendment_reason_enc IS NULL))
);
CREATE UNIQUE INDEX assessments_previous_idx ON assessments (previous_id) WHERE previous_id IS NOT NULL;
CREATE INDEX assessments_person_idx ON assessments (person_id, instrument, completed_at);
CREATE INDEX assessments_region_idx ON assessments (region_code, completed_at);

-- A submitted assessment is immutable: the database itself refuses to change or delete it.
CREATE FUNCTION assessments_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'submitted' THEN
    RAISE EXCEPTION 'submitted assessment % is immutable', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER assessments_immutable_trg BEFORE UPDATE OR DELETE ON assessments
  FOR EACH ROW EXECUTE FUNCTION assessments_immutable();

-- Every risk rule that fired on a submitted assessment, with its explanation, written in the submit transaction.
CREATE TABLE assessment_flags (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  assessment_id uuid NOT NULL REFERENCES assessments (id),
  rule_id       text NOT NULL,
  flag          text NOT NULL,
  level         text NOT NULL CHECK (level IN ('imminent', 'high', 'moderate')),
  action        text NOT NULL CHECK (action IN ('crisis', 'consultation')),
  reason_zh     text NOT NULL,
  reason_en     text NOT NULL,
  created_at    timestamptz NOT NULL,
  UNIQUE (assessment_id, rule_id)
);

-- One-time self-administration links. Only the SHA-256 of the 256-bit token is stored.
CREATE TABLE assessment_links (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash         text NOT NULL UNIQUE,
  person_id          uuid NOT NULL REFERENCES persons (id),
  region_code        text COLLATE "C" NOT NULL REFERENCES regions (code),
  instrument         text NOT NULL,
  instrument_version text NOT NULL,
  language           text NOT NULL CHECK (language IN ('zh', 'en')),
  consent_id         uuid NOT NULL REFERENCES consents (id),
  issued_by          uuid NOT NULL REFERENCES accounts (id),
  issued_at          timestamptz NOT NULL,
  expires_at         timestamptz NOT NULL,
  used_at            timestamptz,
  assessment_id      uuid REFERENCES assessments (id),
  revoked_at         timestamptz,
  CHECK (expires_at > issued_at),
  CHECK ((used_at IS NULL) = (assessment_id IS NULL))
);
CREATE INDEX assessment_links_person_idx ON assessment_links (person_id, issued_at DESC);

-- Requests on public link endpoints, counted per key ('token:<hash>' or 'ip:<address>') per window.
CREATE TABLE assessment_link_throttle (
  key          text PRIMARY KEY,
  hits         integer NOT NULL,
  window_start timestamptz NOT NULL
);

-- Consultation (会诊) requests: an assessment meeting a consultation rule goes to the supervising
-- mental-health institution; the psychiatrist's opinion and recommendation return to primary care.
CREATE TABLE consultations (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  assessment_id       uuid NOT NULL UNIQUE REFERENCES assessments (id),
  person_id           uuid NOT NULL REFERENCES persons (id),
  region_code         text COLLATE "C" NOT NULL REFERENCES regions (code),
  institution_id      uuid REFERENCES organizations (id),
  primary_care_org_id uuid REFERENCES organizations (id),
  reasons             text[] NOT NULL,
  status              text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'completed')),
  requested_at        timestamptz NOT NULL,
  reviewed_by         uuid REFERENCES accounts (id),
  reviewed_at         timestamptz,
  opinion_enc         text,
  recommendation      text CHECK (recommendation IN ('none', 'group', 'family', 'individual', 'specialist_referral', 'admission')),
  -- Minutes from request to review (for dashboards).
  turnaround_minutes  integer CHECK (turnaround_minutes >= 0),
  CHECK ((status = 'completed') = (reviewed_at IS NOT NULL AND recommendation IS NOT NULL AND reviewed_by IS NOT NULL))
);
CREATE INDEX consultations_queue_idx ON consultations (status, region_code, requested_at);
CREATE INDEX consultations_person_idx ON consultations (person_id, requested_at DESC);

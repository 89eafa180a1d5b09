-- Psychological-assistance hotline (issue 7): lines, seats, counselors, shifts, calls with their records,
-- CTI events (idempotency) and emerging-problem alerts. No audio is ever stored.

CREATE TABLE hotline_lines (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number          text NOT NULL UNIQUE,
  name            text NOT NULL,
  region_code     text COLLATE "C" NOT NULL REFERENCES regions (code),
  organization_id uuid REFERENCES organizations (id),
  open_time       text NOT NULL DEFAULT '00:00' CHECK (open_time ~ '^([01][0-9]|2[0-4]):[0-5][0-9]$'),
  close_time      text NOT NULL DEFAULT '24:00' CHECK (close_time ~ '^([01][0-9]|2[0-4]):[0-5][0-9]$'),
  -- HMAC secret of the CTI webhook for this line, field-encrypted (hotline_lines.webhook_secret).
  webhook_secret_enc text,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX hotline_lines_region_idx ON hotline_lines (region_code);

CREATE TABLE hotline_seats (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  line_id    uuid NOT NULL REFERENCES hotline_lines (id),
  code       text NOT NULL,
  active     boolean NOT NULL DEFAULT true,
  -- The counselor signed in at this seat now, if any: calls answered here are drafted for them.
  occupant_id uuid REFERENCES accounts (id),
  UNIQUE (line_id, code)
);

CREATE TABLE hotline_counselors (
  account_id     uuid PRIMARY KEY REFERENCES accounts (id),
  line_id        uuid NOT NULL REFERENCES hotline_lines (id),
  qualifications text[] NOT NULL DEFAULT '{}',
  -- [{ "course": code, "hours": n, "completedOn": "YYYY-MM-DD" }]
  training       jsonb NOT NULL DEFAULT '[]',
  is_supervisor  boolean NOT NULL DEFAULT false,
  active         boolean NOT NULL DEFAULT true
);

CREATE TABLE hotline_shifts (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  line_id    uuid NOT NULL REFERENCES hotline_lines (id),
  account_id uuid NOT NULL REFERENCES accounts (id),
  starts_at  timestamptz NOT NULL,
  ends_at    timestamptz NOT NULL,
  supervisor boolean NOT NULL DEFAULT false,
  CHECK (ends_at > starts_at)
);
CREATE INDEX hotline_shifts_line_time_idx ON hotline_shifts (line_id, starts_at);

CREATE TABLE hotline_calls (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  line_id          uuid NOT NULL REFERENCES hotline_lines (id),
  region_code      text COLLATE "C" NOT NULL REFERENCES regions (code),
  -- The telephony's call id (or 'manual-<uuid>' for a call entered without telephony).
  external_id      text NOT NULL,
  source           text NOT NULL CHECK (source IN ('cti', 'manual')),
  seat_id          uuid REFERENCES hotline_seats (id),
  counselor_id     uuid REFERENCES accounts (id),
  -- Keyed hash of the caller number for repeat-caller recognition; the number itself only with consent.
  caller_bidx      text,
  caller_number_enc text,
  offered_at       timestamptz NOT NULL,
  answered_at      timestamptz,
  abandoned_at     timestamptz,
  ended_at         timestamptz,
  -- The call record: 'none' until answered, 'draft' while being written, 'filed' when done.
  record_status    text NOT NULL DEFAULT 'none' CHECK (record_status IN ('none', 'draft', 'filed')),
  version          integer NOT NULL DEFAULT 0,
  anonymous        boolean NOT NULL DEFAULT true,
  caller_group     text,
  age_band         text,
  sex              text,
  caller_region_code text COLLATE "C" REFERENCES regions (code),
  problems         jsonb NOT NULL DEFAULT '[]',
  risk             jsonb,
  risk_level       text,
  dispositions     text[] NOT NULL DEFAULT '{}',
  callback_consent boolean NOT NULL DEFAULT false,
  notes_enc        text,
  person_id        uuid REFERENCES persons (id),
  crisis_case_id   uuid,
  record_updated_at timestamptz,
  filed_at         timestamptz,
  anonymised_at    timestamptz,
  UNIQUE (line_id, external_id)
);
CREATE INDEX hotline_calls_line_offered_idx ON hotline_calls (line_id, offered_at);
CREATE INDEX hotline_calls_region_offered_idx ON hotline_calls (region_code, offered_at);
CREATE INDEX hotline_calls_caller_idx ON hotline_calls (caller_bidx) WHERE caller_bidx IS NOT NULL;
CREATE INDEX hotline_calls_drafts_idx ON hotline_calls (line_id) WHERE record_status = 'draft';

-- Every CTI event once: the event id makes the webhook idempotent.
CREATE TABLE hotline_events (
  line_id     uuid NOT NULL REFERENCES hotline_lines (id),
  event_id    text NOT NULL,
  call_id     uuid NOT NULL REFERENCES hotline_calls (id),
  type        text NOT NULL CHECK (type IN ('ringing', 'answered', 'ended', 'abandoned')),
  occurred_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (line_id, event_id)
);

CREATE TABLE hotline_alerts (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code     text COLLATE "C" NOT NULL REFERENCES regions (code),
  category        text NOT NULL,
  day             date NOT NULL,
  observed        integer NOT NULL,
  expected        double precision NOT NULL,
  p_value         double precision NOT NULL,
  -- De-identified: codes and counts only.
  summary         jsonb NOT NULL,
  created_at      timestamptz NOT NULL,
  acknowledged_by uuid REFERENCES accounts (id),
  acknowledged_at timestamptz,
  UNIQUE (region_code, category, day)
);
CREATE INDEX hotline_alerts_region_idx ON hotline_alerts (region_code, day);

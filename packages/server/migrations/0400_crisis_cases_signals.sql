-- Crisis cases and the signals that open or feed them (issue 6).
-- A signal comes from an assessment flag, a field report, a hotline call, a hospital, the police or a
-- follow-up; it is idempotent by (source, source_id). An identified person has at most one open case
-- (partial unique index); further signals attach to it and may raise its level. An anonymous signal
-- (person_id NULL, e.g. a hotline caller who gave no name) opens a case of its own.
-- Deadlines are not stored: they follow from `level` and `level_set_at` with the deployment's
-- configured limits, so a configuration change applies to open cases at once.

CREATE TABLE crisis_cases (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id          uuid REFERENCES persons (id),
  region_code        text COLLATE "C" NOT NULL REFERENCES regions (code),
  status             text NOT NULL DEFAULT 'reported' CHECK (status IN (
                       'reported', 'triaged', 'intervention', 'admitted', 'stabilized', 'referred',
                       'feedback_given', 'grid_management', 'closed')),
  level              text NOT NULL CHECK (level IN ('imminent', 'high', 'moderate')),
  -- When the current level was set: the first-contact deadline runs from here.
  level_set_at       timestamptz NOT NULL,
  opened_at          timestamptz NOT NULL,
  opened_source      text NOT NULL CHECK (opened_source IN (
                       'assessment', 'field_report', 'hotline', 'hospital', 'police', 'followup')),
  signal_count       integer NOT NULL DEFAULT 1 CHECK (signal_count >= 1),
  last_signal_at     timestamptz NOT NULL,
  -- First contact by the crisis team (triage or an intervention contact) stops the first-contact clock.
  first_contact_at   timestamptz,
  -- Escalation ladder: 0 = on-call/crisis team, 1 = team lead, 2 = county psychological specialist.
  escalation_step    integer NOT NULL DEFAULT 0 CHECK (escalation_step BETWEEN 0 AND 2),
  escalated_at       timestamptz,
  -- Severe mental disorder risk grade 0-5 (2018 management spec); >= 3 needs police liaison in 24 h.
  smd_risk_level     smallint CHECK (smd_risk_level BETWEEN 0 AND 5),
  police_liaison_at  timestamptz,
  assigned_to        uuid REFERENCES accounts (id),
  closed_at          timestamptz,
  closed_by          uuid REFERENCES accounts (id),
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE UNIQUE INDEX crisis_cases_one_open_per_person_idx ON crisis_cases (person_id)
  WHERE person_id IS NOT NULL AND status <> 'closed';
CREATE INDEX crisis_cases_board_idx ON crisis_cases (region_code, status, level_set_at);
CREATE INDEX crisis_cases_open_idx ON crisis_cases (level_set_at) WHERE status <> 'closed';
CREATE INDEX crisis_cases_person_idx ON crisis_cases (person_id, opened_at);

CREATE TABLE crisis_signals (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Set in the same transaction that inserts the signal; NULL only between the two statements.
  case_id     uuid REFERENCES crisis_cases (id),
  person_id   uuid REFERENCES persons (id),
  region_code text COLLATE "C" NOT NULL REFERENCES regions (code),
  source      text NOT NULL CHECK (source IN ('assessment', 'field_report', 'hotline', 'hospital', 'police', 'followup')),
  source_id   text NOT NULL CHECK (length(source_id) BETWEEN 1 AND 200),
  level       text NOT NULL CHECK (level IN ('imminent', 'high', 'moderate')),
  -- Reason codes (e.g. 'phq9_item9', 'plan', 'means'), never free text.
  reasons     text[] NOT NULL DEFAULT '{}',
  reported_by uuid REFERENCES accounts (id),
  at          timestamptz NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source, source_id)
);
CREATE INDEX crisis_signals_case_idx ON crisis_signals (case_id, at);

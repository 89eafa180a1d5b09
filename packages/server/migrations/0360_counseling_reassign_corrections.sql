-- Counseling (issue 5): plans change hands (one or many at once), and a recorded session can be corrected with a
-- reason. Every change of owner is kept (like enrolment_ownership); every correction keeps the values it replaced,
-- free text encrypted with the same contexts as the session's own fields, so the clinical-notes tier still applies.

CREATE TABLE counseling_plan_ownership (
  id                     bigserial PRIMARY KEY,
  plan_id                uuid NOT NULL REFERENCES counseling_plans (id),
  team_id                uuid REFERENCES teams (id),
  responsible_account_id uuid REFERENCES accounts (id),
  previous_team_id       uuid REFERENCES teams (id),
  previous_account_id    uuid REFERENCES accounts (id),
  reason                 text NOT NULL CHECK (reason IN ('reassigned')),
  changed_by             uuid NOT NULL REFERENCES accounts (id),
  changed_at             timestamptz NOT NULL
);
CREATE INDEX counseling_plan_ownership_plan_idx ON counseling_plan_ownership (plan_id, id);

ALTER TABLE counseling_sessions ADD COLUMN revision_count integer NOT NULL DEFAULT 0;
ALTER TABLE counseling_sessions ADD COLUMN revised_at timestamptz;

CREATE TABLE counseling_session_revisions (
  id                  bigserial PRIMARY KEY,
  session_id          uuid NOT NULL REFERENCES counseling_sessions (id),
  revised_by          uuid NOT NULL REFERENCES accounts (id),
  revised_at          timestamptz NOT NULL,
  reason_enc          text NOT NULL,
  -- Field names changed (date, durationMinutes, modality, topic, goals, outcome, notes, attendance).
  changed             text[] NOT NULL,
  previous_date       date NOT NULL,
  previous_duration   integer NOT NULL,
  previous_modality   text NOT NULL,
  previous_topic      text,
  previous_goals_enc  text,
  previous_outcome_enc text,
  previous_notes_enc  text,
  -- [{personId, attendance}] before the correction, when attendance changed.
  previous_attendance jsonb
);
CREATE INDEX counseling_session_revisions_session_idx ON counseling_session_revisions (session_id, id);

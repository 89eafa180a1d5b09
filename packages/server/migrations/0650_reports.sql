-- Reports submitted up the hierarchy (报送, issue 8): a county's (or city's) monthly or quarterly report,
-- its "experience and practice" text, the figures frozen when it was submitted, and the review. An
-- accepted report is locked by a trigger as well as by the use cases. Each step is also in audit_log.

CREATE TABLE reports (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code    text COLLATE "C" NOT NULL REFERENCES regions (code),
  period_kind    text NOT NULL CHECK (period_kind IN ('month', 'quarter')),
  period         text NOT NULL CHECK (period ~ '^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
  period_from    date NOT NULL,
  period_to      date NOT NULL,
  status         text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
  -- 经验做法: work practice, no personal data (the form says so).
  experience     text NOT NULL DEFAULT '' CHECK (length(experience) <= 20000),
  -- The figures (id → value) as they were when last submitted.
  figures        jsonb,
  review_comment text CHECK (review_comment IS NULL OR length(review_comment) <= 4000),
  created_by     uuid NOT NULL REFERENCES accounts (id),
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  submitted_by   uuid REFERENCES accounts (id),
  submitted_at   timestamptz,
  reviewed_by    uuid REFERENCES accounts (id),
  reviewed_at    timestamptz,
  UNIQUE (region_code, period_kind, period),
  CHECK (period_to >= period_from)
);
CREATE INDEX reports_status_idx ON reports (status, region_code);

-- The history shown on the report (who did what when, with the reviewer's comments).
CREATE TABLE report_events (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id  uuid NOT NULL REFERENCES reports (id),
  event      text NOT NULL CHECK (event IN ('created', 'edited', 'submitted', 'accepted', 'returned')),
  actor_id   uuid NOT NULL REFERENCES accounts (id),
  comment    text,
  at         timestamptz NOT NULL
);
CREATE INDEX report_events_report_idx ON report_events (report_id, id);

CREATE FUNCTION reports_locked_when_accepted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'accepted' THEN
    RAISE EXCEPTION 'an accepted report is locked';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER reports_lock BEFORE UPDATE OR DELETE ON reports
  FOR EACH ROW EXECUTE FUNCTION reports_locked_when_accepted();

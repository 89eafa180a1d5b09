-- Follow-up (issue 5 part A): program enrolments with their responsible team and worker, the ownership
-- history, follow-up tasks (one open next follow-up per active enrolment, enforced by a partial unique index),
-- follow-up records, and SMS numbers of staff accounts for reminders.

CREATE TABLE enrolments (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id   uuid NOT NULL REFERENCES persons (id),
  program     text NOT NULL CHECK (program IN ('recovered_patient_counseling', 'severe_mental_disorder', 'key_population_other')),
  -- Where the enrolment is served (the person's residence; changes on transfer). Scopes every query.
  region_code text COLLATE "C" NOT NULL REFERENCES regions (code),
  team_id     uuid REFERENCES teams (id),
  worker_id   uuid REFERENCES accounts (id),
  status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn', 'closed')),
  enrolled_on date NOT NULL,
  ended_on    date,
  end_reason  text CHECK (end_reason IN ('consent_withdrawn', 'person_request', 'recovered', 'deceased', 'moved_away', 'other')),
  -- The latest SMD classification (for the 2018 spec's "basically stable twice" rule).
  last_classification text CHECK (last_classification IN ('stable', 'basically_stable', 'unstable')),
  created_by  uuid NOT NULL REFERENCES accounts (id),
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  CHECK ((status = 'active') = (ended_on IS NULL)),
  CHECK ((status = 'active') = (end_reason IS NULL))
);
CREATE UNIQUE INDEX enrolments_one_active_idx ON enrolments (person_id, program) WHERE status = 'active';
CREATE INDEX enrolments_region_idx ON enrolments (region_code, id) WHERE status = 'active';
CREATE INDEX enrolments_team_idx ON enrolments (team_id) WHERE status = 'active';
CREATE INDEX enrolments_worker_idx ON enrolments (worker_id) WHERE status = 'active';

-- Who owned an enrolment when: enrolment, reassignment, transfer. History stays readable after a move.
CREATE TABLE enrolment_ownership (
  id           bigserial PRIMARY KEY,
  enrolment_id uuid NOT NULL REFERENCES enrolments (id),
  region_code  text COLLATE "C" NOT NULL REFERENCES regions (code),
  team_id      uuid REFERENCES teams (id),
  worker_id    uuid REFERENCES accounts (id),
  reason       text NOT NULL CHECK (reason IN ('enrolled', 'reassigned', 'transferred')),
  changed_at   timestamptz NOT NULL,
  changed_by   uuid REFERENCES accounts (id)
);
CREATE INDEX enrolment_ownership_enrolment_idx ON enrolment_ownership (enrolment_id, id);

CREATE TABLE followup_tasks (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enrolment_id uuid NOT NULL REFERENCES enrolments (id),
  person_id    uuid NOT NULL REFERENCES persons (id),
  program      text NOT NULL,
  -- Owner: copied from the enrolment and moved with it (reassignment, transfer) while the task is open.
  region_code  text COLLATE "C" NOT NULL REFERENCES regions (code),
  team_id      uuid REFERENCES teams (id),
  worker_id    uuid REFERENCES accounts (id),
  due_date     date NOT NULL,
  window_start date NOT NULL,
  window_end   date NOT NULL,
  status       text NOT NULL CHECK (status IN ('scheduled', 'due', 'overdue', 'done', 'unreachable', 'cancelled')),
  -- The policy rule that set the date (follow-up-policy.ts), or 'manual' when the recorder chose the date.
  rule         text NOT NULL,
  with_specialist boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL,
  closed_at    timestamptz,
  cancel_reason text,
  CHECK (window_start <= due_date AND due_date <= window_end),
  CHECK ((status IN ('scheduled', 'due', 'overdue')) = (closed_at IS NULL))
);
-- The invariant: an enrolment has at most one open follow-up (the use cases make it exactly one while active).
CREATE UNIQUE INDEX followup_tasks_one_open_idx ON followup_tasks (enrolment_id) WHERE status IN ('scheduled', 'due', 'overdue');
-- Worklists: mine / team / region, by due date (today, this week) and by window end (overdue); keyset on id.
CREATE INDEX followup_tasks_worker_due_idx ON followup_tasks (worker_id, due_date, id) WHERE status IN ('scheduled', 'due', 'overdue');
CREATE INDEX followup_tasks_team_due_idx ON followup_tasks (team_id, due_date, id) WHERE status IN ('scheduled', 'due', 'overdue');
CREATE INDEX followup_tasks_region_due_idx ON followup_tasks (region_code, due_date, id) WHERE status IN ('scheduled', 'due', 'overdue');
CREATE INDEX followup_tasks_worker_overdue_idx ON followup_tasks (worker_id, window_end, id) WHERE status IN ('scheduled', 'due', 'overdue');
CREATE INDEX followup_tasks_region_overdue_idx ON followup_tasks (region_code, window_end, id) WHERE status IN ('scheduled', 'due', 'overdue');
CREATE INDEX followup_tasks_enrolment_idx ON followup_tasks (enrolment_id, due_date);
CREATE INDEX followup_tasks_person_idx ON followup_tasks (person_id);

CREATE TABLE followup_records (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  task_id          uuid NOT NULL UNIQUE REFERENCES followup_tasks (id),
  enrolment_id     uuid NOT NULL REFERENCES enrolments (id),
  person_id        uuid NOT NULL REFERENCES persons (id),
  region_code      text COLLATE "C" NOT NULL REFERENCES regions (code),
  visited_on       date NOT NULL,
  mode             text NOT NULL CHECK (mode IN ('home_visit', 'clinic', 'phone', 'online')),
  reached          boolean NOT NULL,
  unreached_reason text CHECK (unreached_reason IN ('out_for_work', 'moved', 'missing', 'not_home', 'refused', 'other')),
  informant        text CHECK (informant IN ('patient', 'family', 'other')),
  moved            boolean NOT NULL DEFAULT false,
  deceased_on      date,
  death_cause      text CHECK (death_cause IN ('physical_illness', 'suicide', 'homicide', 'accident', 'psychiatric_complication', 'other', 'unknown')),
  assessment_ids   uuid[] NOT NULL DEFAULT '{}',
  counseling_status text CHECK (counseling_status IN ('not_needed', 'ongoing', 'completed', 'declined', 'referred')),
  takes_medication boolean,
  medication_adherence text CHECK (medication_adherence IN ('regular', 'intermittent', 'none', 'not_required')),
  side_effects     text CHECK (side_effects IN ('none', 'mild', 'severe')),
  -- 2018 spec fields (severe mental disorders; risk level also for other programs when assessed).
  risk_level       smallint CHECK (risk_level BETWEEN 0 AND 5),
  symptoms         text CHECK (symptoms IN ('none', 'present', 'obvious')),
  insight          text CHECK (insight IN ('complete', 'partial', 'absent')),
  social_function  text CHECK (social_function IN ('good', 'fair', 'poor')),
  severe_adverse_reaction boolean,
  serious_physical_illness boolean,
  classification   text CHECK (classification IN ('stable', 'basically_stable', 'unstable')),
  guidance         text[] NOT NULL DEFAULT '{}',
  notes_enc        text,
  proposed_next_date date,
  next_date        date,
  next_rule        text,
  next_date_reason_enc text,
  recorded_by      uuid NOT NULL REFERENCES accounts (id),
  recorded_at      timestamptz NOT NULL,
  CHECK (reached OR unreached_reason IS NOT NULL),
  CHECK ((deceased_on IS NULL) = (death_cause IS NULL))
);
CREATE INDEX followup_records_person_idx ON followup_records (person_id, visited_on DESC);
CREATE INDEX followup_records_enrolment_idx ON followup_records (enrolment_id, visited_on DESC);

-- Staff mobile numbers for SMS reminders (encrypted; opt-in per account).
CREATE TABLE account_sms (
  account_id uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  phone_enc  text NOT NULL,
  enabled    boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL
);

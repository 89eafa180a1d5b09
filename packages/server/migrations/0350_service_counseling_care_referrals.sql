-- Service loop, part B (issue 5): counseling plans and sessions (individual, family, group), toolkit hand-out,
-- care visits (关爱帮扶), and two-way referrals (双向转诊) including aid requests raised on a care visit.
-- Free text (goals, outcomes, clinical notes, reasons, advice) is field-encrypted (`*_enc`); codes stay clear
-- because reports count them. `region_code` is the person's residence when the record was made, for scoping.

CREATE TABLE counseling_plans (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id              uuid NOT NULL REFERENCES persons (id),
  region_code            text COLLATE "C" NOT NULL REFERENCES regions (code),
  type                   text NOT NULL CHECK (type IN ('individual', 'group', 'family')),
  status                 text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'completed', 'cancelled')),
  -- The consultation (会诊) whose recommendation the plan follows; NULL for a plan made without one.
  consultation_id        uuid REFERENCES consultations (id),
  goals_enc              text,
  team_id                uuid REFERENCES teams (id),
  responsible_account_id uuid REFERENCES accounts (id),
  start_date             date NOT NULL,
  end_date               date,
  created_by             uuid NOT NULL REFERENCES accounts (id),
  created_at             timestamptz NOT NULL,
  updated_at             timestamptz NOT NULL,
  CHECK (team_id IS NOT NULL OR responsible_account_id IS NOT NULL),
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX counseling_plans_person_idx ON counseling_plans (person_id, created_at DESC);
CREATE INDEX counseling_plans_region_idx ON counseling_plans (region_code, status, created_at DESC);
CREATE INDEX counseling_plans_responsible_idx ON counseling_plans (responsible_account_id, status);
CREATE UNIQUE INDEX counseling_plans_consultation_idx ON counseling_plans (consultation_id)
  WHERE consultation_id IS NOT NULL AND status IN ('active', 'paused');

-- One row per session held. A group session has many participants (counseling_session_participants);
-- its region is the closest region containing every participant's residence.
CREATE TABLE counseling_sessions (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  type             text NOT NULL CHECK (type IN ('individual', 'group', 'family')),
  region_code      text COLLATE "C" NOT NULL REFERENCES regions (code),
  session_date     date NOT NULL,
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
  modality         text NOT NULL CHECK (modality IN ('in_person', 'phone', 'online', 'home')),
  provider_id      uuid NOT NULL REFERENCES accounts (id),
  topic            text CHECK (length(topic) <= 200),
  goals_enc        text,
  outcome_enc      text,
  -- Clinical notes: readable only with counseling.read_notes.
  notes_enc        text,
  created_by       uuid NOT NULL REFERENCES accounts (id),
  created_at       timestamptz NOT NULL
);
CREATE INDEX counseling_sessions_region_idx ON counseling_sessions (region_code, session_date DESC);
CREATE INDEX counseling_sessions_provider_idx ON counseling_sessions (provider_id, session_date DESC);

CREATE TABLE counseling_session_participants (
  session_id  uuid NOT NULL REFERENCES counseling_sessions (id),
  person_id   uuid NOT NULL REFERENCES persons (id),
  plan_id     uuid REFERENCES counseling_plans (id),
  region_code text COLLATE "C" NOT NULL REFERENCES regions (code),
  attendance  text NOT NULL CHECK (attendance IN ('attended', 'absent', 'left_early')),
  PRIMARY KEY (session_id, person_id)
);
CREATE INDEX counseling_session_participants_person_idx ON counseling_session_participants (person_id);
CREATE INDEX counseling_session_participants_plan_idx ON counseling_session_participants (plan_id) WHERE plan_id IS NOT NULL;

-- The mental-health toolkit (心理健康工具包): what was handed out, when and by whom.
CREATE TABLE toolkit_handouts (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id   uuid NOT NULL REFERENCES persons (id),
  region_code text COLLATE "C" NOT NULL REFERENCES regions (code),
  item        text NOT NULL CHECK (item IN ('handbook', 'service_leaflet', 'other')),
  -- Code-like label for 'other' (e.g. a leaflet's edition), never personal data.
  item_label  text CHECK (length(item_label) <= 100),
  quantity    integer NOT NULL DEFAULT 1 CHECK (quantity BETWEEN 1 AND 20),
  handed_on   date NOT NULL,
  handed_by   uuid NOT NULL REFERENCES accounts (id),
  created_at  timestamptz NOT NULL,
  CHECK ((item = 'other') = (item_label IS NOT NULL))
);
CREATE INDEX toolkit_handouts_person_idx ON toolkit_handouts (person_id, handed_on DESC);
CREATE INDEX toolkit_handouts_region_idx ON toolkit_handouts (region_code, handed_on DESC);

CREATE TABLE care_visits (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id           uuid NOT NULL REFERENCES persons (id),
  region_code         text COLLATE "C" NOT NULL REFERENCES regions (code),
  visit_date          date NOT NULL,
  visitor_id          uuid NOT NULL REFERENCES accounts (id),
  recovery_situation  text NOT NULL CHECK (recovery_situation IN ('good', 'stable', 'fluctuating', 'poor')),
  economic_situation  text NOT NULL CHECK (economic_situation IN ('adequate', 'tight', 'low_income', 'subsistence_allowance', 'extreme_poverty')),
  -- [{type, urgency}] from the domain's NEED_TYPES; free-text detail goes in notes_enc.
  needs               jsonb NOT NULL DEFAULT '[]'::jsonb,
  notes_enc           text,
  created_at          timestamptz NOT NULL
);
CREATE INDEX care_visits_person_idx ON care_visits (person_id, visit_date DESC);
CREATE INDEX care_visits_region_idx ON care_visits (region_code, visit_date DESC);

-- Two-way referrals, and aid requests (kind 'aid') raised on a care visit, addressed from one organization
-- to another. The state machine is the domain's referrals/referral-state.ts.
CREATE TABLE referrals (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id          uuid NOT NULL REFERENCES persons (id),
  region_code        text COLLATE "C" NOT NULL REFERENCES regions (code),
  kind               text NOT NULL CHECK (kind IN ('clinical', 'aid')),
  -- Clinical: why the person is referred; aid: the need type from the care visit.
  topic              text NOT NULL CHECK (topic ~ '^[a-z_]{1,40}$'),
  urgency            text NOT NULL DEFAULT 'routine' CHECK (urgency IN ('routine', 'urgent')),
  -- NULL only for an aid request raised by a grassroots worker who acts for no organization (grid worker):
  -- the sending side is then the worker who raised it.
  from_org_id        uuid REFERENCES organizations (id),
  to_org_id          uuid NOT NULL REFERENCES organizations (id),
  care_visit_id      uuid REFERENCES care_visits (id),
  status             text NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'accepted', 'declined', 'seen', 'returned_with_advice', 'closed')),
  reason_enc         text,
  decline_reason_enc text,
  advice_enc         text,
  sent_by            uuid NOT NULL REFERENCES accounts (id),
  sent_at            timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  accepted_at        timestamptz,
  seen_at            timestamptz,
  returned_at        timestamptz,
  closed_at          timestamptz,
  CHECK (from_org_id <> to_org_id),
  CHECK (from_org_id IS NOT NULL OR kind = 'aid'),
  CHECK ((kind = 'aid') = (care_visit_id IS NOT NULL))
);
CREATE INDEX referrals_incoming_idx ON referrals (to_org_id, status, sent_at DESC);
CREATE INDEX referrals_outgoing_idx ON referrals (from_org_id, status, sent_at DESC);
CREATE INDEX referrals_person_idx ON referrals (person_id, sent_at DESC);
CREATE INDEX referrals_region_idx ON referrals (region_code, status);
CREATE UNIQUE INDEX referrals_care_visit_need_idx ON referrals (care_visit_id, topic) WHERE care_visit_id IS NOT NULL;

CREATE TABLE referral_events (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  referral_id     uuid NOT NULL REFERENCES referrals (id),
  event           text NOT NULL CHECK (event IN ('send', 'accept', 'decline', 'see', 'return_with_advice', 'close')),
  to_status       text NOT NULL,
  at              timestamptz NOT NULL,
  actor_id        uuid NOT NULL REFERENCES accounts (id),
  organization_id uuid REFERENCES organizations (id)
);
CREATE INDEX referral_events_referral_idx ON referral_events (referral_id, id);

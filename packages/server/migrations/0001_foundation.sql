-- Foundation: regions, organizations, teams, accounts and roles, sessions, sign-in throttling, audit.
-- Region codes use the "C" collation so that `code LIKE '4201%'` (jurisdiction scoping) is a B-tree range scan.

CREATE TABLE regions (
  code        text COLLATE "C" PRIMARY KEY,
  parent_code text COLLATE "C" REFERENCES regions (code),
  level       text NOT NULL CHECK (level IN ('country', 'province', 'city', 'county', 'street', 'community', 'grid')),
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX regions_parent_idx ON regions (parent_code, code);
CREATE INDEX regions_name_idx ON regions (name);

CREATE TABLE organizations (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  type        text NOT NULL CHECK (type IN (
                'designated_hospital', 'primary_care', 'mental_health_institution', 'social_work',
                'university_counseling', 'hotline_center', 'health_commission', 'civil_affairs',
                'public_security', 'justice', 'other')),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  region_code text COLLATE "C" NOT NULL REFERENCES regions (code),
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_code, name)
);
CREATE INDEX organizations_region_idx ON organizations (region_code);

-- Regions an organization serves (a primary-care institution covers its communities).
CREATE TABLE organization_coverage (
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  region_code     text COLLATE "C" NOT NULL REFERENCES regions (code),
  PRIMARY KEY (organization_id, region_code)
);
CREATE INDEX organization_coverage_region_idx ON organization_coverage (region_code);

CREATE TABLE accounts (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username            text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9_.-]{1,63}$'),
  display_name        text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
  password_hash       text NOT NULL,
  locale              text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
  -- "Three specialists" posts (seed 002): city team member, county specialist, street cadre, community worker.
  designated_post     text CHECK (designated_post IN ('city_team', 'county_specialist', 'street_cadre', 'community_worker')),
  disabled_at         timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  password_changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX accounts_username_idx ON accounts (username);

CREATE TABLE role_assignments (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id      uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  role            text NOT NULL,
  region_code     text COLLATE "C" NOT NULL REFERENCES regions (code),
  organization_id uuid REFERENCES organizations (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, role, region_code)
);
CREATE INDEX role_assignments_region_idx ON role_assignments (region_code);

CREATE TABLE teams (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind            text NOT NULL CHECK (kind IN ('county_counseling', 'grassroots_service', 'city_mental_health', 'crisis', 'hotline', 'other')),
  organization_id uuid REFERENCES organizations (id),
  region_code     text COLLATE "C" NOT NULL REFERENCES regions (code),
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_code, name)
);
CREATE INDEX teams_region_idx ON teams (region_code);

CREATE TABLE team_regions (
  team_id     uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  region_code text COLLATE "C" NOT NULL REFERENCES regions (code),
  PRIMARY KEY (team_id, region_code)
);
CREATE INDEX team_regions_region_idx ON team_regions (region_code);

CREATE TABLE team_members (
  team_id    uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  is_lead    boolean NOT NULL DEFAULT false,
  PRIMARY KEY (team_id, account_id)
);
CREATE INDEX team_members_account_idx ON team_members (account_id);

-- Server-side sessions. Only a SHA-256 of the cookie token is stored, so a database leak yields no live sessions.
CREATE TABLE sessions (
  token_hash   text PRIMARY KEY,
  account_id   uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  client_ip    text,
  user_agent   text
);
CREATE INDEX sessions_account_idx ON sessions (account_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- Failed sign-ins per username and per client address, for throttling and temporary lockout.
CREATE TABLE login_throttle (
  key          text PRIMARY KEY,
  failures     integer NOT NULL,
  window_start timestamptz NOT NULL,
  locked_until timestamptz
);

-- Append-only, hash-chained audit trail. Each row's hash covers its content and the previous row's hash,
-- so `anxin audit verify` detects an edited or deleted row. The trigger stops ordinary updates and deletes.
CREATE TABLE audit_log (
  id            bigserial PRIMARY KEY,
  at            timestamptz NOT NULL,
  account_id    uuid,
  username      text,
  role          text,
  action        text NOT NULL,
  outcome       text NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
  resource_type text,
  resource_id   text,
  region_code   text COLLATE "C",
  client_ip     text,
  reason        text,
  details       jsonb,
  prev_hash     text NOT NULL,
  hash          text NOT NULL
);
CREATE INDEX audit_log_region_idx ON audit_log (region_code, id);
CREATE INDEX audit_log_resource_idx ON audit_log (resource_type, resource_id);
CREATE INDEX audit_log_account_idx ON audit_log (account_id, id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

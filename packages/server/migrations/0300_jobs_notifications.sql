-- Background jobs (a PostgreSQL queue claimed with FOR UPDATE SKIP LOCKED), recurring schedules that
-- several server processes share safely, and the in-app notification centre.

CREATE TABLE jobs (
  id           bigserial PRIMARY KEY,
  name         text NOT NULL CHECK (name ~ '^[a-z][a-z0-9_.:-]{0,99}$'),
  payload      jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- A job with a dedupe key is enqueued at most once, ever (NULLs never conflict).
  dedupe_key   text UNIQUE CHECK (dedupe_key IS NULL OR length(dedupe_key) BETWEEN 1 AND 300),
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
  run_at       timestamptz NOT NULL,
  attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts BETWEEN 1 AND 100),
  -- Lease of the worker running it; a crashed worker's job is claimable again once the lease ends.
  locked_until timestamptz,
  locked_by    text,
  last_error   text,
  created_at   timestamptz NOT NULL,
  finished_at  timestamptz
);
-- The claim query reads only this index: due, pending jobs in run_at order.
CREATE INDEX jobs_ready_idx ON jobs (run_at, id) WHERE status = 'pending';
CREATE INDEX jobs_finished_idx ON jobs (finished_at) WHERE status <> 'pending';

-- One row per recurring job; the process that claims a due row (SKIP LOCKED) moves next_run_at on and
-- enqueues one run, with a dedupe key naming the slot, so two processes never run the same slot twice.
CREATE TABLE recurring_jobs (
  name          text PRIMARY KEY,
  every_seconds integer NOT NULL CHECK (every_seconds > 0),
  next_run_at   timestamptz NOT NULL,
  last_run_at   timestamptz
);

CREATE TABLE notifications (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id  uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.]{0,63}$'),
  -- Codes, counts and dates only (rendered by the web catalogue); never names or other personal data.
  params      jsonb NOT NULL DEFAULT '{}'::jsonb,
  link        text CHECK (link IS NULL OR (link LIKE '/%' AND length(link) <= 500)),
  dedupe_key  text CHECK (dedupe_key IS NULL OR length(dedupe_key) BETWEEN 1 AND 300),
  created_at  timestamptz NOT NULL,
  read_at     timestamptz,
  UNIQUE (account_id, dedupe_key)
);
CREATE INDEX notifications_account_idx ON notifications (account_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (account_id) WHERE read_at IS NULL;

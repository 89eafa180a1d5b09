-- Register imports (issue 3): one row per file being imported, with its SHA-256 so a re-run of the same
-- file after a crash resumes where the last committed batch ended. `rows_done` and the counts are
-- updated in the same transaction as each batch's records, so they never disagree with the data.
-- Rejected rows are kept as (row, field, reason) for the downloadable error report: no cell values,
-- except codes from list cells (an unknown category or ICD-10 code), because cells hold personal data.

CREATE TABLE imports (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  format        text NOT NULL CHECK (format IN ('csv', 'xlsx', 'fhir')),
  file_name     text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  -- Where the server keeps an uploaded file while it is imported (NULL for the CLI, which reads in place).
  stored_path   text,
  file_bytes    bigint NOT NULL DEFAULT 0,
  encoding      text,
  status        text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  -- Who imports and where they may: NULL account = the `anxin` CLI (system actor).
  account_id    uuid REFERENCES accounts (id),
  scope_prefixes text[] NOT NULL,
  rows_done     integer NOT NULL DEFAULT 0,
  bytes_done    bigint NOT NULL DEFAULT 0,
  created       integer NOT NULL DEFAULT 0,
  updated       integer NOT NULL DEFAULT 0,
  unchanged     integer NOT NULL DEFAULT 0,
  rejected      integer NOT NULL DEFAULT 0,
  error_code    text,
  error_message text,
  -- A running import belongs to one process until the lease runs out (a crashed process stops renewing it).
  lease_until   timestamptz,
  started_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX imports_sha_idx ON imports (sha256, status);
CREATE INDEX imports_account_idx ON imports (account_id, started_at DESC);

CREATE TABLE import_errors (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  import_id  uuid NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  row_number integer NOT NULL,
  field      text NOT NULL,
  reason     text NOT NULL,
  value      text
);
CREATE INDEX import_errors_import_idx ON import_errors (import_id, row_number, id);

-- Ferry's control schema. Mapped tables live in each connection's schema (Heroku Connect's
-- contract); this schema holds what Ferry itself needs to run, shared by every Ferry process.

CREATE TABLE connection (
  id            uuid PRIMARY KEY,
  name          text NOT NULL UNIQUE,
  schema_name   text NOT NULL UNIQUE,
  state         text NOT NULL,
  state_version bigint NOT NULL DEFAULT 0,
  state_detail  text,
  org_id        text,
  instance_url  text,
  api_version   text,
  features      jsonb NOT NULL DEFAULT '{}',
  credentials   bytea,                       -- sealed by the app's SecretBox; opaque here
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);

CREATE TABLE connection_state_history (
  id            bigserial PRIMARY KEY,
  connection_id uuid NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
  from_state    text,
  to_state      text NOT NULL,
  at            timestamptz NOT NULL,
  reason        text
);
CREATE INDEX connection_state_history_conn_at ON connection_state_history (connection_id, at DESC, id DESC);

CREATE TABLE mapping (
  id               uuid PRIMARY KEY,
  connection_id    uuid NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
  object_name      text NOT NULL,
  config           json NOT NULL,            -- Heroku Connect's "config" object (json keeps key order)
  revision         integer NOT NULL DEFAULT 1,
  state            text NOT NULL,
  state_version    bigint NOT NULL DEFAULT 0,
  state_detail     text,
  error            text,
  state_changed_at timestamptz NOT NULL,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  UNIQUE (connection_id, object_name)
);

CREATE TABLE mapping_state_history (
  id         bigserial PRIMARY KEY,
  mapping_id uuid NOT NULL REFERENCES mapping (id) ON DELETE CASCADE,
  from_state text,
  to_state   text NOT NULL,
  at         timestamptz NOT NULL,
  reason     text
);
CREATE INDEX mapping_state_history_mapping_at ON mapping_state_history (mapping_id, at DESC, id DESC);

-- Written only together with the rows they cover (TableSink).
CREATE TABLE watermark (
  mapping_id uuid NOT NULL REFERENCES mapping (id) ON DELETE CASCADE,
  kind       text NOT NULL CHECK (kind IN ('CHANGES', 'DELETES')),
  value      timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (mapping_id, kind)
);

-- Primary poll bounds and the secondary (drift) polls that re-read them.
CREATE TABLE poll_window (
  id                   bigserial PRIMARY KEY,
  mapping_id           uuid NOT NULL REFERENCES mapping (id) ON DELETE CASCADE,
  kind                 text NOT NULL CHECK (kind IN ('PRIMARY', 'SECONDARY')),
  parent_id            bigint REFERENCES poll_window (id) ON DELETE CASCADE,
  lower_bound          timestamptz NOT NULL,
  upper_bound          timestamptz NOT NULL,
  api                  text NOT NULL CHECK (api IN ('REST', 'BULK')),
  bulk_job_id          text,
  status               text NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED', 'ABORTED')),
  rows_read            bigint NOT NULL DEFAULT 0,
  secondary_due_at     timestamptz,
  secondary_started_at timestamptz,
  secondary_done_at    timestamptz,
  repaired_count       bigint NOT NULL DEFAULT 0,
  repaired_ids         text[] NOT NULL DEFAULT '{}',
  error                text,
  started_at           timestamptz NOT NULL,
  finished_at          timestamptz,
  CHECK (upper_bound >= lower_bound)
);
CREATE INDEX poll_window_mapping ON poll_window (mapping_id, id DESC);
CREATE INDEX poll_window_secondary_due ON poll_window (secondary_due_at)
  WHERE kind = 'PRIMARY' AND status = 'DONE' AND secondary_started_at IS NULL;

-- Cluster-wide limits (engineering §2.3): K rows per kind, leased with an expiry.
CREATE TABLE job_slot (
  kind        text NOT NULL,
  slot        integer NOT NULL,
  holder      text,
  lease_until timestamptz NOT NULL DEFAULT '-infinity',
  job_ref     text,
  acquired_at timestamptz,
  PRIMARY KEY (kind, slot)
);

-- The org's API usage as Salesforce reports it (Sforce-Limit-Info), shared by every process.
CREATE TABLE api_budget (
  org_id      text PRIMARY KEY,
  used        bigint NOT NULL,
  max         bigint NOT NULL,
  observed_at timestamptz NOT NULL
);

-- Calls per mapping per UTC day, for sf_max_daily_api_calls.
CREATE TABLE mapping_api_calls (
  mapping_id uuid NOT NULL REFERENCES mapping (id) ON DELETE CASCADE,
  day        date NOT NULL,
  calls      bigint NOT NULL,
  PRIMARY KEY (mapping_id, day)
);

CREATE TABLE notification (
  id              bigserial PRIMARY KEY,
  connection_id   uuid REFERENCES connection (id) ON DELETE CASCADE,
  mapping_id      uuid REFERENCES mapping (id) ON DELETE CASCADE,
  kind            text NOT NULL,
  message         text NOT NULL,
  created_at      timestamptz NOT NULL,
  acknowledged_at timestamptz
);
CREATE INDEX notification_recent ON notification (connection_id, created_at DESC);

-- Accelerated polling over Change Data Capture: one row per mapping with sf_notify_enabled, holding
-- where its event stream stopped (to resume after a restart, a failover or a dropped stream) and
-- what the dashboard, API, CLI and metrics show about it.
CREATE TABLE cdc_subscription (
  mapping_id      uuid PRIMARY KEY REFERENCES mapping (id) ON DELETE CASCADE,
  channel         text NOT NULL,                 -- /data/AccountChangeEvent
  status          text NOT NULL,                 -- LISTENING, STARTING, FALLBACK
  reason          text,                          -- why not LISTENING, for humans
  replay_id       bytea,                         -- the last event or keepalive seen; opaque
  last_event_at   timestamptz,                   -- when the last event arrived
  events_received bigint NOT NULL DEFAULT 0,
  last_latency_ms bigint,                        -- last event: commit in Salesforce -> row in Postgres
  holder          text,                          -- the process holding the stream
  updated_at      timestamptz NOT NULL
);

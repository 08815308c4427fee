-- Read work a mapping still owes because the step that does it was interrupted (an abort, an
-- auth error, an inactive org, a database outage, SYSTEM_ERROR or a crash): columns added to the
-- table whose values are not back-filled yet (RESYNC), and the change-stamp range whose
-- relationship external ids are not resolved yet (POLL_EXTERNAL_IDS). Recorded before the work
-- can be cut short and removed once it is done, so a recovery or the next poll finishes it.
CREATE TABLE pending_read (
  mapping_id  uuid NOT NULL REFERENCES mapping (id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('BACKFILL', 'EXTERNAL_IDS')),
  columns     text[] NOT NULL DEFAULT '{}',
  lower_bound timestamptz,
  upper_bound timestamptz,
  since       timestamptz NOT NULL,
  PRIMARY KEY (mapping_id, kind),
  CHECK (kind <> 'EXTERNAL_IDS' OR (lower_bound IS NOT NULL AND upper_bound >= lower_bound))
);

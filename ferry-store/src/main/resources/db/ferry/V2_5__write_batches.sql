-- Writes to Salesforce in flight (the write path's crash safety): a batch is recorded before its
-- Salesforce call (with its Bulk job id as soon as the job exists) and removed once its entries'
-- outcomes are stored with the rows. What a writer that died leaves here is reconciled by the
-- next one before anything is sent again.
CREATE TABLE write_batch (
  id                bigserial PRIMARY KEY,
  connection_id     uuid NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
  holder            text NOT NULL,
  table_name        text NOT NULL,
  object_name       text NOT NULL,
  operation         text NOT NULL CHECK (operation IN ('CREATE', 'UPSERT', 'UPDATE', 'DELETE')),
  transport         text NOT NULL CHECK (transport IN ('COLLECTIONS', 'BULK')),
  entry_ids         bigint[] NOT NULL,
  job_id            text,
  external_id_field text,
  started_at        timestamptz NOT NULL
);
CREATE INDEX write_batch_connection ON write_batch (connection_id, id);

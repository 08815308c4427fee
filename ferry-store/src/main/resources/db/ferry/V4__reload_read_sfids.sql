-- A reload merges Salesforce's records into the mapped table instead of emptying it, so every
-- record keeps its row and id (applications keep foreign keys to id and sfid). Each page notes the
-- sfids it read here; at the end of the reload, the rows whose sfid was not read are checked
-- against Salesforce and removed when their record is gone.
--
-- Scratch space rebuilt by every reload, hence UNLOGGED (no WAL for a million sfids) and without
-- keys or indexes (each page appends; the end of the reload reads them once with a hash join).
-- After a server crash the table is empty: the reload compares the count it noted with the count
-- here before removing anything, and starts again when they differ.
CREATE UNLOGGED TABLE reload_read (
  mapping_id uuid NOT NULL,
  sfid       varchar(18) NOT NULL
);

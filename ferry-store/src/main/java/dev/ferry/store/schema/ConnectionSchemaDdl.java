package dev.ferry.store.schema;

import static dev.ferry.store.internal.Sql.dollarQuoted;
import static dev.ferry.store.internal.Sql.id;
import static dev.ferry.store.internal.Sql.literal;
import static dev.ferry.store.internal.Sql.qualified;

import java.util.List;

/**
 * The per-connection part of the Heroku Connect contract (spec §4.6, §4.7): statements that create
 * it, each idempotent.
 */
final class ConnectionSchemaDdl {
  private ConnectionSchemaDdl() {}

  /** Function names and the notification channel, as applications and tools know them. */
  static String notifyChannel(String schema) {
    return schema + ".hc_trigger_log";
  }

  static List<String> statements(String schema) {
    String s = id(schema);
    String log = qualified(schema, "_trigger_log");
    String archive = qualified(schema, "_trigger_log_archive");
    String events = qualified(schema, "_sf_event_log");
    String seq = qualified(schema, "_trigger_log_id_seq");
    return List.of(
        "CREATE SCHEMA IF NOT EXISTS " + s,
        "CREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA public",
        // Heroku Connect reads pg_settings in plpgsql; current_setting is the same answer, and a
        // STABLE SQL function is inlined into each trigger's WHEN clause (much cheaper per row).
        "CREATE OR REPLACE FUNCTION public.get_xmlbinary() RETURNS character varying"
            + " LANGUAGE sql STABLE AS $$ SELECT current_setting('xmlbinary')::varchar $$",
        "CREATE TABLE IF NOT EXISTS "
            + qualified(schema, "_hcmeta")
            + " (id serial PRIMARY KEY, hcver integer, org_id character varying(50), details text)",
        "CREATE SEQUENCE IF NOT EXISTS " + seq,
        "CREATE TABLE IF NOT EXISTS "
            + log
            + " (id integer NOT NULL DEFAULT nextval("
            + literal(seq)
            + "::regclass) PRIMARY KEY,"
            + " txid bigint,"
            + " created_at timestamp with time zone DEFAULT now(),"
            + " updated_at timestamp with time zone DEFAULT now(),"
            + " processed_at timestamp with time zone,"
            + " processed_tx bigint,"
            + " state character varying(8),"
            + " action character varying(7),"
            + " table_name character varying(128),"
            + " record_id integer,"
            + " sfid character varying(18),"
            + " old text,"
            + " \"values\" text,"
            + " sf_result integer,"
            + " sf_message text)",
        "ALTER SEQUENCE " + seq + " OWNED BY " + log + ".id",
        "CREATE INDEX IF NOT EXISTS _trigger_log_idx_created_at ON " + log + " (created_at)",
        "CREATE INDEX IF NOT EXISTS _trigger_log_idx_state_id ON " + log + " (state, id)",
        "CREATE INDEX IF NOT EXISTS _trigger_log_idx_state_table_name ON "
            + log
            + " (state, table_name) WHERE state = 'NEW' OR state = 'PENDING'",
        "CREATE TABLE IF NOT EXISTS "
            + archive
            + " (id integer NOT NULL PRIMARY KEY,"
            + " txid bigint,"
            + " created_at timestamp with time zone,"
            + " updated_at timestamp with time zone,"
            + " processed_at timestamp with time zone,"
            + " processed_tx bigint,"
            + " state character varying(8),"
            + " action character varying(7),"
            + " table_name character varying(128),"
            + " record_id integer,"
            + " sfid character varying(18),"
            + " old text,"
            + " \"values\" text,"
            + " sf_result integer,"
            + " sf_message text)",
        "CREATE INDEX IF NOT EXISTS _trigger_log_archive_idx_created_at ON "
            + archive
            + " (created_at)",
        "CREATE INDEX IF NOT EXISTS _trigger_log_archive_idx_record_id ON "
            + archive
            + " (record_id)",
        "CREATE INDEX IF NOT EXISTS _trigger_log_archive_idx_state_table_name ON "
            + archive
            + " (state, table_name) WHERE state = 'FAILED'",
        "CREATE TABLE IF NOT EXISTS "
            + events
            + " (id serial PRIMARY KEY,"
            + " table_name character varying(128),"
            + " action character varying(7),"
            + " synced_at timestamp with time zone DEFAULT now(),"
            + " sf_timestamp timestamp with time zone,"
            + " sfid character varying(20),"
            + " record text,"
            + " processed boolean)",
        "CREATE INDEX IF NOT EXISTS idx__sf_event_log_comp_key ON "
            + events
            + " (table_name, synced_at)",
        "CREATE INDEX IF NOT EXISTS idx__sf_event_log_sfid ON " + events + " (sfid)",
        "CREATE OR REPLACE FUNCTION "
            + qualified(schema, "tlog_notify_trigger")
            + "() RETURNS trigger LANGUAGE plpgsql AS "
            + dollarQuoted(
                "\nBEGIN\n  PERFORM pg_notify("
                    + literal(notifyChannel(schema))
                    + ", 'ping');\n  RETURN NEW;\nEND;\n"),
        "CREATE OR REPLACE TRIGGER tlog_insert_trigger AFTER INSERT ON "
            + log
            + " FOR EACH ROW EXECUTE FUNCTION "
            + qualified(schema, "tlog_notify_trigger")
            + "()",
        captureInsert(schema),
        captureUpdate(schema));
  }

  /** Re-queues a row as an INSERT (e.g. to retry a failed write under Ordered Writes). */
  private static String captureInsert(String schema) {
    String body =
        """

        DECLARE
          excluded text[] := ARRAY['_hc_lastop', '_hc_err']::text[];
          entry_id integer;
        BEGIN
          -- VERSION 1 --
          IF (source_row OPERATOR(public.->) 'id') IS NULL THEN
            RETURN NULL;  -- the row must carry its integer id
          END IF;
          -- id and sfid are never excluded
          excluded := array_remove(array_remove(excluded_cols, 'id'), 'sfid') || excluded;
          INSERT INTO %s (action, table_name, txid, created_at, state, record_id, "values")
          VALUES ('INSERT', table_name, txid_current(), clock_timestamp(), 'NEW',
                  (source_row OPERATOR(public.->) 'id')::integer, (source_row OPERATOR(public.-) excluded)::text)
          RETURNING id INTO entry_id;
          RETURN entry_id;
        END;
        """
            .formatted(qualified(schema, "_trigger_log"));
    return "CREATE OR REPLACE FUNCTION "
        + qualified(schema, "hc_capture_insert_from_row")
        + "(source_row public.hstore, table_name character varying,"
        + " excluded_cols text[] DEFAULT ARRAY[]::text[]) RETURNS integer LANGUAGE plpgsql AS "
        + dollarQuoted(body);
  }

  /** Re-queues a row as an UPDATE of {@code columns_to_include} (all columns when empty). */
  private static String captureUpdate(String schema) {
    String body =
        """

        DECLARE
          excluded text[] := ARRAY['_hc_lastop', '_hc_err']::text[];
          entry_id integer;
        BEGIN
          -- VERSION 1 --
          IF (source_row OPERATOR(public.->) 'id') IS NULL THEN
            RETURN NULL;  -- the row must carry its integer id
          END IF;
          IF cardinality(columns_to_include) > 0 THEN
            excluded := excluded || array(
              SELECT public.skeys(source_row) EXCEPT SELECT unnest(columns_to_include));
          END IF;
          INSERT INTO %s (action, table_name, txid, created_at, state, record_id, sfid, "values", old)
          VALUES ('UPDATE', table_name, txid_current(), clock_timestamp(), 'NEW',
                  (source_row OPERATOR(public.->) 'id')::integer, source_row OPERATOR(public.->) 'sfid',
                  (source_row OPERATOR(public.-) excluded)::text, NULL)
          RETURNING id INTO entry_id;
          RETURN entry_id;
        END;
        """
            .formatted(qualified(schema, "_trigger_log"));
    return "CREATE OR REPLACE FUNCTION "
        + qualified(schema, "hc_capture_update_from_row")
        + "(source_row public.hstore, table_name character varying,"
        + " columns_to_include text[] DEFAULT ARRAY[]::text[]) RETURNS integer LANGUAGE plpgsql AS "
        + dollarQuoted(body);
  }
}

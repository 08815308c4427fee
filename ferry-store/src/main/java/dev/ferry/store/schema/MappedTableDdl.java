package dev.ferry.store.schema;

import static dev.ferry.store.internal.Sql.dollarQuoted;
import static dev.ferry.store.internal.Sql.id;
import static dev.ferry.store.internal.Sql.literal;
import static dev.ferry.store.internal.Sql.qualified;

import dev.ferry.core.model.Access;
import dev.ferry.core.model.ColumnRole;
import dev.ferry.core.model.ColumnSpec;
import dev.ferry.core.model.IndexSpec;
import dev.ferry.core.model.PgIdentifiers;
import dev.ferry.core.model.TableSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * DDL of one mapped table (spec §4.2, §4.3, §4.7): the table, its {@code hc_idx_*}/{@code
 * hcu_idx_*} indexes, the status trigger {@code hc_<table>_status_trigger} and the logger trigger
 * {@code hc_<table>_logtrigger}.
 */
final class MappedTableDdl {
  private final String schema;
  private final TableSpec table;
  private final boolean ucsBasic;

  /**
   * @param ucsBasic give {@code sfid} {@code COLLATE "ucs_basic"} like newer Heroku Connect tables
   *     (only where the database encoding is UTF8)
   */
  MappedTableDdl(String schema, TableSpec table, boolean ucsBasic) {
    this.schema = schema;
    this.table = table;
    this.ucsBasic = ucsBasic;
  }

  static String statusFunction(String table) {
    return PgIdentifiers.fitted("hc_" + table + "_status");
  }

  static String statusTrigger(String table) {
    return PgIdentifiers.fitted("hc_" + table + "_status_trigger");
  }

  static String loggerFunction(String table) {
    return PgIdentifiers.fitted("hc_" + table + "_logger");
  }

  static String loggerTrigger(String table) {
    return PgIdentifiers.fitted("hc_" + table + "_logtrigger");
  }

  String tableRef() {
    return qualified(schema, table.tableName());
  }

  List<String> create() {
    List<String> sql = new ArrayList<>();
    List<String> defs = new ArrayList<>();
    for (ColumnSpec c : table.columns()) defs.add(columnDefinition(c));
    defs.add(
        "CONSTRAINT "
            + id(PgIdentifiers.fitted(table.tableName() + "_pkey"))
            + " PRIMARY KEY (id)");
    sql.add("CREATE TABLE " + tableRef() + " (\n  " + String.join(",\n  ", defs) + "\n)");
    for (IndexSpec i : table.indexes()) sql.add(createIndex(i));
    sql.addAll(triggers());
    return sql;
  }

  String columnDefinition(ColumnSpec c) {
    if (c.role() == ColumnRole.SURROGATE_ID) return "id serial NOT NULL";
    String def = id(c.name()) + " " + c.type().sql();
    if (c.role() == ColumnRole.SFID && ucsBasic) def += " COLLATE pg_catalog.\"ucs_basic\"";
    return def;
  }

  String createIndex(IndexSpec i) {
    StringBuilder cols = new StringBuilder();
    for (String c : i.columns()) cols.append(cols.isEmpty() ? "" : ", ").append(id(c));
    return "CREATE "
        + (i.unique() ? "UNIQUE " : "")
        + "INDEX IF NOT EXISTS "
        + id(i.name())
        + " ON "
        + tableRef()
        + " ("
        + cols
        + ")";
  }

  /** Both trigger functions (replaced) and both triggers (created when missing). */
  List<String> triggers() {
    String t = table.tableName();
    return List.of(
        statusFunctionSql(),
        "CREATE OR REPLACE TRIGGER "
            + id(statusTrigger(t))
            + " BEFORE INSERT OR UPDATE ON "
            + tableRef()
            + " FOR EACH ROW EXECUTE FUNCTION "
            + qualified(schema, statusFunction(t))
            + "()",
        loggerFunctionSql(),
        "CREATE OR REPLACE TRIGGER "
            + id(loggerTrigger(t))
            + " AFTER INSERT OR DELETE OR UPDATE ON "
            + tableRef()
            + " FOR EACH ROW WHEN (public.get_xmlbinary()::text = 'base64'::text)"
            + " EXECUTE FUNCTION "
            + qualified(schema, loggerFunction(t))
            + "()");
  }

  /**
   * Applications' writes (xmlbinary = base64, the default) make the row PENDING; Ferry's writes
   * make it SYNCED, unless Ferry explicitly changes {@code _hc_lastop} (write-back of INSERTED,
   * UPDATED, FAILED...).
   */
  String statusFunctionSql() {
    String body =
        """

        BEGIN
          IF (public.get_xmlbinary() = 'base64') THEN  -- an application's write
            NEW._hc_lastop = 'PENDING';
            NEW._hc_err = NULL;
            RETURN NEW;
          END IF;
          -- Ferry's write: keep an explicit _hc_lastop change (write-back)
          IF (TG_OP = 'UPDATE' AND NEW._hc_lastop IS NOT NULL
              AND NEW._hc_lastop IS DISTINCT FROM OLD._hc_lastop) THEN
            RETURN NEW;
          END IF;
          NEW._hc_lastop = 'SYNCED';
          NEW._hc_err = NULL;
          RETURN NEW;
        END;
        """;
    return "CREATE OR REPLACE FUNCTION "
        + qualified(schema, statusFunction(table.tableName()))
        + "() RETURNS trigger LANGUAGE plpgsql AS "
        + dollarQuoted(body);
  }

  /**
   * One {@code _trigger_log} entry per application change: NEW (read-write) or READONLY
   * (read-only); IGNORE for updates that change nothing and for deletes of rows that never reached
   * Salesforce. {@code _hc_lastop}/{@code _hc_err} are never captured.
   */
  String loggerFunctionSql() {
    String state = table.access() == Access.READ_WRITE ? "NEW" : "READONLY";
    String body =
        """

        DECLARE
          excluded text[] := ARRAY['_hc_lastop', '_hc_err']::text[];
          entry_state varchar(8) := %s;
          entry_record integer;
          entry_sfid varchar(18);
          entry_old public.hstore;
          entry_values public.hstore;
        BEGIN
          -- VERSION 4 --
          IF (TG_OP = 'DELETE') THEN
            entry_record := OLD.id;
            entry_old := public.hstore(OLD.*) OPERATOR(public.-) excluded;
            entry_sfid := OLD.sfid;
            IF (OLD.sfid IS NULL) THEN
              entry_state := 'IGNORE';  -- the row never reached Salesforce
            END IF;
          ELSIF (TG_OP = 'INSERT') THEN
            entry_record := NEW.id;
            entry_values := public.hstore(NEW.*) OPERATOR(public.-) excluded;
          ELSE
            entry_record := NEW.id;
            entry_sfid := OLD.sfid;
            entry_old := public.hstore(OLD.*) OPERATOR(public.-) excluded;
            entry_values := (public.hstore(NEW.*) OPERATOR(public.-) entry_old)
                            OPERATOR(public.-) excluded;
            IF (entry_values::text = '') THEN
              entry_state := 'IGNORE';  -- nothing changed
            END IF;
          END IF;
          INSERT INTO %s (id, txid, created_at, updated_at, state, action, table_name, record_id,
                          sfid, old, "values")
          VALUES (nextval(%s), txid_current(), clock_timestamp(), clock_timestamp(),
                  entry_state, TG_OP, TG_TABLE_NAME, entry_record, entry_sfid,
                  entry_old::text, entry_values::text);
          RETURN NULL;
        END;
        """
            .formatted(
                literal(state),
                qualified(schema, "_trigger_log"),
                literal(qualified(schema, "_trigger_log_id_seq")));
    return "CREATE OR REPLACE FUNCTION "
        + qualified(schema, loggerFunction(table.tableName()))
        + "() RETURNS trigger LANGUAGE plpgsql AS "
        + dollarQuoted(body);
  }

  /** Drops the table (its triggers go with it) and both trigger functions. */
  static List<String> drop(String schema, String table) {
    return List.of(
        "DROP TABLE IF EXISTS " + qualified(schema, table),
        "DROP FUNCTION IF EXISTS " + qualified(schema, statusFunction(table)) + "()",
        "DROP FUNCTION IF EXISTS " + qualified(schema, loggerFunction(table)) + "()");
  }
}

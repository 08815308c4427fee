package dev.ferry.core.port;

import dev.ferry.core.model.TableSpec;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Heroku Connect schema contract in a connection's schema: system tables, helper functions,
 * mapped tables with their triggers and indexes. Every method is idempotent.
 */
public interface SchemaAdmin {

  /**
   * Creates the schema, {@code hstore}, {@code public.get_xmlbinary()}, {@code _hcmeta}, {@code
   * _trigger_log} (+ archive), {@code _sf_event_log}, the notify trigger and the {@code
   * hc_capture_*} helpers. Records {@code orgId} in {@code _hcmeta} when given.
   */
  void bootstrap(String schema, @Nullable String orgId);

  /**
   * Creates the mapped table with its indexes and triggers. A table that exists already is taken
   * over when it carries Ferry's (Heroku Connect's) triggers, and then aligned as by {@link
   * #evolveTable}. Any other existing table is the application's: refused with a ConfigException
   * naming it (Heroku Connect never replaces a table), unless {@code adoptExisting} (the mapping's
   * {@code ferry_adopt_existing_table}): then Ferry's columns, indexes and triggers are added to it
   * and nothing of it is dropped or deleted.
   */
  void createTable(String schema, TableSpec table, boolean adoptExisting);

  default void createTable(String schema, TableSpec table) {
    createTable(schema, table, false);
  }

  /**
   * Aligns an existing table with {@code table}: adds missing columns (schema change), widens
   * varchar columns that grew, creates missing indexes, regenerates both trigger functions (access
   * changes). Returns what it changed, e.g. {@code added column email}. A table Ferry did not
   * create is refused or adopted as by {@link #createTable}.
   */
  List<String> evolveTable(String schema, TableSpec table, boolean adoptExisting);

  default List<String> evolveTable(String schema, TableSpec table) {
    return evolveTable(schema, table, false);
  }

  /** Regenerates the logger for the table's access (READONLY vs NEW entries). */
  void setAccess(String schema, TableSpec table);

  /**
   * Drops the table, its triggers and trigger functions (mapping deleted). In the same transaction
   * the table's changes that were never written ({@code _trigger_log} entries NEW or REQUEUE) end
   * IGNORED ({@code sf_result} 2, {@code sf_message} "not written: the mapping of TABLE was
   * deleted"): nothing can write them any more, and a mapping created again for the table must not
   * send them (its rows are new rows that may re-use the old ids).
   */
  void dropTable(String schema, String table);

  boolean tableExists(String schema, String table);

  /** Column name → Postgres type ({@code character varying(80)}), in table order. */
  Map<String, String> columns(String schema, String table);

  /** Exact row count (the API's {@code counts.db}). */
  long rowCount(String schema, String table);

  /** Drops the whole connection schema (connection deleted). */
  void dropSchema(String schema);
}

package dev.ferry.store.changelog;

import static dev.ferry.store.internal.Rows.setInstant;
import static dev.ferry.store.internal.Sql.qualified;

import dev.ferry.core.control.RetryResult;
import dev.ferry.core.model.PgIdentifiers;
import dev.ferry.store.internal.Jdbc;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Queues FAILED entries again the way Heroku Connect's re-capture helpers do (see {@link
 * dev.ferry.core.port.ChangeLog#requeueFailed}): one new entry per row, from the row as it is now.
 */
final class Requeue {
  private final String schema;
  private final String logTable;
  private final String archiveTable;
  private final InstantSource clock;

  Requeue(String schema, String logTable, String archiveTable, InstantSource clock) {
    this.schema = schema;
    this.logTable = logTable;
    this.archiveTable = archiveTable;
    this.clock = clock;
  }

  private record Failed(long id, String action, @Nullable String sfid, String[] valuesKv) {}

  private record Row(String table, int recordId) {}

  RetryResult run(Jdbc jdbc, @Nullable String table, @Nullable Long entryId) {
    return jdbc.inTransaction(
        "queue failed entries of " + schema + " again",
        c -> {
          // one retry at a time per schema: two would capture the same rows twice
          try (PreparedStatement lock =
              c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, "ferry.requeue:" + schema);
            lock.execute();
          }
          Map<Row, List<Failed>> rows = failed(c, table, entryId);
          int requeued = 0;
          int captured = 0;
          for (Map.Entry<Row, List<Failed>> e : rows.entrySet()) {
            if (capture(c, e.getKey(), e.getValue())) captured++;
            List<Long> ids = e.getValue().stream().map(Failed::id).toList();
            requeued += markRequeued(c, logTable, ids) + markRequeued(c, archiveTable, ids);
          }
          return new RetryResult(requeued, captured);
        });
  }

  /** FAILED entries in scope, grouped by row in id order. */
  private Map<Row, List<Failed>> failed(
      Connection c, @Nullable String table, @Nullable Long entryId) throws SQLException {
    StringBuilder scope = new StringBuilder(" WHERE state = 'FAILED'");
    if (table != null) scope.append(" AND table_name = ?");
    if (entryId != null) {
      scope
          .append(" AND (table_name, record_id) IN (SELECT table_name, record_id FROM ")
          .append(logTable)
          .append(" WHERE id = ? AND state = 'FAILED' UNION SELECT table_name, record_id FROM ")
          .append(archiveTable)
          .append(" WHERE id = ? AND state = 'FAILED')");
    }
    String columns =
        "id, table_name, record_id, action, sfid,"
            + " public.hstore_to_array(\"values\"::public.hstore) AS values_kv FROM ";
    Map<Row, List<Failed>> out = new LinkedHashMap<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT * FROM (SELECT "
                + columns
                + logTable
                + scope
                + " UNION ALL SELECT "
                + columns
                + archiveTable
                + scope
                + ") f ORDER BY id")) {
      int i = 1;
      for (int part = 0; part < 2; part++) {
        if (table != null) p.setString(i++, table);
        if (entryId != null) {
          p.setLong(i++, entryId);
          p.setLong(i++, entryId);
        }
      }
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          Row row = new Row(rs.getString("table_name"), rs.getInt("record_id"));
          Array kv = rs.getArray("values_kv");
          out.computeIfAbsent(row, k -> new ArrayList<>())
              .add(
                  new Failed(
                      rs.getLong("id"),
                      rs.getString("action"),
                      rs.getString("sfid"),
                      kv == null ? new String[0] : (String[]) kv.getArray()));
        }
      }
    }
    return out;
  }

  /** Queues one new entry for the row; false when there is nothing left to send. */
  private boolean capture(Connection c, Row row, List<Failed> failed) throws SQLException {
    String table = qualified(schema, PgIdentifiers.requireValid(row.table()));
    Boolean hasSfid = null;
    try (PreparedStatement p =
        c.prepareStatement("SELECT sfid IS NOT NULL FROM " + table + " WHERE id = ? FOR UPDATE")) {
      p.setInt(1, row.recordId());
      try (ResultSet rs = p.executeQuery()) {
        if (rs.next()) hasSfid = rs.getBoolean(1);
      }
    }
    if (hasSfid == null) return requeueDelete(c, row, failed);
    if (hasSfid) {
      // the columns the failed updates carried; everything when an insert failed
      Set<String> columns = new LinkedHashSet<>();
      boolean all = false;
      for (Failed f : failed) {
        if (!f.action().equals("UPDATE")) all = true;
        for (int i = 0; i + 1 < f.valuesKv().length; i += 2) columns.add(f.valuesKv()[i]);
      }
      if (all) columns.clear();
      try (PreparedStatement p =
          c.prepareStatement(
              "SELECT "
                  + qualified(schema, "hc_capture_update_from_row")
                  + "(public.hstore(t.*), ?, ?::text[]) FROM "
                  + table
                  + " t WHERE t.id = ?")) {
        p.setString(1, row.table());
        p.setArray(2, c.createArrayOf("text", columns.toArray()));
        p.setInt(3, row.recordId());
        p.execute();
      }
    } else {
      try (PreparedStatement p =
          c.prepareStatement(
              "SELECT "
                  + qualified(schema, "hc_capture_insert_from_row")
                  + "(public.hstore(t.*), ?) FROM "
                  + table
                  + " t WHERE t.id = ?")) {
        p.setString(1, row.table());
        p.setInt(2, row.recordId());
        p.execute();
      }
    }
    // the row is queued again: show it as waiting, as an application's own change would
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE " + table + " SET _hc_lastop = 'PENDING', _hc_err = NULL WHERE id = ?")) {
      p.setInt(1, row.recordId());
      p.executeUpdate();
    }
    return true;
  }

  /** The row is gone: only a failed DELETE still means something; queue its newest again. */
  private boolean requeueDelete(Connection c, Row row, List<Failed> failed) throws SQLException {
    Failed delete = null;
    for (Failed f : failed) if (f.action().equals("DELETE") && f.sfid() != null) delete = f;
    if (delete == null) return false;
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO "
                + logTable
                + " (action, table_name, txid, created_at, state, record_id, sfid)"
                + " VALUES ('DELETE', ?, txid_current(), clock_timestamp(), 'NEW', ?, ?)")) {
      p.setString(1, row.table());
      p.setInt(2, row.recordId());
      p.setString(3, delete.sfid());
      p.executeUpdate();
    }
    return true;
  }

  private int markRequeued(Connection c, String logTable, List<Long> ids) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE "
                + logTable
                + " SET state = 'REQUEUED', updated_at = ? WHERE id = ANY (?) AND state = 'FAILED'")) {
      setInstant(p, 1, clock.instant());
      p.setArray(2, c.createArrayOf("int4", ids.stream().map(Long::intValue).toArray()));
      return p.executeUpdate();
    }
  }
}

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
 * dev.ferry.core.port.WriteErrorLog#requeueFailed}): one new entry per row, from the row as it is
 * now.
 */
final class Requeue {
  private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))";

  /** The FAILED entries in scope, live ({@code %1$s}) and archived ({@code %2$s}). */
  private static final String FAILED =
      """
      SELECT * FROM (
        SELECT id, table_name, record_id, action, sfid,
               public.hstore_to_array("values"::public.hstore) AS values_kv
          FROM %1$s%3$s
        UNION ALL
        SELECT id, table_name, record_id, action, sfid,
               public.hstore_to_array("values"::public.hstore) AS values_kv
          FROM %2$s%3$s) f
       ORDER BY id
      """;

  /** Narrows the scope to the row of one failed entry, live or archived. */
  private static final String ONE_ENTRY_ROW =
      """
      AND (table_name, record_id) IN (
            SELECT table_name, record_id FROM %1$s WHERE id = ? AND state = 'FAILED'
            UNION
            SELECT table_name, record_id FROM %2$s WHERE id = ? AND state = 'FAILED')\
      """;

  private static final String ROW_HAS_SFID =
      "SELECT sfid IS NOT NULL FROM %1$s WHERE id = ? FOR UPDATE";

  private static final String CAPTURE_UPDATE =
      "SELECT %1$s(public.hstore(t.*), ?, ?::text[]) FROM %2$s t WHERE t.id = ?";

  private static final String CAPTURE_INSERT =
      "SELECT %1$s(public.hstore(t.*), ?) FROM %2$s t WHERE t.id = ?";

  private static final String SHOW_PENDING =
      "UPDATE %1$s SET _hc_lastop = 'PENDING', _hc_err = NULL WHERE id = ?";

  private static final String QUEUE_DELETE =
      """
      INSERT INTO %1$s (action, table_name, txid, created_at, state, record_id, sfid)
      VALUES ('DELETE', ?, txid_current(), clock_timestamp(), 'NEW', ?, ?)
      """;

  private static final String MARK_REQUEUED =
      """
      UPDATE %1$s SET state = 'REQUEUED', updated_at = ?
       WHERE id = ANY (?) AND state = 'FAILED'
      """;

  private final TriggerLogTables tables;
  private final InstantSource clock;

  Requeue(TriggerLogTables tables, InstantSource clock) {
    this.tables = tables;
    this.clock = clock;
  }

  private record Failed(long id, String action, @Nullable String sfid, String[] valuesKv) {}

  private record Row(String table, int recordId) {}

  RetryResult run(Jdbc jdbc, @Nullable String table, @Nullable Long entryId) {
    return jdbc.inTransaction(
        "queue failed entries of " + tables.schema() + " again",
        c -> {
          // one retry at a time per schema: two would capture the same rows twice
          try (PreparedStatement lock = c.prepareStatement(LOCK)) {
            lock.setString(1, "ferry.requeue:" + tables.schema());
            lock.execute();
          }
          Map<Row, List<Failed>> rows = failed(c, table, entryId);
          int requeued = 0;
          int captured = 0;
          for (Map.Entry<Row, List<Failed>> e : rows.entrySet()) {
            if (capture(c, e.getKey(), e.getValue())) captured++;
            List<Long> ids = e.getValue().stream().map(Failed::id).toList();
            requeued += markRequeued(c, tables.log(), ids) + markRequeued(c, tables.archive(), ids);
          }
          return new RetryResult(requeued, captured);
        });
  }

  /** FAILED entries in scope, grouped by row in id order. */
  private Map<Row, List<Failed>> failed(
      Connection c, @Nullable String table, @Nullable Long entryId) throws SQLException {
    String scope =
        " WHERE state = 'FAILED'"
            + (table == null ? "" : " AND table_name = ?")
            + (entryId == null
                ? ""
                : " " + ONE_ENTRY_ROW.formatted(tables.log(), tables.archive()));
    Map<Row, List<Failed>> out = new LinkedHashMap<>();
    try (PreparedStatement p =
        c.prepareStatement(FAILED.formatted(tables.log(), tables.archive(), scope))) {
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
    String table = qualified(tables.schema(), PgIdentifiers.requireValid(row.table()));
    Boolean hasSfid = null;
    try (PreparedStatement p = c.prepareStatement(ROW_HAS_SFID.formatted(table))) {
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
              CAPTURE_UPDATE.formatted(
                  qualified(tables.schema(), "hc_capture_update_from_row"), table))) {
        p.setString(1, row.table());
        p.setArray(2, c.createArrayOf("text", columns.toArray()));
        p.setInt(3, row.recordId());
        p.execute();
      }
    } else {
      try (PreparedStatement p =
          c.prepareStatement(
              CAPTURE_INSERT.formatted(
                  qualified(tables.schema(), "hc_capture_insert_from_row"), table))) {
        p.setString(1, row.table());
        p.setInt(2, row.recordId());
        p.execute();
      }
    }
    // the row is queued again: show it as waiting, as an application's own change would
    try (PreparedStatement p = c.prepareStatement(SHOW_PENDING.formatted(table))) {
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
    try (PreparedStatement p = c.prepareStatement(QUEUE_DELETE.formatted(tables.log()))) {
      p.setString(1, row.table());
      p.setInt(2, row.recordId());
      p.setString(3, delete.sfid());
      p.executeUpdate();
    }
    return true;
  }

  private int markRequeued(Connection c, String logTable, List<Long> ids) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(MARK_REQUEUED.formatted(logTable))) {
      setInstant(p, 1, clock.instant());
      p.setArray(2, c.createArrayOf("int4", ids.stream().map(Long::intValue).toArray()));
      return p.executeUpdate();
    }
  }
}

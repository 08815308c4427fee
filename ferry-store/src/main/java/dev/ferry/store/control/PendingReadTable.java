package dev.ferry.store.control;

import static dev.ferry.store.internal.Rows.instant;
import static dev.ferry.store.internal.Rows.setInstant;

import dev.ferry.core.id.MappingId;
import dev.ferry.core.store.StampRange;
import dev.ferry.store.internal.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code ferry.pending_read}: the read work a mapping owes after an interruption — columns not
 * back-filled yet, a stamp range whose relationship external ids are not resolved yet. One row per
 * kind and mapping; adding widens it, finishing removes it.
 */
final class PendingReadTable {
  private static final String BACKFILL = "BACKFILL";
  private static final String EXTERNAL_IDS = "EXTERNAL_IDS";

  /** Binds the statement's parameters after the first two (mapping id and kind). */
  @FunctionalInterface
  private interface Binder {
    void bind(Connection c, PreparedStatement p) throws SQLException;
  }

  private final Jdbc jdbc;
  private final InstantSource clock;

  PendingReadTable(Jdbc jdbc, InstantSource clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  Set<String> unfilledColumns(MappingId id) {
    return jdbc.inTransaction(
        "read the columns mapping " + id + " has not back-filled",
        c -> {
          try (PreparedStatement p = prepare(c, "SELECT columns", id, BACKFILL, "");
              ResultSet rs = p.executeQuery()) {
            if (!rs.next()) return Set.of();
            return Set.copyOf(Arrays.asList((String[]) rs.getArray(1).getArray()));
          }
        });
  }

  void addUnfilledColumns(MappingId id, Collection<String> columns) {
    if (columns.isEmpty()) return;
    update(
        "record columns " + columns + " of mapping " + id + " as not back-filled",
        "INSERT INTO ferry.pending_read (mapping_id, kind, columns, since) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (mapping_id, kind) DO UPDATE SET columns = ARRAY(SELECT DISTINCT"
            + " unnest(pending_read.columns || EXCLUDED.columns) ORDER BY 1)",
        id,
        BACKFILL,
        (c, p) -> {
          p.setArray(3, c.createArrayOf("text", columns.toArray(String[]::new)));
          setInstant(p, 4, clock.instant());
        });
  }

  void removeUnfilledColumns(MappingId id, Collection<String> columns) {
    if (columns.isEmpty()) return;
    jdbc.inTransaction(
        "record columns " + columns + " of mapping " + id + " as back-filled",
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE ferry.pending_read SET columns = ARRAY(SELECT unnest(columns) EXCEPT"
                      + " SELECT unnest(?::text[]) ORDER BY 1) WHERE mapping_id = ? AND kind = ?")) {
            p.setArray(1, c.createArrayOf("text", columns.toArray(String[]::new)));
            p.setObject(2, id.value());
            p.setString(3, BACKFILL);
            p.executeUpdate();
          }
          try (PreparedStatement p =
              prepare(c, "DELETE", id, BACKFILL, " AND cardinality(columns) = 0")) {
            p.executeUpdate();
          }
          return null;
        });
  }

  Optional<StampRange> unresolvedExternalIds(MappingId id) {
    return jdbc.inTransaction(
        "read the unresolved external ids of mapping " + id,
        c -> {
          try (PreparedStatement p =
                  prepare(c, "SELECT lower_bound, upper_bound", id, EXTERNAL_IDS, "");
              ResultSet rs = p.executeQuery()) {
            if (!rs.next()) return Optional.empty();
            return Optional.of(
                new StampRange(instant(rs, "lower_bound"), instant(rs, "upper_bound")));
          }
        });
  }

  void addUnresolvedExternalIds(MappingId id, StampRange range) {
    update(
        "record the external ids of mapping " + id + " in " + range + " as unresolved",
        "INSERT INTO ferry.pending_read (mapping_id, kind, lower_bound, upper_bound, since)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (mapping_id, kind) DO UPDATE SET lower_bound ="
            + " least(pending_read.lower_bound, EXCLUDED.lower_bound), upper_bound ="
            + " greatest(pending_read.upper_bound, EXCLUDED.upper_bound)",
        id,
        EXTERNAL_IDS,
        (c, p) -> {
          setInstant(p, 3, range.lower());
          setInstant(p, 4, range.upper());
          setInstant(p, 5, clock.instant());
        });
  }

  void externalIdsResolved(MappingId id, StampRange resolved) {
    update(
        "record the external ids of mapping " + id + " in " + resolved + " as resolved",
        "DELETE FROM ferry.pending_read WHERE mapping_id = ? AND kind = ?"
            + " AND lower_bound >= ? AND upper_bound <= ?",
        id,
        EXTERNAL_IDS,
        (c, p) -> {
          setInstant(p, 3, resolved.lower());
          setInstant(p, 4, resolved.upper());
        });
  }

  void clear(MappingId id) {
    update(
        "forget the owed reads of mapping " + id,
        "DELETE FROM ferry.pending_read WHERE mapping_id = ?",
        id,
        null,
        (c, p) -> {});
  }

  /** {@code verb} (SELECT …, DELETE) on the row of {@code id} and {@code kind}. */
  private static PreparedStatement prepare(
      Connection c, String verb, MappingId id, String kind, String andWhere) throws SQLException {
    PreparedStatement p =
        c.prepareStatement(
            verb + " FROM ferry.pending_read WHERE mapping_id = ? AND kind = ?" + andWhere);
    p.setObject(1, id.value());
    p.setString(2, kind);
    return p;
  }

  /** Runs one statement; binds {@code id} and {@code kind} first when given. */
  private void update(
      String what, String sql, @Nullable MappingId id, @Nullable String kind, Binder rest) {
    jdbc.inTransaction(
        what,
        c -> {
          try (PreparedStatement p = c.prepareStatement(sql)) {
            if (id != null) p.setObject(1, id.value());
            if (kind != null) p.setString(2, kind);
            rest.bind(c, p);
            p.executeUpdate();
          }
          return null;
        });
  }
}

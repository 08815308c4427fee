package dev.ferry.store.control;

import static dev.ferry.store.internal.Rows.instant;
import static dev.ferry.store.internal.Rows.setInstant;

import dev.ferry.core.id.MappingId;
import dev.ferry.core.store.StampRange;
import dev.ferry.store.internal.Jdbc;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ferry.pending_read}: the read work a mapping owes after an interruption — columns not
 * back-filled yet, a stamp range whose relationship external ids are not resolved yet. One row per
 * kind and mapping; adding widens it, finishing removes it.
 */
final class PendingReadTable {
  private static final String BACKFILL = "BACKFILL";
  private static final String EXTERNAL_IDS = "EXTERNAL_IDS";

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
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT columns FROM ferry.pending_read WHERE mapping_id = ? AND kind = ?")) {
            p.setObject(1, id.value());
            p.setString(2, BACKFILL);
            try (ResultSet rs = p.executeQuery()) {
              if (!rs.next()) return Set.of();
              String[] names = (String[]) rs.getArray(1).getArray();
              return Set.copyOf(new LinkedHashSet<>(Arrays.asList(names)));
            }
          }
        });
  }

  void addUnfilledColumns(MappingId id, Collection<String> columns) {
    if (columns.isEmpty()) return;
    jdbc.inTransaction(
        "record columns " + columns + " of mapping " + id + " as not back-filled",
        c -> {
          Array names = c.createArrayOf("text", columns.toArray(String[]::new));
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO ferry.pending_read (mapping_id, kind, columns, since)"
                      + " VALUES (?, ?, ?, ?) ON CONFLICT (mapping_id, kind) DO UPDATE SET columns"
                      + " = ARRAY(SELECT DISTINCT unnest(pending_read.columns || EXCLUDED.columns)"
                      + " ORDER BY 1)")) {
            p.setObject(1, id.value());
            p.setString(2, BACKFILL);
            p.setArray(3, names);
            setInstant(p, 4, clock.instant());
            p.executeUpdate();
          }
          return null;
        });
  }

  void removeUnfilledColumns(MappingId id, Collection<String> columns) {
    if (columns.isEmpty()) return;
    jdbc.inTransaction(
        "record columns " + columns + " of mapping " + id + " as back-filled",
        c -> {
          Array names = c.createArrayOf("text", columns.toArray(String[]::new));
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE ferry.pending_read SET columns = ARRAY(SELECT unnest(columns) EXCEPT"
                      + " SELECT unnest(?::text[]) ORDER BY 1) WHERE mapping_id = ? AND kind = ?")) {
            p.setArray(1, names);
            p.setObject(2, id.value());
            p.setString(3, BACKFILL);
            p.executeUpdate();
          }
          try (PreparedStatement p =
              c.prepareStatement(
                  "DELETE FROM ferry.pending_read WHERE mapping_id = ? AND kind = ?"
                      + " AND cardinality(columns) = 0")) {
            p.setObject(1, id.value());
            p.setString(2, BACKFILL);
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
              c.prepareStatement(
                  "SELECT lower_bound, upper_bound FROM ferry.pending_read"
                      + " WHERE mapping_id = ? AND kind = ?")) {
            p.setObject(1, id.value());
            p.setString(2, EXTERNAL_IDS);
            try (ResultSet rs = p.executeQuery()) {
              if (!rs.next()) return Optional.empty();
              Instant lower = instant(rs, "lower_bound");
              Instant upper = instant(rs, "upper_bound");
              return Optional.of(new StampRange(lower, upper));
            }
          }
        });
  }

  void addUnresolvedExternalIds(MappingId id, StampRange range) {
    jdbc.inTransaction(
        "record the external ids of mapping " + id + " in " + range + " as unresolved",
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO ferry.pending_read (mapping_id, kind, lower_bound, upper_bound,"
                      + " since) VALUES (?, ?, ?, ?, ?) ON CONFLICT (mapping_id, kind) DO UPDATE"
                      + " SET lower_bound = least(pending_read.lower_bound, EXCLUDED.lower_bound),"
                      + " upper_bound = greatest(pending_read.upper_bound,"
                      + " EXCLUDED.upper_bound)")) {
            p.setObject(1, id.value());
            p.setString(2, EXTERNAL_IDS);
            setInstant(p, 3, range.lower());
            setInstant(p, 4, range.upper());
            setInstant(p, 5, clock.instant());
            p.executeUpdate();
          }
          return null;
        });
  }

  void externalIdsResolved(MappingId id, StampRange resolved) {
    jdbc.inTransaction(
        "record the external ids of mapping " + id + " in " + resolved + " as resolved",
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "DELETE FROM ferry.pending_read WHERE mapping_id = ? AND kind = ?"
                      + " AND lower_bound >= ? AND upper_bound <= ?")) {
            p.setObject(1, id.value());
            p.setString(2, EXTERNAL_IDS);
            setInstant(p, 3, resolved.lower());
            setInstant(p, 4, resolved.upper());
            p.executeUpdate();
          }
          return null;
        });
  }

  void clear(MappingId id) {
    jdbc.inTransaction(
        "forget the owed reads of mapping " + id,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("DELETE FROM ferry.pending_read WHERE mapping_id = ?")) {
            p.setObject(1, id.value());
            p.executeUpdate();
          }
          return null;
        });
  }
}

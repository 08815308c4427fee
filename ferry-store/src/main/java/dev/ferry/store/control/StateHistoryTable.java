package dev.ferry.store.control;

import static dev.ferry.store.internal.Rows.instant;
import static dev.ferry.store.internal.Rows.setInstant;

import dev.ferry.core.store.StateChange;
import dev.ferry.store.internal.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A state-history table of the control schema (connections and mappings have one each): a row per
 * state change, appended in the transaction that changes the state, read newest first.
 */
final class StateHistoryTable {
  static final StateHistoryTable CONNECTIONS =
      new StateHistoryTable("ferry.connection_state_history", "connection_id");
  static final StateHistoryTable MAPPINGS =
      new StateHistoryTable("ferry.mapping_state_history", "mapping_id");

  private final String table;
  private final String ownerColumn;

  private StateHistoryTable(String table, String ownerColumn) {
    this.table = table;
    this.ownerColumn = ownerColumn;
  }

  void append(
      Connection c,
      UUID owner,
      @Nullable String from,
      String to,
      Instant at,
      @Nullable String reason)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO "
                + table
                + " ("
                + ownerColumn
                + ", from_state, to_state, at, reason) VALUES (?, ?, ?, ?, ?)")) {
      p.setObject(1, owner);
      p.setString(2, from);
      p.setString(3, to);
      setInstant(p, 4, at);
      p.setString(5, reason);
      p.executeUpdate();
    }
  }

  List<StateChange> newestFirst(Jdbc jdbc, String what, UUID owner, int limit) {
    return jdbc.inTransaction(
        "read state history of " + what,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT from_state, to_state, at, reason FROM "
                      + table
                      + " WHERE "
                      + ownerColumn
                      + " = ? ORDER BY at DESC, id DESC LIMIT ?")) {
            p.setObject(1, owner);
            p.setInt(2, limit);
            List<StateChange> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new StateChange(
                        rs.getString("from_state"),
                        rs.getString("to_state"),
                        instant(rs, "at"),
                        rs.getString("reason")));
              }
            }
            return out;
          }
        });
  }

  /**
   * Deletes the changes older than {@code cutoff}, keeping each owner's newest one (so a history
   * never ends up empty); returns how many it deleted.
   */
  int purgeBefore(Jdbc jdbc, Instant cutoff) {
    return jdbc.inTransaction(
        "purge " + table + " before " + cutoff,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "DELETE FROM "
                      + table
                      + " h WHERE h.at < ? AND h.id <> (SELECT max(n.id) FROM "
                      + table
                      + " n WHERE n."
                      + ownerColumn
                      + " = h."
                      + ownerColumn
                      + ")")) {
            setInstant(p, 1, cutoff);
            return p.executeUpdate();
          }
        });
  }
}

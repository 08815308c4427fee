package dev.ferry.store.sink;

import static dev.ferry.store.internal.Sql.qualified;

import dev.ferry.core.model.ColumnRole;
import dev.ferry.core.port.TableSink;
import dev.ferry.core.store.DeleteMode;
import dev.ferry.core.store.DeleteResult;
import dev.ferry.core.store.SinkBatch;
import dev.ferry.core.store.SinkOptions;
import dev.ferry.core.store.SinkTarget;
import dev.ferry.core.store.WatermarkKind;
import dev.ferry.store.internal.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link TableSink} over JDBC: COPY into a staging table, merge, watermark, one transaction. */
public final class JdbcTableSink implements TableSink {
  private static final Logger log = LoggerFactory.getLogger(JdbcTableSink.class);
  private static final String FOREIGN_KEY_VIOLATION = "23503";

  private final DataSource dataSource;
  private final Jdbc jdbc;
  private final InstantSource clock;

  public JdbcTableSink(DataSource dataSource, InstantSource clock) {
    this.dataSource = dataSource;
    this.jdbc = new Jdbc(dataSource);
    this.clock = clock;
  }

  @Override
  public SinkBatch open(SinkTarget target, SinkOptions options) {
    return new JdbcSinkBatch(dataSource, target, options, clock);
  }

  @Override
  public DeleteResult delete(
      SinkTarget target, Collection<String> sfids, @Nullable Instant watermark) {
    String table = qualified(target.schema(), target.table().tableName());
    // A table without isdeleted (an object without IsDeleted, like User) cannot flag: remove.
    boolean flag =
        target.deleteMode() == DeleteMode.FLAG
            && target.table().columns().stream().anyMatch(c -> c.role() == ColumnRole.IS_DELETED);
    String sql =
        !flag
            ? "DELETE FROM " + table + " WHERE sfid = ANY (?) RETURNING sfid"
            : "UPDATE "
                + table
                + " SET isdeleted = true WHERE sfid = ANY (?)"
                + " AND isdeleted IS DISTINCT FROM true RETURNING sfid";
    return jdbc.inTransaction(
        "apply deletes to " + target.describe(),
        c -> {
          List<String> affected = new ArrayList<>();
          if (!sfids.isEmpty()) {
            try {
              inSavepoint(c, () -> affected.addAll(deleteRows(c, sql, sfids)));
            } catch (SQLException e) {
              if (!FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) throw e;
              affected.addAll(deleteEachKeepingReferenced(c, target, sql, sfids));
            }
          }
          if (watermark != null) {
            JdbcSinkBatch.advance(c, target, WatermarkKind.DELETES, watermark, clock);
          }
          return new DeleteResult(affected.size(), affected);
        });
  }

  private static List<String> deleteRows(Connection c, String sql, Collection<String> sfids)
      throws SQLException {
    List<String> affected = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setArray(1, c.createArrayOf("varchar", sfids.toArray()));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) affected.add(rs.getString(1));
      }
    }
    return affected;
  }

  /**
   * An application's foreign key refuses the removal of some rows: each row on its own, keeping
   * those still referenced (the application's data wins; the row goes once nothing refers to it).
   */
  private static List<String> deleteEachKeepingReferenced(
      Connection c, SinkTarget target, String sql, Collection<String> sfids) throws SQLException {
    List<String> affected = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    for (String sfid : sfids) {
      try {
        inSavepoint(c, () -> affected.addAll(deleteRows(c, sql, List.of(sfid))));
      } catch (SQLException e) {
        if (!FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) throw e;
        kept.add(sfid);
      }
    }
    log.atWarn()
        .addKeyValue("table", target.table().tableName())
        .addKeyValue("mapping", target.mapping())
        .addKeyValue("kept", kept.size() > 20 ? kept.subList(0, 20) : kept)
        .log(
            "{} row(s) whose records Salesforce deleted are kept: an application foreign key"
                + " still refers to them",
            kept.size());
    return affected;
  }

  private interface SqlAction {
    void run() throws SQLException;
  }

  private static void inSavepoint(Connection c, SqlAction action) throws SQLException {
    Savepoint sp = c.setSavepoint();
    try {
      action.run();
      c.releaseSavepoint(sp);
    } catch (SQLException e) {
      c.rollback(sp);
      throw e;
    }
  }

  @Override
  public boolean beginReload(SinkTarget target) {
    return jdbc.inTransaction(
        "begin reload of " + target.describe(),
        c -> {
          forgetRead(c, target);
          try (PreparedStatement p =
              c.prepareStatement("DELETE FROM ferry.watermark WHERE mapping_id = ?")) {
            p.setObject(1, target.mapping().value());
            p.executeUpdate();
          }
          try (Statement s = c.createStatement();
              ResultSet rs =
                  s.executeQuery(
                      "SELECT NOT EXISTS (SELECT 1 FROM "
                          + qualified(target.schema(), target.table().tableName())
                          + ")")) {
            rs.next();
            return rs.getBoolean(1);
          }
        });
  }

  @Override
  public List<String> unread(SinkTarget target, @Nullable String afterSfid, int limit) {
    String sql =
        "SELECT t.sfid FROM "
            + qualified(target.schema(), target.table().tableName())
            + " t WHERE t.sfid IS NOT NULL AND t._hc_lastop IS NOT NULL"
            // rows already flagged deleted (DeleteMode.FLAG) are not asked about again
            + (hasIsDeleted(target) ? " AND t.isdeleted IS NOT TRUE" : "")
            + (afterSfid == null ? "" : " AND t.sfid > ?")
            + " AND NOT EXISTS (SELECT 1 FROM ferry.reload_read r"
            + " WHERE r.mapping_id = ? AND r.sfid = t.sfid)"
            + " ORDER BY t.sfid LIMIT ?";
    return jdbc.inTransaction(
        "list rows the reload of " + target.describe() + " did not read",
        c -> {
          try (PreparedStatement p = c.prepareStatement(sql)) {
            int i = 1;
            if (afterSfid != null) p.setString(i++, afterSfid);
            p.setObject(i++, target.mapping().value());
            p.setInt(i, limit);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) out.add(rs.getString(1));
            }
            return out;
          }
        });
  }

  private static boolean hasIsDeleted(SinkTarget target) {
    return target.table().columns().stream().anyMatch(c -> c.role() == ColumnRole.IS_DELETED);
  }

  @Override
  public long noted(SinkTarget target) {
    return jdbc.inTransaction(
        "count the sfids read by the reload of " + target.describe(),
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("SELECT count(*) FROM ferry.reload_read WHERE mapping_id = ?")) {
            p.setObject(1, target.mapping().value());
            try (ResultSet rs = p.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  @Override
  public void endReload(SinkTarget target) {
    jdbc.inTransaction(
        "end reload of " + target.describe(),
        c -> {
          forgetRead(c, target);
          return null;
        });
  }

  private static void forgetRead(Connection c, SinkTarget target) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("DELETE FROM ferry.reload_read WHERE mapping_id = ?")) {
      p.setObject(1, target.mapping().value());
      p.executeUpdate();
    }
  }
}

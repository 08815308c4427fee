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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** {@link TableSink} over JDBC: COPY into a staging table, merge, watermark, one transaction. */
public final class JdbcTableSink implements TableSink {
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
            try (PreparedStatement p = c.prepareStatement(sql)) {
              p.setArray(1, c.createArrayOf("varchar", sfids.toArray()));
              try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) affected.add(rs.getString(1));
              }
            }
          }
          if (watermark != null) {
            JdbcSinkBatch.advance(c, target, WatermarkKind.DELETES, watermark, clock);
          }
          return new DeleteResult(affected.size(), affected);
        });
  }

  @Override
  public void clear(SinkTarget target) {
    jdbc.inTransaction(
        "clear " + target.describe() + " for reload",
        c -> {
          try (Statement s = c.createStatement()) {
            // TRUNCATE fires no row trigger: nothing is captured or deleted in Salesforce.
            s.execute("TRUNCATE " + qualified(target.schema(), target.table().tableName()));
          }
          try (PreparedStatement p =
              c.prepareStatement("DELETE FROM ferry.watermark WHERE mapping_id = ?")) {
            p.setObject(1, target.mapping().value());
            p.executeUpdate();
          }
          return null;
        });
  }
}

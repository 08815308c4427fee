package dev.ferry.store.changelog;

import static dev.ferry.store.internal.Rows.instant;
import static dev.ferry.store.internal.Rows.setInstant;
import static dev.ferry.store.internal.Rows.uuid;

import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.port.WriteBatchStore;
import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.store.WriteBatch;
import dev.ferry.core.store.WriteTransport;
import dev.ferry.store.internal.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/** {@link WriteBatchStore} over {@code ferry.write_batch}. */
public final class JdbcWriteBatchStore implements WriteBatchStore {
  private final Jdbc jdbc;

  public JdbcWriteBatchStore(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public WriteBatch open(WriteBatch b) {
    long id =
        jdbc.inTransaction(
            "record a write batch of " + b.tableName(),
            c -> {
              try (PreparedStatement p =
                  c.prepareStatement(
                      "INSERT INTO ferry.write_batch (connection_id, holder, table_name,"
                          + " object_name, operation, transport, entry_ids, job_id,"
                          + " external_id_field, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                          + " RETURNING id")) {
                p.setObject(1, b.connection().value());
                p.setString(2, b.holder());
                p.setString(3, b.tableName());
                p.setString(4, b.objectName());
                p.setString(5, b.operation().name());
                p.setString(6, b.transport().name());
                p.setArray(7, c.createArrayOf("int8", b.entryIds().toArray()));
                p.setString(8, b.jobId());
                p.setString(9, b.externalIdField());
                setInstant(p, 10, b.startedAt());
                try (ResultSet rs = p.executeQuery()) {
                  rs.next();
                  return rs.getLong(1);
                }
              }
            });
    return b.withId(id);
  }

  @Override
  public void attachJob(long batchId, String jobId) {
    Objects.requireNonNull(jobId, "jobId");
    jdbc.inTransaction(
        "record Bulk job " + jobId + " of write batch " + batchId,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("UPDATE ferry.write_batch SET job_id = ? WHERE id = ?")) {
            p.setString(1, jobId);
            p.setLong(2, batchId);
            return p.executeUpdate();
          }
        });
  }

  @Override
  public void close(long batchId) {
    jdbc.inTransaction(
        "close write batch " + batchId,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("DELETE FROM ferry.write_batch WHERE id = ?")) {
            p.setLong(1, batchId);
            return p.executeUpdate();
          }
        });
  }

  @Override
  public List<WriteBatch> openBatches(ConnectionId connection) {
    return jdbc.inTransaction(
        "list open write batches of " + connection,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT * FROM ferry.write_batch WHERE connection_id = ? ORDER BY id")) {
            p.setObject(1, connection.value());
            List<WriteBatch> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                Long[] ids = (Long[]) rs.getArray("entry_ids").getArray();
                out.add(
                    new WriteBatch(
                        rs.getLong("id"),
                        new ConnectionId(uuid(rs, "connection_id")),
                        rs.getString("holder"),
                        rs.getString("table_name"),
                        rs.getString("object_name"),
                        SaveOperation.valueOf(rs.getString("operation")),
                        WriteTransport.valueOf(rs.getString("transport")),
                        List.of(ids),
                        rs.getString("job_id"),
                        rs.getString("external_id_field"),
                        Objects.requireNonNull(instant(rs, "started_at"))));
              }
            }
            return out;
          }
        });
  }
}

package dev.ferry.store.changelog;

import static dev.ferry.store.changelog.TriggerLogTables.ENTRY_COLUMNS;
import static dev.ferry.store.internal.Rows.instant;
import static dev.ferry.store.internal.Rows.setInstant;

import dev.ferry.core.control.RetryResult;
import dev.ferry.core.port.WriteErrorLog;
import dev.ferry.core.store.Backlog;
import dev.ferry.core.store.ChangeEntry;
import dev.ferry.store.internal.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * {@link WriteErrorLog} over a connection schema's trigger log tables: failures are looked for in
 * both, since they stay in the log for a day and are archived afterwards.
 */
public final class JdbcWriteErrorLog implements WriteErrorLog {

  /** FAILED entries since a time ({@code %2$s}: the table filter or nothing) of one table. */
  private static final String FAILED_IN = "%1$s WHERE state = 'FAILED' AND created_at >= ?%2$s";

  private static final String FAILED_SINCE =
      """
      SELECT * FROM (SELECT %1$s FROM %2$s UNION ALL SELECT %1$s FROM %3$s) f
       ORDER BY created_at DESC, id DESC LIMIT ?
      """;

  private static final String COUNT_FAILED_SINCE =
      "SELECT (SELECT count(*) FROM %1$s) + (SELECT count(*) FROM %2$s)";

  private static final String BACKLOG =
      """
      SELECT count(*) FILTER (WHERE state IN ('NEW', 'REQUEUE')) AS new_entries,
             count(*) FILTER (WHERE state = 'PENDING') AS pending_entries,
             min(created_at) AS oldest
        FROM %1$s
       WHERE state IN ('NEW', 'PENDING', 'REQUEUE')%2$s
      """;

  private static final String COUNT_NEW = "SELECT count(*) FROM %1$s WHERE state = 'NEW'";

  private final Jdbc jdbc;
  private final TriggerLogTables tables;
  private final InstantSource clock;

  public JdbcWriteErrorLog(DataSource dataSource, String schema, InstantSource clock) {
    this.jdbc = new Jdbc(dataSource);
    this.tables = TriggerLogTables.of(schema);
    this.clock = clock;
  }

  @Override
  public List<ChangeEntry> failedSince(Instant since, @Nullable String table, int limit) {
    String filter = table == null ? "" : " AND table_name = ?";
    return jdbc.inTransaction(
        "read failed entries of " + tables.schema(),
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  FAILED_SINCE.formatted(
                      ENTRY_COLUMNS,
                      FAILED_IN.formatted(tables.log(), filter),
                      FAILED_IN.formatted(tables.archive(), filter)))) {
            p.setInt(bindFailedIn(p, since, table), limit);
            return TriggerLogTables.read(p);
          }
        });
  }

  @Override
  public long countFailedSince(Instant since, @Nullable String table) {
    String filter = table == null ? "" : " AND table_name = ?";
    return jdbc.inTransaction(
        "count failed entries of " + tables.schema(),
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  COUNT_FAILED_SINCE.formatted(
                      FAILED_IN.formatted(tables.log(), filter),
                      FAILED_IN.formatted(tables.archive(), filter)))) {
            bindFailedIn(p, since, table);
            try (ResultSet rs = p.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  /** Binds {@link #FAILED_IN} of the log, then of the archive; returns the next index. */
  private static int bindFailedIn(PreparedStatement p, Instant since, @Nullable String table)
      throws SQLException {
    int i = 1;
    for (int part = 0; part < 2; part++) {
      setInstant(p, i++, since);
      if (table != null) p.setString(i++, table);
    }
    return i;
  }

  @Override
  public RetryResult requeueFailed(@Nullable String table, @Nullable Long entryId) {
    return new Requeue(tables, clock).run(jdbc, table, entryId);
  }

  @Override
  public Backlog backlog(@Nullable String table) {
    return jdbc.inTransaction(
        "measure the backlog of " + tables.schema(),
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  BACKLOG.formatted(tables.log(), table == null ? "" : " AND table_name = ?"))) {
            if (table != null) p.setString(1, table);
            try (ResultSet rs = p.executeQuery()) {
              rs.next();
              return new Backlog(
                  rs.getLong("new_entries"), rs.getLong("pending_entries"), instant(rs, "oldest"));
            }
          }
        });
  }

  @Override
  public long countNew() {
    return jdbc.inTransaction(
        "count NEW entries of " + tables.schema(),
        c -> {
          try (PreparedStatement p = c.prepareStatement(COUNT_NEW.formatted(tables.log()));
              ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }
}

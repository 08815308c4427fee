package dev.ferry.store.control;

import static dev.ferry.store.internal.Rows.instant;
import static dev.ferry.store.internal.Rows.setInstant;

import dev.ferry.core.id.MappingId;
import dev.ferry.core.port.PollWindowStore;
import dev.ferry.core.store.NewPollWindow;
import dev.ferry.core.store.PollApi;
import dev.ferry.core.store.PollKind;
import dev.ferry.core.store.PollStatus;
import dev.ferry.core.store.PollWindow;
import dev.ferry.store.internal.Jdbc;
import dev.ferry.store.internal.Rows;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link PollWindowStore} over {@code ferry.poll_window}. */
public final class JdbcPollWindowStore implements PollWindowStore {
  /** At most this many repaired ids are kept per window (the count is always exact). */
  public static final int MAX_REPAIRED_IDS = 1000;

  private final Jdbc jdbc;
  private final InstantSource clock;

  public JdbcPollWindowStore(DataSource dataSource, InstantSource clock) {
    this.jdbc = new Jdbc(dataSource);
    this.clock = clock;
  }

  @Override
  public long start(NewPollWindow w) {
    return jdbc.inTransaction(
        "record a " + w.kind() + " poll window of mapping " + w.mapping(),
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO ferry.poll_window (mapping_id, kind, parent_id, lower_bound,"
                      + " upper_bound, api, bulk_job_id, status, secondary_due_at, started_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, 'RUNNING', ?, ?) RETURNING id")) {
            p.setObject(1, w.mapping().value());
            p.setString(2, w.kind().name());
            p.setObject(3, w.parentId());
            setInstant(p, 4, w.lower());
            setInstant(p, 5, w.upper());
            p.setString(6, w.api().name());
            p.setString(7, w.bulkJobId());
            setInstant(p, 8, w.secondaryDueAt());
            setInstant(p, 9, clock.instant());
            try (ResultSet rs = p.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  @Override
  public void setBulkJob(long windowId, String bulkJobId) {
    update(windowId, "set the bulk job of", "bulk_job_id = ?", bulkJobId);
  }

  @Override
  public void finish(long windowId, long rows, long repairedCount, List<String> repairedIds) {
    Instant now = clock.instant();
    List<String> kept =
        repairedIds.size() > MAX_REPAIRED_IDS
            ? repairedIds.subList(0, MAX_REPAIRED_IDS)
            : repairedIds;
    jdbc.inTransaction(
        "finish poll window " + windowId,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE ferry.poll_window SET status = 'DONE', rows_read = ?, repaired_count = ?,"
                      + " repaired_ids = ?, finished_at = ? WHERE id = ? RETURNING kind, parent_id")) {
            p.setLong(1, rows);
            p.setLong(2, repairedCount);
            p.setArray(3, c.createArrayOf("text", kept.toArray()));
            setInstant(p, 4, now);
            p.setLong(5, windowId);
            try (ResultSet rs = p.executeQuery()) {
              if (!rs.next()) throw new IllegalArgumentException("no poll window " + windowId);
              long parent = rs.getLong("parent_id");
              if (PollKind.SECONDARY.name().equals(rs.getString("kind")) && !rs.wasNull()) {
                try (PreparedStatement done =
                    c.prepareStatement(
                        "UPDATE ferry.poll_window SET secondary_done_at = ? WHERE id = ?")) {
                  setInstant(done, 1, now);
                  done.setLong(2, parent);
                  done.executeUpdate();
                }
              }
            }
          }
          return null;
        });
  }

  @Override
  public void fail(long windowId, PollStatus status, String error) {
    if (status != PollStatus.FAILED && status != PollStatus.ABORTED) {
      throw new IllegalArgumentException("fail() takes FAILED or ABORTED, not " + status);
    }
    jdbc.inTransaction(
        "fail poll window " + windowId,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE ferry.poll_window SET status = ?, error = ?, finished_at = ? WHERE id = ?")) {
            p.setString(1, status.name());
            p.setString(2, error);
            setInstant(p, 3, clock.instant());
            p.setLong(4, windowId);
            p.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public List<PollWindow> dueSecondaries(Instant now, int limit) {
    return query(
        "list due secondary polls",
        "kind = 'PRIMARY' AND status = 'DONE' AND secondary_started_at IS NULL"
            + " AND secondary_due_at <= ? ORDER BY secondary_due_at, id LIMIT ?",
        p -> {
          setInstant(p, 1, now);
          p.setInt(2, limit);
        });
  }

  @Override
  public boolean claimSecondary(long primaryWindowId, Instant now) {
    return jdbc.inTransaction(
        "claim the secondary poll of window " + primaryWindowId,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE ferry.poll_window SET secondary_started_at = ? WHERE id = ?"
                      + " AND kind = 'PRIMARY' AND secondary_started_at IS NULL")) {
            setInstant(p, 1, now);
            p.setLong(2, primaryWindowId);
            return p.executeUpdate() == 1;
          }
        });
  }

  @Override
  public void rescheduleSecondary(long primaryWindowId, Instant dueAt) {
    jdbc.inTransaction(
        "reschedule the secondary poll of window " + primaryWindowId,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE ferry.poll_window SET secondary_started_at = NULL, secondary_due_at = ?"
                      + " WHERE id = ? AND secondary_done_at IS NULL")) {
            setInstant(p, 1, dueAt);
            p.setLong(2, primaryWindowId);
            p.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<PollWindow> find(long windowId) {
    return query("read poll window " + windowId, "id = ?", p -> p.setLong(1, windowId)).stream()
        .findFirst();
  }

  @Override
  public List<PollWindow> recent(MappingId mapping, int limit) {
    return query(
        "list poll windows of mapping " + mapping,
        "mapping_id = ? ORDER BY id DESC LIMIT ?",
        p -> {
          p.setObject(1, mapping.value());
          p.setInt(2, limit);
        });
  }

  @Override
  public int purgeBefore(Instant cutoff) {
    return jdbc.inTransaction(
        "purge poll windows",
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "DELETE FROM ferry.poll_window WHERE started_at < ? AND status <> 'RUNNING'"
                      + " AND (kind = 'SECONDARY' OR secondary_due_at IS NULL"
                      + " OR secondary_done_at IS NOT NULL)")) {
            setInstant(p, 1, cutoff);
            return p.executeUpdate();
          }
        });
  }

  private interface Binder {
    void bind(PreparedStatement p) throws SQLException;
  }

  private void update(long windowId, String what, String set, Object value) {
    jdbc.inTransaction(
        what + " poll window " + windowId,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("UPDATE ferry.poll_window SET " + set + " WHERE id = ?")) {
            p.setObject(1, value);
            p.setLong(2, windowId);
            p.executeUpdate();
          }
          return null;
        });
  }

  private List<PollWindow> query(String operation, String where, Binder binder) {
    return jdbc.inTransaction(
        operation,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("SELECT * FROM ferry.poll_window WHERE " + where)) {
            binder.bind(p);
            List<PollWindow> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) out.add(map(rs));
            }
            return out;
          }
        });
  }

  private static PollWindow map(ResultSet rs) throws SQLException {
    long parent = rs.getLong("parent_id");
    Long parentId = rs.wasNull() ? null : parent;
    return new PollWindow(
        rs.getLong("id"),
        new MappingId(Rows.uuid(rs, "mapping_id")),
        PollKind.valueOf(rs.getString("kind")),
        parentId,
        instant(rs, "lower_bound"),
        instant(rs, "upper_bound"),
        PollApi.valueOf(rs.getString("api")),
        rs.getString("bulk_job_id"),
        PollStatus.valueOf(rs.getString("status")),
        rs.getLong("rows_read"),
        instant(rs, "secondary_due_at"),
        instant(rs, "secondary_started_at"),
        instant(rs, "secondary_done_at"),
        rs.getLong("repaired_count"),
        List.of((String[]) rs.getArray("repaired_ids").getArray()),
        rs.getString("error"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"));
  }
}

package dev.ferry.store.control;

import static dev.ferry.store.internal.Rows.instant;
import static dev.ferry.store.internal.Rows.setInstant;

import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.port.NotificationStore;
import dev.ferry.core.store.Notification;
import dev.ferry.core.store.NotificationFilter;
import dev.ferry.store.internal.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** {@link NotificationStore} over {@code ferry.notification}. */
public final class JdbcNotificationStore implements NotificationStore {
  private final Jdbc jdbc;
  private final InstantSource clock;

  public JdbcNotificationStore(DataSource dataSource, InstantSource clock) {
    this.jdbc = new Jdbc(dataSource);
    this.clock = clock;
  }

  @Override
  public long add(
      @Nullable ConnectionId connection, @Nullable MappingId mapping, String kind, String message) {
    return jdbc.inTransaction(
        "add notification " + kind,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO ferry.notification (connection_id, mapping_id, kind, message,"
                      + " created_at) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
            p.setObject(1, connection == null ? null : connection.value());
            p.setObject(2, mapping == null ? null : mapping.value());
            p.setString(3, kind);
            p.setString(4, message);
            setInstant(p, 5, clock.instant());
            try (ResultSet rs = p.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  @Override
  public List<Notification> recent(@Nullable ConnectionId connection, int limit) {
    return jdbc.inTransaction(
        "list notifications",
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT * FROM ferry.notification WHERE (?::uuid IS NULL OR connection_id = ?)"
                      + " ORDER BY acknowledged_at IS NOT NULL, created_at DESC, id DESC LIMIT ?")) {
            UUID id = connection == null ? null : connection.value();
            p.setObject(1, id);
            p.setObject(2, id);
            p.setInt(3, limit);
            return read(p);
          }
        });
  }

  @Override
  public boolean acknowledge(long id, Instant at) {
    return jdbc.inTransaction(
        "acknowledge notification " + id,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE ferry.notification SET acknowledged_at = ? WHERE id = ?"
                      + " AND acknowledged_at IS NULL")) {
            setInstant(p, 1, at);
            p.setLong(2, id);
            return p.executeUpdate() == 1;
          }
        });
  }

  @Override
  public List<Notification> unacknowledged(
      ConnectionId connection, NotificationFilter filter, int limit) {
    return jdbc.inTransaction(
        "list notifications of " + connection,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT * FROM ferry.notification WHERE connection_id = ?"
                      + " AND acknowledged_at IS NULL"
                      + MATCHES
                      + " ORDER BY created_at DESC, id DESC LIMIT ?")) {
            p.setObject(1, connection.value());
            int i = bind(p, 2, filter);
            p.setInt(i, limit);
            return read(p);
          }
        });
  }

  @Override
  public int acknowledge(ConnectionId connection, NotificationFilter filter, Instant at) {
    return jdbc.inTransaction(
        "acknowledge notifications of " + connection,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE ferry.notification SET acknowledged_at = ? WHERE connection_id = ?"
                      + " AND acknowledged_at IS NULL"
                      + MATCHES)) {
            setInstant(p, 1, at);
            p.setObject(2, connection.value());
            bind(p, 3, filter);
            return p.executeUpdate();
          }
        });
  }

  private static final String MATCHES =
      " AND (?::timestamptz IS NULL OR created_at > ?::timestamptz)"
          + " AND (?::timestamptz IS NULL OR created_at < ?::timestamptz)"
          + " AND (?::text IS NULL OR kind = ?::text)";

  private static int bind(PreparedStatement p, int i, NotificationFilter f)
      throws java.sql.SQLException {
    setInstant(p, i++, f.after());
    setInstant(p, i++, f.after());
    setInstant(p, i++, f.before());
    setInstant(p, i++, f.before());
    p.setString(i++, f.eventType());
    p.setString(i++, f.eventType());
    return i;
  }

  private static List<Notification> read(PreparedStatement p) throws java.sql.SQLException {
    List<Notification> out = new ArrayList<>();
    try (ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        UUID conn = rs.getObject("connection_id", UUID.class);
        UUID map = rs.getObject("mapping_id", UUID.class);
        out.add(
            new Notification(
                rs.getLong("id"),
                conn == null ? null : new ConnectionId(conn),
                map == null ? null : new MappingId(map),
                rs.getString("kind"),
                rs.getString("message"),
                instant(rs, "created_at"),
                instant(rs, "acknowledged_at")));
      }
    }
    return out;
  }
}

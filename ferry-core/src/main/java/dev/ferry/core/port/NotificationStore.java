package dev.ferry.core.port;

import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.store.Notification;
import dev.ferry.core.store.NotificationFilter;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Notifications for humans (dashboard, API). */
public interface NotificationStore {
  long add(
      @Nullable ConnectionId connection, @Nullable MappingId mapping, String kind, String message);

  /** Unacknowledged first, newest first; {@code connection} null: all. */
  List<Notification> recent(@Nullable ConnectionId connection, int limit);

  boolean acknowledge(long id, Instant at);

  /**
   * The connection's unacknowledged notifications that match {@code filter}, newest first, at most
   * {@code limit}.
   */
  List<Notification> unacknowledged(ConnectionId connection, NotificationFilter filter, int limit);

  /** Acknowledges the connection's unacknowledged notifications matching {@code filter}. */
  int acknowledge(ConnectionId connection, NotificationFilter filter, Instant at);
}

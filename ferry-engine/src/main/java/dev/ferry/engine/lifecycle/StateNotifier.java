package dev.ferry.engine.lifecycle;

import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.port.NotificationStore;
import dev.ferry.core.state.ConnectionState;
import dev.ferry.core.state.MappingState;
import dev.ferry.core.store.Mapping;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns entries into error states into notifications for humans ({@code mapping_error}, {@code
 * connection_error}), once per entry (staying in the state adds nothing). A notification that
 * cannot be stored (the database is what failed) is logged and dropped: it never disturbs the state
 * change, which is already committed and logged.
 */
public final class StateNotifier {
  private static final Logger log = LoggerFactory.getLogger(StateNotifier.class);

  public static final String MAPPING_ERROR = "mapping_error";
  public static final String CONNECTION_ERROR = "connection_error";

  private final NotificationStore notifications;

  public StateNotifier(NotificationStore notifications) {
    this.notifications = notifications;
  }

  void mappingChanged(
      @Nullable MappingState from, Mapping now, String reason, @Nullable String error) {
    MappingState to = now.state();
    if (to == from || !to.isError() || to == MappingState.SYNC_REMOVED) return;
    String message =
        "Mapping "
            + now.objectName()
            + " is "
            + to
            + ": "
            + reason
            + (error == null || reason.contains(error) ? "" : " (" + error + ")");
    add(now.connectionId(), now, MAPPING_ERROR, message);
  }

  void connectionChanged(
      ConnectionId id, String name, ConnectionState from, ConnectionState to, String reason) {
    if (to == from || !isError(to)) return;
    add(id, null, CONNECTION_ERROR, "Connection " + name + " is " + to + ": " + reason);
  }

  static boolean isError(ConnectionState s) {
    return switch (s) {
      case SYSTEM_ERROR, DB_UNAVAILABLE, UNAUTHORIZED, HEROKU_UNAUTH, INACTIVE_ORG, TOO_MANY_ROWS ->
          true;
      default -> false;
    };
  }

  private void add(ConnectionId connection, @Nullable Mapping mapping, String kind, String text) {
    try {
      notifications.add(connection, mapping == null ? null : mapping.id(), kind, text);
    } catch (RuntimeException e) {
      log.atWarn()
          .addKeyValue("connection", connection)
          .addKeyValue("kind", kind)
          .log("could not store a notification: " + e.getMessage());
    }
  }
}

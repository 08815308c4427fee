package dev.ferry.engine.lifecycle;

import dev.ferry.core.control.ConflictException;
import dev.ferry.core.control.NotFoundException;
import dev.ferry.core.event.SyncEvents;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.port.ConnectionStore;
import dev.ferry.core.state.ConnectionState;
import dev.ferry.core.store.Connection;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connection state changes: compare-and-set with retries (several workers may report the same
 * failure), recorded with the reason in the connection's history, logged and announced.
 */
public final class ConnectionStates {
  private static final Logger log = LoggerFactory.getLogger("dev.ferry.sync");
  private static final int MAX_ATTEMPTS = 20;

  private final ConnectionStore connections;
  private final SyncEvents events;
  private final StateNotifier notifier;

  public ConnectionStates(ConnectionStore connections, SyncEvents events, StateNotifier notifier) {
    this.connections = connections;
    this.events = events;
    this.notifier = notifier;
  }

  /**
   * Moves the connection to what {@code decide} returns for its current state (the current state
   * itself: no change; {@link ConflictException}: refused).
   */
  public Connection request(
      ConnectionId id, Function<Connection, ConnectionState> decide, String reason) {
    return request(id, decide, reason, null);
  }

  public Connection request(
      ConnectionId id,
      Function<Connection, ConnectionState> decide,
      String reason,
      @Nullable String detail) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Connection current =
          connections.find(id).orElseThrow(() -> new NotFoundException("no connection " + id));
      ConnectionState to = decide.apply(current);
      if (to == current.state()) return current;
      Optional<Connection> moved =
          connections.transition(id, current.stateVersion(), to, reason, detail);
      if (moved.isPresent()) {
        log.atLevel(isTrouble(to) ? org.slf4j.event.Level.WARN : org.slf4j.event.Level.INFO)
            .setMessage(reason)
            .addKeyValue("event", reason)
            .addKeyValue("connection", id)
            .addKeyValue("object_type", "connection")
            .addKeyValue("object_id", id)
            .addKeyValue("state", to)
            .log();
        events.connectionStateChanged(id, current.state(), to, reason);
        notifier.connectionChanged(id, current.name(), current.state(), to, reason);
        return moved.get();
      }
    }
    throw new ConflictException(
        "connection " + id + " changed state too often to apply '" + reason + "'; try again");
  }

  private static boolean isTrouble(ConnectionState s) {
    return StateNotifier.isError(s);
  }

  /** Sets {@code to} from whatever state the connection is in. */
  public Connection force(ConnectionId id, ConnectionState to, String reason) {
    return request(id, c -> to, reason);
  }
}

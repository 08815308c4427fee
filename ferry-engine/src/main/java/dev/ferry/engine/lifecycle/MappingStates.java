package dev.ferry.engine.lifecycle;

import dev.ferry.core.control.ConflictException;
import dev.ferry.core.control.NotFoundException;
import dev.ferry.core.event.SyncEvents;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.port.MappingStore;
import dev.ferry.core.state.MappingState;
import dev.ferry.core.store.Mapping;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Every change of a mapping's state goes through here: a compare-and-set on the stored state
 * version (the store records the change with its timestamp and reason in the same transaction),
 * then a log line in Heroku Connect's shape and a {@link SyncEvents#mappingStateChanged} event.
 */
public final class MappingStates {
  private static final int MAX_ATTEMPTS = 20;

  private final MappingStore mappings;
  private final SyncEvents events;
  private final StateNotifier notifier;

  public MappingStates(MappingStore mappings, SyncEvents events, StateNotifier notifier) {
    this.mappings = mappings;
    this.events = events;
    this.notifier = notifier;
  }

  /** A worker's transition; throws {@link SupersededException} when someone else moved first. */
  public Mapping move(RunGuard guard, MappingState to, String reason) {
    return move(guard, to, reason, null, null);
  }

  /**
   * A worker's transition with the state's detail (what it is about) and error (kept and shown);
   * both replace the current ones.
   */
  public Mapping move(
      RunGuard guard,
      MappingState to,
      String reason,
      @Nullable String detail,
      @Nullable String error) {
    Mapping from = guard.current();
    Optional<Mapping> moved =
        mappings.transition(from.id(), from.stateVersion(), to, reason, detail, error);
    if (moved.isEmpty()) {
      throw new SupersededException(
          from.id(), "could not move from " + from.state() + " to " + to + ": state changed");
    }
    guard.advanced(moved.get());
    announce(from.state(), moved.get(), reason, error);
    return moved.get();
  }

  /**
   * A transition asked for from outside a worker (API, another mapping's failure): re-reads and
   * retries the compare-and-set until it holds. {@code decide} sees the current mapping and returns
   * the target state, or throws {@link ConflictException} when the request does not fit it; it
   * returns the current state to leave the mapping as it is.
   */
  public Mapping request(
      MappingId id, Function<Mapping, MappingState> decide, String reason, @Nullable String error) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Mapping current =
          mappings.find(id).orElseThrow(() -> new NotFoundException("no mapping " + id));
      MappingState to = decide.apply(current);
      if (to == current.state() && error == null) return current;
      Optional<Mapping> moved =
          mappings.transition(id, current.stateVersion(), to, reason, null, error);
      if (moved.isPresent()) {
        announce(current.state(), moved.get(), reason, error);
        return moved.get();
      }
    }
    throw new ConflictException(
        "mapping " + id + " changed state too often to apply '" + reason + "'; try again");
  }

  private void announce(MappingState from, Mapping now, String reason, @Nullable String error) {
    String event = reason;
    if (error != null && !reason.contains(error)) event = reason + ": " + error;
    if (now.state().isError()) SyncLog.mappingWarn(now, event);
    else SyncLog.mapping(now, event);
    events.mappingStateChanged(now.id(), from, now.state(), reason);
    notifier.mappingChanged(from, now, reason, error);
  }
}

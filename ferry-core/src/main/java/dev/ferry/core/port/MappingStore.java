package dev.ferry.core.port;

import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.state.MappingState;
import dev.ferry.core.store.Mapping;
import dev.ferry.core.store.StateChange;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Mapping definitions and their states. State changes are compare-and-set and recorded. */
public interface MappingStore {

  /**
   * Creates a mapping in state INITIAL (history records the creation). Throws {@link
   * dev.ferry.core.error.ConfigException} when the connection already maps {@code objectName}.
   */
  Mapping create(ConnectionId connection, String objectName, MappingConfig config);

  Optional<Mapping> find(MappingId id);

  Optional<Mapping> find(ConnectionId connection, String objectName);

  List<Mapping> list(ConnectionId connection);

  /** Every mapping of every connection (the scheduler's view). */
  List<Mapping> listAll();

  /**
   * Replaces the config if its revision is still {@code expectedRevision}; the revision goes up by
   * one. Empty when someone else changed it first.
   */
  Optional<Mapping> updateConfig(MappingId id, int expectedRevision, MappingConfig config);

  /**
   * Moves the mapping to {@code to} if its state version is still {@code expectedStateVersion},
   * recording the change (from, to, at, reason) in the same transaction. {@code detail} and {@code
   * error} replace the current ones (null clears). Empty when the CAS lost.
   */
  Optional<Mapping> transition(
      MappingId id,
      long expectedStateVersion,
      MappingState to,
      @Nullable String reason,
      @Nullable String detail,
      @Nullable String error);

  /** Newest first. */
  List<StateChange> history(MappingId id, int limit);

  /** Deletes state changes older than {@code cutoff} but the newest of each; returns how many. */
  int purgeHistoryBefore(Instant cutoff);

  /** Deletes the mapping with its history, watermarks and poll windows. */
  boolean delete(MappingId id);
}

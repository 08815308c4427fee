package dev.ferry.core.port;

import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.state.MappingState;
import dev.ferry.core.store.Mapping;
import dev.ferry.core.store.StampRange;
import dev.ferry.core.store.StateChange;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

  // ---- read work owed after an interruption (kept until done, whatever states come between)

  /** Columns added to the mapping's table whose values are not back-filled yet. */
  Set<String> unfilledColumns(MappingId id);

  /** Records {@code columns} as not back-filled yet (added to those recorded already). */
  void addUnfilledColumns(MappingId id, Collection<String> columns);

  /** {@code columns} are back-filled: no longer owed. */
  void removeUnfilledColumns(MappingId id, Collection<String> columns);

  /** The change-stamp range whose relationship external ids are not resolved yet, if any. */
  Optional<StampRange> unresolvedExternalIds(MappingId id);

  /** Widens the unresolved range to cover {@code range} (records it when there is none). */
  void addUnresolvedExternalIds(MappingId id, StampRange range);

  /** The external ids of {@code resolved} were resolved: forgets the range if it lies within. */
  void externalIdsResolved(MappingId id, StampRange resolved);

  /** Forgets every owed read (a reload does them all). */
  void clearPendingReads(MappingId id);

  /** Deletes the mapping with its history, watermarks and poll windows. */
  boolean delete(MappingId id);
}

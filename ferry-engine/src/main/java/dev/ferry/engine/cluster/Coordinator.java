package dev.ferry.engine.cluster;

import dev.ferry.core.id.MappingId;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Decides when and where mapping runs and secondary polls happen. Production: {@link
 * DbSchedulerCoordinator} (db-scheduler tasks in Postgres, shared by every Ferry process). Tests:
 * {@link ManualCoordinator}, which runs what is due when told to.
 */
public interface Coordinator {

  /** What the coordinator runs. */
  interface Work {
    /** Runs a mapping; returns its next run, or null when the mapping is gone. */
    @Nullable Instant runMapping(MappingId id);

    /** Runs a mapping's due secondary polls; returns when to try again, or null when done. */
    @Nullable Instant runSecondaries(MappingId id);

    /** Periodic upkeep (task reconciliation, purging). */
    void housekeeping();
  }

  /** Makes sure the mapping is scheduled (at once when new). */
  void ensureScheduled(MappingId id);

  /**
   * Runs the mapping as soon as possible (a user action changed its state, or a change event came).
   *
   * @return false when the mapping kept running all the time the coordinator waited: no further run
   *     was scheduled, so a caller whose change that running poll cannot see must ask again
   */
  boolean trigger(MappingId id);

  /** The mapping's secondary polls fall due at {@code at} (grouped per {@code batch}). */
  void secondaryDue(MappingId id, Instant at, Duration batch);

  void start();

  void stop();
}

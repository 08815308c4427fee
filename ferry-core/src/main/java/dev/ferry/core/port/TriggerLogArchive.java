package dev.ferry.core.port;

import java.time.Instant;

/**
 * The upkeep of a connection's {@code _trigger_log_archive}: moving finished entries there and
 * purging old ones ({@code docs/postgres-contract.md}, "Trigger-log retention").
 */
public interface TriggerLogArchive {

  /**
   * Moves finished entries (every state but NEW, PENDING, REQUEUE and FAILED) to the archive: those
   * the capture trigger logs finished (IGNORE, READONLY) and those a user set; {@link
   * ChangeLog#complete} moves the writer's own.
   */
  int archiveDone();

  /**
   * Moves FAILED entries processed before {@code processedBefore} to the archive (with their
   * state): a failure stays in the log for a while so that applications see it there and can set it
   * back to NEW to retry it, then is archived like every other entry.
   */
  int archiveFailed(Instant processedBefore);

  /** Deletes archived entries created before {@code cutoff}. */
  int purgeArchive(Instant cutoff);
}

package dev.ferry.core.store;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What waits in a connection's {@code _trigger_log} to be written to Salesforce.
 *
 * @param newEntries entries captured and not claimed yet (NEW, or REQUEUE)
 * @param pendingEntries entries a writer claimed and has not settled (PENDING)
 * @param oldestCreatedAt capture time of the oldest waiting entry, null when none waits
 */
public record Backlog(long newEntries, long pendingEntries, @Nullable Instant oldestCreatedAt) {
  public static final Backlog EMPTY = new Backlog(0, 0, null);

  /** All entries not written yet. */
  public long waiting() {
    return newEntries + pendingEntries;
  }
}

package dev.ferry.core.sf;

import java.time.Instant;
import java.util.List;

/**
 * Result of getDeleted. If earliestDateAvailable is after the caller's last sync, a resync is
 * needed.
 */
public record DeletedRecords(
    List<Deleted> deleted, Instant earliestDateAvailable, Instant latestDateCovered) {
  public DeletedRecords {
    deleted = List.copyOf(deleted);
  }

  public record Deleted(String id, Instant deletedDate) {}
}

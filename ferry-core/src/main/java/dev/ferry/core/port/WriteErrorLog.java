package dev.ferry.core.port;

import dev.ferry.core.control.RetryResult;
import dev.ferry.core.store.Backlog;
import dev.ferry.core.store.ChangeEntry;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A connection's {@code _trigger_log} and its archive as operators ask about them: the writes that
 * failed (Heroku Connect's errors API), their retry, and what still waits to be written.
 */
public interface WriteErrorLog {

  /** FAILED entries (live and archived) created at or after {@code since}, newest first. */
  List<ChangeEntry> failedSince(Instant since, @Nullable String table, int limit);

  /** Number of FAILED entries (live and archived) created at or after {@code since}. */
  long countFailedSince(Instant since, @Nullable String table);

  /**
   * Queues FAILED entries again (all of {@code table}, or all when null; only {@code entryId} when
   * given), the way Heroku Connect's {@code hc_capture_*} helpers do: per row, one new NEW entry
   * for the row as it is now — an INSERT when it has no sfid yet, else an UPDATE of the columns of
   * its failed entries; a failed DELETE (the row is gone) is queued again as it was. The failed
   * entries become REQUEUED, in the log or the archive. All in one transaction.
   */
  RetryResult requeueFailed(@Nullable String table, @Nullable Long entryId);

  /**
   * Entries waiting to be written (NEW, PENDING, REQUEUE) of {@code table}, or of all when null,
   * and the capture time of the oldest (one query on the partial index of waiting entries).
   */
  Backlog backlog(@Nullable String table);

  /** Number of NEW entries waiting. */
  long countNew();
}

package dev.ferry.engine.write;

import dev.ferry.core.control.NotFoundException;
import dev.ferry.core.control.RetryResult;
import dev.ferry.core.control.WriteError;
import dev.ferry.core.control.WriteErrors;
import dev.ferry.core.port.WriteErrorLog;
import dev.ferry.core.store.Backlog;
import dev.ferry.core.store.ChangeEntry;
import dev.ferry.core.store.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The control plane's view of writes: Heroku Connect's write errors of the last 24 hours, and the
 * retry of failed entries (re-captured the way {@code hc_capture_*} does, then the writers woken).
 */
public final class WriteControl {
  /** The period of the errors API (Heroku Connect: 24 hours). */
  public static final Duration ERRORS_PERIOD = Duration.ofHours(24);

  /** Most errors one answer lists ({@code count} is always the full number). */
  public static final int ERRORS_LISTED = 1000;

  private final WriteStores stores;
  private final Writers writers;
  private final InstantSource clock;

  public WriteControl(WriteStores stores, Writers writers, InstantSource clock) {
    this.stores = stores;
    this.writers = writers;
    this.clock = clock;
  }

  /** Failed writes of the connection, or of one table when {@code table} is given. */
  public WriteErrors errors(Connection c, @Nullable String table) {
    WriteErrorLog log = stores.triggerLogs().writeErrors(c.schemaName());
    Instant since = clock.instant().minus(ERRORS_PERIOD);
    List<WriteError> results =
        log.failedSince(since, table, ERRORS_LISTED).stream().map(WriteControl::error).toList();
    long count =
        results.size() < ERRORS_LISTED ? results.size() : log.countFailedSince(since, table);
    return new WriteErrors(count, results);
  }

  /** Queues failed entries again (all, one table's, or one entry's row) and wakes the writers. */
  public RetryResult retry(Connection c, @Nullable String table, @Nullable Long entryId) {
    RetryResult r = stores.triggerLogs().writeErrors(c.schemaName()).requeueFailed(table, entryId);
    if (entryId != null && r.requeued() == 0) {
      throw new NotFoundException(
          "connection " + c.name() + " has no FAILED write with entry id " + entryId);
    }
    if (r.captured() > 0) writers.wake(c);
    return r;
  }

  /** What waits in the connection's trigger log. */
  public Backlog backlog(Connection c) {
    return stores.triggerLogs().writeErrors(c.schemaName()).backlog(null);
  }

  /** Wakes the connection's writers (after a resume or a recovery). */
  public void wake(Connection c) {
    writers.wake(c);
  }

  private static WriteError error(ChangeEntry e) {
    return new WriteError(
        e.id(),
        e.tableName(),
        e.recordId(),
        e.sfMessage() == null ? "" : e.sfMessage(),
        e.createdAt());
  }
}

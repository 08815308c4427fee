package dev.ferry.core.port;

import dev.ferry.core.control.RetryResult;
import dev.ferry.core.store.Backlog;
import dev.ferry.core.store.ChangeEntry;
import dev.ferry.core.store.EntryOutcome;
import dev.ferry.core.store.RowState;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A connection's {@code _trigger_log}: what applications changed, to be written to Salesforce.
 * Several writers may share it: claims never hand out the same entry twice.
 */
public interface ChangeLog {

  /**
   * Claims up to {@code max} NEW entries in id (capture) order, marking them PENDING, and returns
   * them in id order. {@code tables} limits the claim to those tables (empty: all). Entries of a
   * record that already has an earlier entry in flight (PENDING) are held back, so one record's
   * changes are never written out of order by two writers.
   */
  List<ChangeEntry> claim(int max, Set<String> tables);

  /**
   * Like {@link #claim}, but stops before the first NEW entry that would be held back, so the
   * entries claimed are exactly the next ones in capture order: what a writer claims ahead while
   * its earlier claim is still being written keeps the capture order across records.
   */
  List<ChangeEntry> claimInOrder(int max, Set<String> tables);

  /**
   * Applies outcomes: each entry's state, {@code sf_result}, {@code sf_message}, {@code
   * processed_at}, and its row write-back ({@code sfid}, {@code _hc_lastop}, {@code _hc_err}), all
   * in one transaction. Only PENDING entries are completed; returns how many were. Completed
   * entries move to the archive in the same transaction, except FAILED ones: those stay in the log,
   * where Heroku Connect's applications look for them, until {@link #archiveFailed}.
   *
   * <p>A successful write-back with an sfid also records that sfid on the entry (which record the
   * entry created or changed). When an INSERTED write-back finds its row gone (the application
   * deleted it while the insert was in flight, so its DELETE was captured without an sfid and
   * IGNOREd), a DELETE entry for the new record is queued in the same transaction, so Salesforce
   * ends without the record, as the application's changes say.
   */
  int complete(List<EntryOutcome> outcomes);

  /**
   * The current state of rows of {@code table} (mapped table name): whether each exists, and its
   * sfid — the row's own, else the one a successful write of the record's entries recorded.
   */
  Map<Integer, RowState> rowStates(String table, Collection<Integer> recordIds);

  /**
   * Of {@code sfids}, those recorded by successful entries of {@code table} processed at or after
   * {@code since}: records Ferry knows it wrote (used to tell them from a lost create's records).
   */
  Set<String> recordedSfids(String table, Collection<String> sfids, Instant since);

  /**
   * Moves finished entries (every state but NEW, PENDING, REQUEUE and FAILED) to the archive: those
   * the capture trigger logs finished (IGNORE, READONLY) and those a user set; {@link #complete}
   * moves the writer's own.
   */
  int archiveDone();

  /**
   * Moves FAILED entries processed before {@code processedBefore} to the archive (with their
   * state): a failure stays in the log for a while so that applications see it there and can set it
   * back to NEW to retry it, then is archived like every other entry.
   */
  int archiveFailed(Instant processedBefore);

  /**
   * Queues again the entries a user set to REQUEUE: each becomes a NEW copy at the end of the queue
   * (same action, table, row, sfid and values), the original REQUEUED (then archived). Returns how
   * many were queued.
   */
  int requeueMarked();

  /** PENDING entries claimed before {@code cutoff}: left by a writer that died. */
  List<ChangeEntry> stalePending(Instant cutoff);

  /** Puts PENDING entries back to NEW (after reconciling them). Returns how many moved. */
  int release(Collection<Long> entryIds);

  /** Deletes archived entries created before {@code cutoff}. */
  int purgeArchive(Instant cutoff);

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

  /** Wakes every writer listening on this change log (any process), e.g. after a resume. */
  void wake();

  /** Starts listening for the capture trigger's notifications. */
  Wakeups listen();

  /** A LISTEN session on the connection's {@code <schema>.hc_trigger_log} channel. */
  interface Wakeups extends AutoCloseable {
    /**
     * Waits up to {@code timeout} for a notification; true when one arrived (all pending ones are
     * consumed). Throws {@link dev.ferry.core.error.DatabaseUnavailableException} when the session
     * is lost: close and listen again.
     */
    boolean await(Duration timeout);

    @Override
    void close();
  }
}

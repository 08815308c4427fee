package dev.ferry.core.port;

import dev.ferry.core.store.ChangeEntry;
import dev.ferry.core.store.EntryOutcome;
import dev.ferry.core.store.RowState;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A connection's {@code _trigger_log} as its writers use it (the write path's hot path): what
 * applications changed, to be written to Salesforce. Several writers may share it: claims never
 * hand out the same entry twice. Operators' questions are {@link WriteErrorLog}'s, the archive's
 * upkeep {@link TriggerLogArchive}'s.
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
   * where Heroku Connect's applications look for them, until {@link
   * TriggerLogArchive#archiveFailed}.
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
   * Queues again the entries a user set to REQUEUE: each becomes a NEW copy at the end of the queue
   * (same action, table, row, sfid and values), the original REQUEUED (then archived). Returns how
   * many were queued.
   */
  int requeueMarked();

  /** PENDING entries claimed before {@code cutoff}: left by a writer that died. */
  List<ChangeEntry> stalePending(Instant cutoff);

  /** Puts PENDING entries back to NEW (after reconciling them). Returns how many moved. */
  int release(Collection<Long> entryIds);

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

package dev.ferry.core.event;

import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.sf.BulkJobState;
import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.state.ConnectionState;
import dev.ferry.core.state.MappingState;
import dev.ferry.core.store.PollApi;
import dev.ferry.core.store.PollKind;
import dev.ferry.core.store.WriteTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the sync engine does, as it happens: a listener whose methods all default to no-ops. Metrics
 * implement it (ferry-app), and so do tests (ferry-testkit's {@code RecordingSyncEvents}), which
 * wait on events and may hold the engine at a chosen state.
 *
 * <p>Methods are called on the engine's worker thread, synchronously, right after the fact they
 * report (a state change is already committed when {@link #mappingStateChanged} runs). A listener
 * that blocks holds that worker; one that throws is logged and ignored.
 */
public interface SyncEvents {

  /** A listener that ignores everything. */
  SyncEvents NONE = new SyncEvents() {};

  /** A mapping's state changed ({@code from} null when the mapping was created). */
  default void mappingStateChanged(
      MappingId mapping, @Nullable MappingState from, MappingState to, @Nullable String reason) {}

  /**
   * The engine lost the database while working on a mapping: the mapping is DB_UNAVAILABLE now,
   * recorded in the history once the database is back.
   */
  default void databaseUnavailable(MappingId mapping, String error) {}

  default void connectionStateChanged(
      ConnectionId connection,
      @Nullable ConnectionState from,
      ConnectionState to,
      @Nullable String reason) {}

  /** A primary or secondary poll of {@code [lower, upper)} started. */
  default void pollStarted(MappingId mapping, PollKind kind, Instant lower, Instant upper) {}

  /** A poll finished: rows read from Salesforce, rows changed in Postgres, API calls it made. */
  default void pollFinished(
      MappingId mapping,
      PollKind kind,
      PollApi api,
      long rowsRead,
      long rowsChanged,
      long apiCalls,
      Duration took) {}

  /** A load (initial or reload) finished with {@code rows} rows in the table. */
  default void loadFinished(MappingId mapping, PollApi api, long rows, Duration took) {}

  /** A sync step failed; {@code retryAt} is when it runs again, null when a human must act. */
  default void stepFailed(
      MappingId mapping, MappingState state, Throwable error, @Nullable Instant retryAt) {}

  /** Rows removed (or flagged) because Salesforce reported them deleted. */
  default void deletesApplied(MappingId mapping, long rows) {}

  /** A Bulk API 2.0 query job was created for the mapping. */
  default void bulkJobCreated(MappingId mapping, String jobId, Instant lower, Instant upper) {}

  /** A Bulk API 2.0 ingest job was created to write a batch of {@code table} to Salesforce. */
  default void bulkIngestJobCreated(ConnectionId connection, String table, String jobId) {}

  /**
   * A Bulk API 2.0 job ({@code type} {@value #BULK_QUERY} or {@value #BULK_INGEST}) was seen in a
   * terminal state: JobComplete, Failed or Aborted.
   */
  default void bulkJobFinished(String type, String jobId, BulkJobState state) {}

  /** The {@code type} of {@link #bulkJobFinished} for query jobs. */
  String BULK_QUERY = "query";

  /** The {@code type} of {@link #bulkJobFinished} for ingest jobs. */
  String BULK_INGEST = "ingest";

  /** A Bulk query job failed after Salesforce's retries; its window is read again in halves. */
  default void bulkWindowSplit(
      MappingId mapping, String failedJobId, Instant lower, Instant upper) {}

  /** A secondary (drift) poll of a primary window changed these rows in Postgres. */
  default void driftRepaired(
      MappingId mapping, long primaryWindowId, long repaired, List<String> sfids) {}

  /** A cluster-wide slot ({@code bulk:*}, {@code drift}) was taken. */
  default void slotAcquired(String kind, int slot, String holder) {}

  default void slotReleased(String kind, int slot, String holder) {}

  /** Work was postponed because every slot of {@code kind} was held. */
  default void slotUnavailable(String kind, String holder) {}

  // ---- write path (Postgres → Salesforce)

  /**
   * A batch of captured changes was written to Salesforce: {@code succeeded} entries accepted,
   * {@code failed} rejected (FAILED), through sObject Collections or one Bulk ingest job.
   */
  default void writeBatchFinished(
      ConnectionId connection,
      String table,
      SaveOperation operation,
      WriteTransport transport,
      int entries,
      int succeeded,
      int failed,
      Duration took) {}

  /**
   * A connection's write cycle stopped on an error; its entries wait (NEW again) until {@code
   * retryAt}, or until a human acts when null.
   */
  default void writeFailed(ConnectionId connection, Throwable error, @Nullable Instant retryAt) {}

  /**
   * Entries a writer left in flight (it died, or a call's outcome was unknown) were settled: {@code
   * settled} got their outcome from Salesforce, {@code released} are NEW again (never processed
   * there) and will be sent again.
   */
  default void writesReconciled(ConnectionId connection, int settled, int released) {}

  /** Change events arrived for the mapping (accelerated polling). */
  default void changeEventsReceived(MappingId mapping, int events) {}

  /**
   * The records of a change event reached Postgres {@code latency} after their commit in
   * Salesforce.
   */
  default void changeEventApplied(MappingId mapping, Duration latency) {}

  /** The mapping's change-event subscription moved to {@code status} (see docs/read-path.md). */
  default void changeStreamStatus(
      MappingId mapping, dev.ferry.core.cdc.CdcStatus status, @Nullable String reason) {}
}

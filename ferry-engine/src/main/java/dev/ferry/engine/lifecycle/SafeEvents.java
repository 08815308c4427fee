package dev.ferry.engine.lifecycle;

import dev.ferry.core.event.SyncEvents;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.state.ConnectionState;
import dev.ferry.core.state.MappingState;
import dev.ferry.core.store.PollApi;
import dev.ferry.core.store.PollKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards to the configured listener; a listener that throws is logged, never the sync's problem.
 */
public final class SafeEvents implements SyncEvents {
  private static final Logger log = LoggerFactory.getLogger(SafeEvents.class);
  private final SyncEvents target;

  public SafeEvents(SyncEvents target) {
    this.target = target;
  }

  private void call(String what, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      log.warn("sync event listener failed on {}: {}", what, e.toString());
    }
  }

  @Override
  public void mappingStateChanged(
      MappingId mapping, @Nullable MappingState from, MappingState to, @Nullable String reason) {
    call("mappingStateChanged", () -> target.mappingStateChanged(mapping, from, to, reason));
  }

  @Override
  public void databaseUnavailable(MappingId mapping, String error) {
    call("databaseUnavailable", () -> target.databaseUnavailable(mapping, error));
  }

  @Override
  public void connectionStateChanged(
      ConnectionId connection,
      @Nullable ConnectionState from,
      ConnectionState to,
      @Nullable String reason) {
    call(
        "connectionStateChanged",
        () -> target.connectionStateChanged(connection, from, to, reason));
  }

  @Override
  public void pollStarted(MappingId mapping, PollKind kind, Instant lower, Instant upper) {
    call("pollStarted", () -> target.pollStarted(mapping, kind, lower, upper));
  }

  @Override
  public void pollFinished(
      MappingId mapping,
      PollKind kind,
      PollApi api,
      long rowsRead,
      long rowsChanged,
      long apiCalls,
      Duration took) {
    call(
        "pollFinished",
        () -> target.pollFinished(mapping, kind, api, rowsRead, rowsChanged, apiCalls, took));
  }

  @Override
  public void loadFinished(MappingId mapping, PollApi api, long rows, Duration took) {
    call("loadFinished", () -> target.loadFinished(mapping, api, rows, took));
  }

  @Override
  public void stepFailed(
      MappingId mapping, MappingState state, Throwable error, @Nullable Instant retryAt) {
    call("stepFailed", () -> target.stepFailed(mapping, state, error, retryAt));
  }

  @Override
  public void deletesApplied(MappingId mapping, long rows) {
    call("deletesApplied", () -> target.deletesApplied(mapping, rows));
  }

  @Override
  public void bulkJobCreated(MappingId mapping, String jobId, Instant lower, Instant upper) {
    call("bulkJobCreated", () -> target.bulkJobCreated(mapping, jobId, lower, upper));
  }

  @Override
  public void bulkIngestJobCreated(ConnectionId connection, String table, String jobId) {
    call("bulkIngestJobCreated", () -> target.bulkIngestJobCreated(connection, table, jobId));
  }

  @Override
  public void bulkJobFinished(String type, String jobId, dev.ferry.core.sf.BulkJobState state) {
    call("bulkJobFinished", () -> target.bulkJobFinished(type, jobId, state));
  }

  @Override
  public void bulkWindowSplit(MappingId mapping, String failedJobId, Instant lower, Instant upper) {
    call("bulkWindowSplit", () -> target.bulkWindowSplit(mapping, failedJobId, lower, upper));
  }

  @Override
  public void driftRepaired(
      MappingId mapping, long primaryWindowId, long repaired, List<String> sfids) {
    call("driftRepaired", () -> target.driftRepaired(mapping, primaryWindowId, repaired, sfids));
  }

  @Override
  public void slotAcquired(String kind, int slot, String holder) {
    call("slotAcquired", () -> target.slotAcquired(kind, slot, holder));
  }

  @Override
  public void slotReleased(String kind, int slot, String holder) {
    call("slotReleased", () -> target.slotReleased(kind, slot, holder));
  }

  @Override
  public void slotUnavailable(String kind, String holder) {
    call("slotUnavailable", () -> target.slotUnavailable(kind, holder));
  }

  @Override
  public void writeBatchFinished(
      ConnectionId connection,
      String table,
      dev.ferry.core.sf.SaveOperation operation,
      dev.ferry.core.store.WriteTransport transport,
      int entries,
      int succeeded,
      int failed,
      Duration took) {
    call(
        "writeBatchFinished",
        () ->
            target.writeBatchFinished(
                connection, table, operation, transport, entries, succeeded, failed, took));
  }

  @Override
  public void writeFailed(ConnectionId connection, Throwable error, @Nullable Instant retryAt) {
    call("writeFailed", () -> target.writeFailed(connection, error, retryAt));
  }

  @Override
  public void writesReconciled(ConnectionId connection, int settled, int released) {
    call("writesReconciled", () -> target.writesReconciled(connection, settled, released));
  }

  @Override
  public void changeEventsReceived(MappingId mapping, int events) {
    call("changeEventsReceived", () -> target.changeEventsReceived(mapping, events));
  }

  @Override
  public void changeEventApplied(MappingId mapping, Duration latency) {
    call("changeEventApplied", () -> target.changeEventApplied(mapping, latency));
  }

  @Override
  public void changeStreamStatus(
      MappingId mapping, dev.ferry.core.cdc.CdcStatus status, @Nullable String reason) {
    call("changeStreamStatus", () -> target.changeStreamStatus(mapping, status, reason));
  }
}

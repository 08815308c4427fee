package dev.ferry.testkit;

import dev.ferry.core.event.SyncEvents;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;

/**
 * Records every {@link SyncEvents} call, lets a test wait for one (Awaitility), and can hold the
 * engine right after it entered a chosen state — the worker thread blocks inside the event until
 * the test releases it — so a test can act (abort, stop the database) at an exact point.
 */
public final class RecordingSyncEvents implements SyncEvents {
  /** One recorded call. */
  public sealed interface Event {}

  public record StateChanged(
      MappingId mapping, @Nullable MappingState from, MappingState to, @Nullable String reason)
      implements Event {}

  public record DatabaseUnavailable(MappingId mapping, String error) implements Event {}

  public record ConnectionChanged(
      ConnectionId connection,
      @Nullable ConnectionState from,
      ConnectionState to,
      @Nullable String reason)
      implements Event {}

  public record PollStarted(MappingId mapping, PollKind kind, Instant lower, Instant upper)
      implements Event {}

  public record PollFinished(
      MappingId mapping,
      PollKind kind,
      PollApi api,
      long rowsRead,
      long rowsChanged,
      long apiCalls,
      Duration took)
      implements Event {}

  public record LoadFinished(MappingId mapping, PollApi api, long rows, Duration took)
      implements Event {}

  public record StepFailed(
      MappingId mapping, MappingState state, Throwable error, @Nullable Instant retryAt)
      implements Event {}

  public record DeletesApplied(MappingId mapping, long rows) implements Event {}

  public record BulkJobCreated(MappingId mapping, String jobId, Instant lower, Instant upper)
      implements Event {}

  public record BulkIngestJobCreated(ConnectionId connection, String table, String jobId)
      implements Event {}

  public record BulkJobFinished(String type, String jobId, BulkJobState state) implements Event {}

  public record BulkWindowSplit(MappingId mapping, String failedJobId, Instant lower, Instant upper)
      implements Event {}

  public record DriftRepaired(
      MappingId mapping, long primaryWindowId, long repaired, List<String> sfids)
      implements Event {}

  public record SlotAcquired(String kind, int slot, String holder) implements Event {}

  public record SlotReleased(String kind, int slot, String holder) implements Event {}

  public record SlotUnavailable(String kind, String holder) implements Event {}

  public record WriteBatchFinished(
      ConnectionId connection,
      String table,
      SaveOperation operation,
      WriteTransport transport,
      int entries,
      int succeeded,
      int failed,
      Duration took)
      implements Event {}

  public record WriteFailed(ConnectionId connection, Throwable error, @Nullable Instant retryAt)
      implements Event {}

  public record WritesReconciled(ConnectionId connection, int settled, int released)
      implements Event {}

  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final List<Hold> holds = new CopyOnWriteArrayList<>();
  private Duration timeout = Duration.ofSeconds(60);

  /** How long {@code await*} methods wait (default 60 s). */
  public RecordingSyncEvents timeout(Duration d) {
    this.timeout = d;
    return this;
  }

  public List<Event> events() {
    return List.copyOf(events);
  }

  public <T extends Event> List<T> events(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Event e : events) if (type.isInstance(e)) out.add(type.cast(e));
    return out;
  }

  public void clear() {
    events.clear();
  }

  /** The states the mapping entered, in order. */
  public List<MappingState> states(MappingId mapping) {
    return events(StateChanged.class).stream()
        .filter(e -> e.mapping().equals(mapping))
        .map(StateChanged::to)
        .toList();
  }

  /** Waits until the mapping entered {@code state} (now or earlier). */
  public void awaitState(MappingId mapping, MappingState state) {
    Awaitility.await("mapping " + mapping + " enters " + state)
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> states(mapping).contains(state));
  }

  /** Waits for an event of {@code type} matching {@code test}; returns the first one. */
  public <T extends Event> T await(Class<T> type, Predicate<T> test) {
    Awaitility.await("a " + type.getSimpleName())
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> events(type).stream().anyMatch(test));
    return events(type).stream().filter(test).findFirst().orElseThrow();
  }

  /** How many events of {@code type} match {@code test}. */
  public <T extends Event> long count(Class<T> type, Predicate<T> test) {
    return events(type).stream().filter(test).count();
  }

  /**
   * Holds the next worker that moves {@code mapping} into {@code state}, right after the state was
   * committed, until {@link Hold#release()}.
   */
  public Hold holdAt(MappingId mapping, MappingState state) {
    return holdAt(mapping, state, 0);
  }

  /**
   * Like {@link #holdAt(MappingId, MappingState)}, but lets the first {@code skip} entries into
   * {@code state} pass (e.g. holds a bulk poll at its second chunk's WAIT_BULK_UPDATE).
   */
  public Hold holdAt(MappingId mapping, MappingState state, int skip) {
    Hold h = new Hold(mapping, state, skip);
    holds.add(h);
    return h;
  }

  /** A planned stop of the worker thread. */
  public final class Hold implements AutoCloseable {
    private final MappingId mapping;
    private final MappingState state;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger toSkip;

    private Hold(MappingId mapping, MappingState state, int skip) {
      this.mapping = mapping;
      this.state = state;
      this.toSkip = new AtomicInteger(skip);
    }

    /** Waits until a worker is held here. */
    public void awaitReached() {
      try {
        if (!reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new AssertionError(
              "no worker reached "
                  + state
                  + " of mapping "
                  + mapping
                  + " within "
                  + timeout
                  + "; states seen: "
                  + states(mapping));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }

    public boolean isReached() {
      return reached.getCount() == 0;
    }

    public void release() {
      holds.remove(this);
      released.countDown();
    }

    @Override
    public void close() {
      release();
    }

    private boolean matches(MappingId m, MappingState s) {
      if (!mapping.equals(m) || state != s || reached.getCount() == 0) return false;
      return toSkip.getAndDecrement() <= 0;
    }

    private void block() {
      reached.countDown();
      try {
        released.await(10, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void mappingStateChanged(
      MappingId mapping, @Nullable MappingState from, MappingState to, @Nullable String reason) {
    events.add(new StateChanged(mapping, from, to, reason));
    for (Hold h : holds) {
      if (h.matches(mapping, to)) {
        h.block();
        break;
      }
    }
  }

  @Override
  public void databaseUnavailable(MappingId mapping, String error) {
    events.add(new DatabaseUnavailable(mapping, error));
  }

  @Override
  public void connectionStateChanged(
      ConnectionId connection,
      @Nullable ConnectionState from,
      ConnectionState to,
      @Nullable String reason) {
    events.add(new ConnectionChanged(connection, from, to, reason));
  }

  @Override
  public void pollStarted(MappingId mapping, PollKind kind, Instant lower, Instant upper) {
    events.add(new PollStarted(mapping, kind, lower, upper));
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
    events.add(new PollFinished(mapping, kind, api, rowsRead, rowsChanged, apiCalls, took));
  }

  @Override
  public void loadFinished(MappingId mapping, PollApi api, long rows, Duration took) {
    events.add(new LoadFinished(mapping, api, rows, took));
  }

  @Override
  public void stepFailed(
      MappingId mapping, MappingState state, Throwable error, @Nullable Instant retryAt) {
    events.add(new StepFailed(mapping, state, error, retryAt));
  }

  @Override
  public void deletesApplied(MappingId mapping, long rows) {
    events.add(new DeletesApplied(mapping, rows));
  }

  @Override
  public void bulkJobCreated(MappingId mapping, String jobId, Instant lower, Instant upper) {
    events.add(new BulkJobCreated(mapping, jobId, lower, upper));
  }

  @Override
  public void bulkIngestJobCreated(ConnectionId connection, String table, String jobId) {
    events.add(new BulkIngestJobCreated(connection, table, jobId));
  }

  @Override
  public void bulkJobFinished(String type, String jobId, BulkJobState state) {
    events.add(new BulkJobFinished(type, jobId, state));
  }

  @Override
  public void bulkWindowSplit(MappingId mapping, String failedJobId, Instant lower, Instant upper) {
    events.add(new BulkWindowSplit(mapping, failedJobId, lower, upper));
  }

  @Override
  public void driftRepaired(
      MappingId mapping, long primaryWindowId, long repaired, List<String> sfids) {
    events.add(new DriftRepaired(mapping, primaryWindowId, repaired, List.copyOf(sfids)));
  }

  @Override
  public void slotAcquired(String kind, int slot, String holder) {
    events.add(new SlotAcquired(kind, slot, holder));
  }

  @Override
  public void slotReleased(String kind, int slot, String holder) {
    events.add(new SlotReleased(kind, slot, holder));
  }

  @Override
  public void slotUnavailable(String kind, String holder) {
    events.add(new SlotUnavailable(kind, holder));
  }

  @Override
  public void writeBatchFinished(
      ConnectionId connection,
      String table,
      SaveOperation operation,
      WriteTransport transport,
      int entries,
      int succeeded,
      int failed,
      Duration took) {
    events.add(
        new WriteBatchFinished(
            connection, table, operation, transport, entries, succeeded, failed, took));
  }

  @Override
  public void writeFailed(ConnectionId connection, Throwable error, @Nullable Instant retryAt) {
    events.add(new WriteFailed(connection, error, retryAt));
  }

  @Override
  public void writesReconciled(ConnectionId connection, int settled, int released) {
    events.add(new WritesReconciled(connection, settled, released));
  }
}

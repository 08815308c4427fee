package dev.ferry.engine.read;

import dev.ferry.core.port.PollWindowStore;
import dev.ferry.core.state.MappingState;
import dev.ferry.core.store.MergeResult;
import dev.ferry.core.store.NewPollWindow;
import dev.ferry.core.store.PollApi;
import dev.ferry.core.store.PollKind;
import dev.ferry.core.store.PollStatus;
import dev.ferry.core.store.SinkBatch;
import dev.ferry.core.store.StampRange;
import dev.ferry.core.store.WatermarkKind;
import dev.ferry.engine.cluster.Slots;
import dev.ferry.engine.lifecycle.SupersededException;
import dev.ferry.engine.lifecycle.SyncLog;
import dev.ferry.engine.plan.MappingModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A primary poll (POLLING_SF_CHANGES): the window {@code [watermark - overlap, now - lag)} on the
 * change stamp, read with queryAll so records deleted in the window arrive too (and are removed).
 * COUNT first: up to the threshold one REST read and one transaction; above it POLLING_SF_BULK, the
 * window cut into chunks, each chunk one Bulk job (WAIT_BULK_UPDATE, APPLYING_BULK_UPDATE) and one
 * transaction that advances the watermark to the chunk's end, then POLL_EXTERNAL_IDS when the
 * mapping has relationship external-id columns. The window is recorded, and its secondary poll
 * scheduled, so drift detection can read it again later.
 */
public final class ChangePoller {
  private final ReadContext w;

  /** End of the last chunk committed (rows and watermark) by this poll; null while none is. */
  private @Nullable Instant appliedUpper;

  private long appliedRows;

  public ChangePoller(ReadContext w) {
    this.w = w;
  }

  /** Polls once; returns the rows read (0 when the window was empty). */
  public long poll() {
    long started = System.nanoTime();
    long callsBefore = w.api().calls();
    MappingModel m = w.model();
    resolveOwedExternalIds();
    w.move(MappingState.POLLING_SF_CHANGES, "Polling " + m.objectName() + " for changes");
    Instant mark =
        w.stores()
            .watermarks()
            .read(w.mapping().id(), WatermarkKind.CHANGES)
            .orElseThrow(() -> new MissingWatermarkException(w.mapping().objectName()));
    Window window =
        Window.of(mark.minus(w.config().overlap()), w.now().minus(w.config().safetyLag()));
    if (window.isEmpty()) return 0;
    long count = w.api().count(ReadQueries.count(m, window, null), true);
    SyncLog.mapping(
        w.mapping(),
        "Polling "
            + ReadQueries.select(m, List.of("Id"), window, null)
            + " found "
            + count
            + " updated records");
    PollApi api =
        m.restOnly() || count <= w.config().largeQueryThreshold() ? PollApi.REST : PollApi.BULK;
    Instant secondaryDue = w.config().driftEnabled() ? w.now().plus(w.config().driftDelay()) : null;
    // a bulk poll takes its cluster-wide slot before anything is recorded: without one it waits
    Slots.Hold slot = api == PollApi.BULK ? w.acquireBulkSlot("poll " + m.objectName()) : null;
    try {
      return read(window, count, api, secondaryDue, started, callsBefore);
    } finally {
      if (slot != null) {
        slot.close();
        w.holdBulkSlot(null);
      }
    }
  }

  private long read(
      Window window,
      long count,
      PollApi api,
      @Nullable Instant secondaryDue,
      long started,
      long callsBefore) {
    PollWindowStore windows = w.stores().pollWindows();
    long windowId =
        windows.start(
            new NewPollWindow(
                w.mapping().id(),
                PollKind.PRIMARY,
                null,
                window.lower(),
                window.upper(),
                api,
                null,
                secondaryDue));
    w.events().pollStarted(w.mapping().id(), PollKind.PRIMARY, window.lower(), window.upper());
    long rows;
    long changed;
    try {
      if (api == PollApi.REST) {
        MergeResult r = readRest(window, count);
        rows = r.staged();
        changed = r.changed();
      } else {
        long[] rc = readBulk(window, count, windowId);
        rows = rc[0];
        changed = rc[1];
      }
      windows.finish(windowId, rows, 0, List.of());
    } catch (SupersededException e) {
      failQuietly(windowId, PollStatus.ABORTED, e.getMessage());
      recordAppliedQuietly(window, secondaryDue);
      throw e;
    } catch (RuntimeException e) {
      failQuietly(windowId, PollStatus.FAILED, String.valueOf(e.getMessage()));
      recordAppliedQuietly(window, secondaryDue);
      throw e;
    }
    if (secondaryDue != null) w.secondaries().due(w.mapping().id(), secondaryDue);
    w.events()
        .pollFinished(
            w.mapping().id(),
            PollKind.PRIMARY,
            api,
            rows,
            changed,
            w.api().calls() - callsBefore,
            Duration.ofNanos(System.nanoTime() - started));
    return rows;
  }

  private MergeResult readRest(Window window, long count) {
    MappingModel m = w.model();
    long t0 = System.nanoTime();
    try (SinkBatch batch = w.sink().open(w.target())) {
      if (count > 0) {
        RestReader.into(w, batch::add, ReadQueries.select(m, m.restPaths(), window, null), true);
      }
      w.check();
      MergeResult r = batch.commit(window.upper());
      if (count > 0) {
        SyncLog.database(
            w.mapping(), "UPSERT", r.staged(), Duration.ofNanos(System.nanoTime() - t0));
      }
      return r;
    }
  }

  /** Returns rows read and rows changed. */
  private long[] readBulk(Window window, long count, long windowId) {
    MappingModel m = w.model();
    w.move(
        MappingState.POLLING_SF_BULK,
        "Polling " + m.objectName() + " via BULK (" + count + " changes)");
    long rows = 0;
    long changed = 0;
    List<Window> chunks = WindowChunker.chunks(w, window, count);
    for (Window chunk : chunks) {
      long chunkId =
          w.stores()
              .pollWindows()
              .start(
                  new NewPollWindow(
                      w.mapping().id(),
                      PollKind.PRIMARY,
                      windowId,
                      chunk.lower(),
                      chunk.upper(),
                      PollApi.BULK,
                      null,
                      null));
      if (m.hasRelationshipColumns()) {
        // owed before the chunk commits: an interruption from here on leaves them to the next poll
        w.stores()
            .mappings()
            .addUnresolvedExternalIds(
                w.mapping().id(), new StampRange(window.lower(), chunk.upper()));
      }
      try {
        MergeResult r = readChunk(chunk, chunkId);
        appliedUpper = chunk.upper();
        appliedRows += r.staged();
        w.stores().pollWindows().finish(chunkId, r.staged(), 0, List.of());
        rows += r.staged();
        changed += r.changed();
      } catch (RuntimeException e) {
        failQuietly(
            chunkId,
            e instanceof SupersededException ? PollStatus.ABORTED : PollStatus.FAILED,
            String.valueOf(e.getMessage()));
        throw e;
      }
    }
    // empty slices are skipped: the watermark still moves to the end of the whole window
    try (SinkBatch done = w.sink().open(w.target())) {
      w.check();
      done.commit(window.upper());
      appliedUpper = window.upper();
    }
    if (m.hasRelationshipColumns()) {
      w.move(MappingState.POLL_EXTERNAL_IDS, "Resolving External IDs of " + m.spec().tableName());
      new ExternalIdResolver(w).resolve(window);
      w.stores()
          .mappings()
          .externalIdsResolved(w.mapping().id(), new StampRange(window.lower(), window.upper()));
    }
    return new long[] {rows, changed};
  }

  /**
   * POLL_EXTERNAL_IDS for what an interrupted bulk poll left unresolved (its chunks were applied
   * and the watermark moved past them, so no later primary poll reads them again).
   */
  private void resolveOwedExternalIds() {
    MappingModel m = w.model();
    if (!m.hasRelationshipColumns()) return;
    var owed = w.stores().mappings().unresolvedExternalIds(w.mapping().id());
    if (owed.isEmpty()) return;
    StampRange range = owed.get();
    w.move(
        MappingState.POLL_EXTERNAL_IDS,
        "Resolving External IDs of "
            + m.spec().tableName()
            + " left unresolved by an interrupted poll ("
            + range.lower()
            + " .. "
            + range.upper()
            + ")");
    try (Slots.Hold slot = w.acquireBulkSlot("external ids " + m.objectName())) {
      new ExternalIdResolver(w).resolve(Window.of(range.lower(), range.upper()));
    } finally {
      w.holdBulkSlot(null);
    }
    w.stores().mappings().externalIdsResolved(w.mapping().id(), range);
  }

  /**
   * A bulk poll cut short after some chunks were committed: those rows and the watermark stay (the
   * next poll reads on from there), so the part applied is recorded as a finished primary window of
   * its own, and gets its secondary poll like any other.
   */
  private void recordAppliedQuietly(Window window, @Nullable Instant secondaryDue) {
    Instant upper = appliedUpper;
    if (upper == null || window.lower() == null) return;
    try {
      long id =
          w.stores()
              .pollWindows()
              .start(
                  new NewPollWindow(
                      w.mapping().id(),
                      PollKind.PRIMARY,
                      null,
                      window.lower(),
                      upper,
                      PollApi.BULK,
                      null,
                      secondaryDue));
      w.stores().pollWindows().finish(id, appliedRows, 0, List.of());
      if (secondaryDue != null) w.secondaries().due(w.mapping().id(), secondaryDue);
    } catch (RuntimeException ignored) {
      // the database may be what failed: the applied part then gets no secondary poll
    }
  }

  private MergeResult readChunk(Window chunk, long chunkId) {
    MappingModel m = w.model();
    long t0 = System.nanoTime();
    try (LazyBatch batch = new LazyBatch(w)) {
      new BulkReader(w)
          .read(
              chunk,
              win -> ReadQueries.select(m, m.bulkPaths(), win, null),
              true,
              BulkReader.Phase.UPDATE,
              page -> page.forEachRemaining(batch::add));
      MergeResult r = batch.commit(chunk.upper());
      SyncLog.database(w.mapping(), "UPSERT", r.staged(), Duration.ofNanos(System.nanoTime() - t0));
      return r;
    }
  }

  private void failQuietly(long windowId, PollStatus status, @Nullable String error) {
    try {
      w.stores().pollWindows().fail(windowId, status, error == null ? status.name() : error);
    } catch (RuntimeException ignored) {
      // the database may be what failed; the window stays RUNNING and never gets a secondary
    }
  }

  /** A mapping that should poll has no watermark (it was never fully loaded): it needs a load. */
  public static final class MissingWatermarkException extends RuntimeException {
    public MissingWatermarkException(String object) {
      super(object + " has no watermark: it was never fully loaded", null, false, false);
    }
  }
}

package dev.ferry.engine.read;

import dev.ferry.core.error.BulkJobFailedException;
import dev.ferry.core.state.MappingState;
import dev.ferry.core.store.PollApi;
import dev.ferry.core.store.SinkBatch;
import dev.ferry.core.store.SinkOptions;
import dev.ferry.engine.cluster.Slots;
import dev.ferry.engine.lifecycle.SyncLog;
import dev.ferry.engine.plan.MappingModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * The initial load and every reload (state RELOAD_TABLE): COUNT, forget the watermarks, then REST
 * for up to the threshold or a Bulk query job above it (WAIT_BULK_LOAD while it runs,
 * LOADING_BULK_JOB while its pages are merged in, one transaction per page), RESOLVE_EXTERNAL_IDS
 * when the mapping has relationship external-id columns, and DATA_SYNCED. The watermark is set only
 * with the last rows, so an interrupted load is never mistaken for a finished one. A Bulk job
 * Salesforce fails even after the window was split ends in BULK_LOAD_ERROR with Salesforce's
 * message kept.
 *
 * <p>The table is never emptied: an empty table takes the pages straight (COPY), a table with rows
 * merges them like a poll (a record keeps its row and {@code id}; unchanged rows are not written),
 * and at the end the rows whose records Salesforce no longer has are removed ({@link ReloadSweep}).
 * Application rows, keys and triggers on the table stay valid throughout.
 */
public final class TableLoader {
  private final ReadContext w;
  private final LongConsumer counted;

  public TableLoader(ReadContext w) {
    this(w, rows -> {});
  }

  /**
   * @param counted told the load's COUNT() before any row is read, so a view of the load can show
   *     its progress (rows in the table against rows to load)
   */
  public TableLoader(ReadContext w, LongConsumer counted) {
    this.w = w;
    this.counted = counted;
  }

  /** Loads the table; returns the rows loaded. */
  public long load() {
    long started = System.nanoTime();
    MappingModel m = w.model();
    String table = m.spec().tableName();
    w.check();
    Window window = Window.until(w.now().minus(w.config().safetyLag()));
    long count = w.api().count(ReadQueries.count(m, window, null), false);
    counted.accept(count);
    boolean rest = m.restOnly() || count <= w.config().largeQueryThreshold();
    // the bulk slot is taken before the table is cleared: waiting for one never leaves it empty
    Slots.Hold slot = rest ? null : w.acquireBulkSlot("load " + m.objectName());
    long rows;
    boolean wasEmpty;
    LongAdder noted = new LongAdder();
    try {
      w.check();
      wasEmpty = w.sink().beginReload(w.target());
      SyncLog.mapping(
          w.mapping(),
          wasEmpty
              ? "Loading into empty table " + table
              : "Reloading table " + table + " in place (rows and ids are kept)");
      SinkOptions options = SinkOptions.reload(wasEmpty);
      rows =
          rest ? restLoad(window, count, options, noted) : bulkLoad(window, count, options, noted);
    } finally {
      if (slot != null) {
        slot.close();
        w.holdBulkSlot(null);
      }
    }
    if (!wasEmpty) {
      long removed = new ReloadSweep(w).sweep(noted.sum());
      if (removed > 0) {
        SyncLog.mapping(
            w.mapping(), "Removed " + removed + " rows of " + table + " Salesforce no longer has");
      }
    }
    w.sink().endReload(w.target());
    w.check();
    w.sink().delete(w.target(), List.of(), window.upper()); // getDeleted starts where the load ends
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    w.move(MappingState.DATA_SYNCED, "RELOAD COMPLETE " + table + " (" + rows + " rows)");
    w.events().loadFinished(w.mapping().id(), rest ? PollApi.REST : PollApi.BULK, rows, took);
    return rows;
  }

  private long restLoad(Window window, long count, SinkOptions options, LongAdder noted) {
    MappingModel m = w.model();
    SyncLog.mapping(
        w.mapping(), "Loading table " + m.spec().tableName() + " via REST (" + count + " rows)");
    try (SinkBatch batch = w.sink().open(w.target(), options)) {
      long rows =
          count == 0
              ? 0
              : RestReader.into(
                  w, batch::add, ReadQueries.select(m, m.restPaths(), window, null), false);
      w.check();
      batch.commit(window.upper());
      noted.add(batch.staged());
      return rows;
    }
  }

  private long bulkLoad(Window window, long count, SinkOptions options, LongAdder noted) {
    MappingModel m = w.model();
    SyncLog.mapping(
        w.mapping(), "Loading table " + m.spec().tableName() + " via BULK (" + count + " rows)");
    long rows = bulkPages(window, options, noted);
    if (m.hasRelationshipColumns()) {
      w.move(
          MappingState.RESOLVE_EXTERNAL_IDS, "Resolving External IDs of " + m.spec().tableName());
      new ExternalIdResolver(w).resolve(window);
    }
    return rows;
  }

  private long bulkPages(Window window, SinkOptions options, LongAdder noted) {
    MappingModel m = w.model();
    long rows;
    try {
      rows =
          new BulkReader(w)
              .read(
                  window,
                  win -> ReadQueries.select(m, m.bulkPaths(), win, null),
                  false,
                  BulkReader.Phase.LOAD,
                  page -> {
                    long t0 = System.nanoTime();
                    try (SinkBatch batch = w.sink().open(w.target(), options)) {
                      batch.addAll(page);
                      w.check();
                      batch.commit(null);
                      noted.add(batch.staged());
                      SyncLog.database(
                          w.mapping(),
                          "INSERT",
                          batch.staged(),
                          Duration.ofNanos(System.nanoTime() - t0));
                    }
                  });
    } catch (BulkJobFailedException e) {
      throw new LoadFailedException(e);
    }
    // Every page is in: now the watermark (in its own small transaction, after the rows).
    try (SinkBatch done = w.sink().open(w.target())) {
      w.check();
      done.commit(window.upper());
    }
    return rows;
  }

  /** The Bulk load failed for good: the mapping goes to BULK_LOAD_ERROR. */
  public static final class LoadFailedException extends RuntimeException {
    public LoadFailedException(BulkJobFailedException cause) {
      super(cause.getMessage(), cause);
    }
  }
}

package dev.ferry.engine.read;

import dev.ferry.core.error.BulkJobFailedException;
import dev.ferry.core.error.FerryException;
import dev.ferry.core.error.SalesforceError;
import dev.ferry.core.error.SalesforceUnavailableException;
import dev.ferry.core.event.SyncEvents;
import dev.ferry.core.sf.BulkJob;
import dev.ferry.core.sf.BulkJobState;
import dev.ferry.core.sf.QueryResultPage;
import dev.ferry.core.sf.RecordStream;
import dev.ferry.core.sf.SfRecord;
import dev.ferry.core.soql.Soql;
import dev.ferry.core.state.MappingState;
import dev.ferry.engine.lifecycle.SupersededException;
import dev.ferry.engine.lifecycle.SyncLog;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads a window through Bulk API 2.0 query jobs: creates the job, waits for it (checking between
 * status reads whether the work was aborted, and then aborting the job in Salesforce), and hands
 * the result pages over one by one. A job that Salesforce fails — typically "retried more than 15
 * times" on a slow or heavy query — is read again in two halves of its window, recursively down to
 * the configured narrowest window; only then is the failure reported, never swallowed.
 */
public final class BulkReader {
  private static final Duration MAX_STATUS_WAIT = Duration.ofSeconds(10);

  /** Which states a job's wait and its download show, if the work owns the mapping's state. */
  public enum Phase {
    LOAD(MappingState.WAIT_BULK_LOAD, MappingState.LOADING_BULK_JOB),
    UPDATE(MappingState.WAIT_BULK_UPDATE, MappingState.APPLYING_BULK_UPDATE),
    QUIET(null, null);

    final @Nullable MappingState waiting;
    final @Nullable MappingState applying;

    Phase(@Nullable MappingState waiting, @Nullable MappingState applying) {
      this.waiting = waiting;
      this.applying = applying;
    }
  }

  /** Receives each result page; the reader closes it afterwards. */
  @FunctionalInterface
  public interface Pages {
    void accept(RecordStream page);
  }

  private final ReadContext w;

  public BulkReader(ReadContext w) {
    this.w = w;
  }

  /** Reads {@code window}; returns the rows handed to {@code pages}. */
  public long read(
      Window window,
      Function<Window, Soql> query,
      boolean includeDeleted,
      Phase phase,
      Pages pages) {
    return read(window, query, includeDeleted, phase, pages, 0);
  }

  private long read(
      Window window,
      Function<Window, Soql> query,
      boolean includeDeleted,
      Phase phase,
      Pages pages,
      int depth) {
    w.check();
    BulkJob job = w.api().createQueryJob(query.apply(window), includeDeleted);
    Instant lower = window.lower() == null ? Instant.EPOCH : window.lower();
    w.events().bulkJobCreated(w.mapping().id(), job.id(), lower, window.upper());
    try {
      if (phase.waiting != null) {
        w.move(phase.waiting, "Waiting for bulk job " + job.id(), "bulk job " + job.id());
      }
      job = await(job);
      w.events().bulkJobFinished(SyncEvents.BULK_QUERY, job.id(), job.state());
      if (job.state() == BulkJobState.Failed) {
        deleteQuietly(job.id());
        Window splittable = splittable(window);
        if (depth < w.config().bulkSplitMaxDepth()
            && splittable != null
            && splittable.canHalve(w.config().bulkSplitMinWindow())) {
          w.events().bulkWindowSplit(w.mapping().id(), job.id(), lower, window.upper());
          SyncLog.mappingWarn(
              w.mapping(),
              "Bulk job "
                  + job.id()
                  + " failed ("
                  + job.errorMessage()
                  + "); reading "
                  + splittable
                  + " again in two halves");
          long rows = 0;
          for (Window half : splittable.halves()) {
            rows += read(half, query, includeDeleted, phase, pages, depth + 1);
          }
          return rows;
        }
        throw new BulkJobFailedException(
            new SalesforceError(
                "BULK_JOB_FAILED",
                0,
                "Bulk query job " + job.id() + " for " + window + " failed: " + job.errorMessage(),
                w.model().objectName(),
                job.id()));
      }
      if (job.state() == BulkJobState.Aborted) {
        throw new SalesforceUnavailableException(
            new SalesforceError(
                "BULK_JOB_ABORTED",
                0,
                "Bulk query job " + job.id() + " was aborted in Salesforce",
                w.model().objectName(),
                job.id()));
      }
      if (phase.applying != null) {
        w.move(phase.applying, "Loading results of bulk job " + job.id(), "bulk job " + job.id());
      }
      long rows = download(job, pages);
      deleteQuietly(job.id());
      return rows;
    } catch (SupersededException e) {
      abortQuietly(job.id());
      throw e;
    }
  }

  private long download(BulkJob job, Pages pages) {
    long start = System.nanoTime();
    long rows = 0;
    String locator = null;
    do {
      w.check();
      QueryResultPage page = w.api().queryResults(job.id(), locator, null);
      try (CountingPage counted = new CountingPage(page)) {
        pages.accept(counted);
        rows += counted.count;
      }
      locator = page.nextLocator();
    } while (locator != null);
    SyncLog.query(w.mapping(), rows, Duration.ofNanos(System.nanoTime() - start));
    return rows;
  }

  private BulkJob await(BulkJob job) {
    Duration wait = w.config().bulkStatusPoll();
    Instant deadline = w.now().plus(w.config().bulkJobTimeout());
    while (!job.state().isTerminal()) {
      w.check();
      if (w.now().isAfter(deadline)) {
        abortQuietly(job.id());
        throw new SalesforceUnavailableException(
            new SalesforceError(
                "BULK_JOB_TIMEOUT",
                0,
                "Bulk query job "
                    + job.id()
                    + " not complete after "
                    + w.config().bulkJobTimeout()
                    + "; aborted",
                w.model().objectName(),
                job.id()));
      }
      sleep(wait);
      wait =
          wait.multipliedBy(2).compareTo(MAX_STATUS_WAIT) > 0
              ? MAX_STATUS_WAIT
              : wait.multipliedBy(2);
      job = w.api().queryJob(job.id());
    }
    return job;
  }

  /** The window to halve: a load's open window starts at the oldest record it holds. */
  private @Nullable Window splittable(Window window) {
    if (window.lower() != null) return window;
    try (RecordStream oldest = w.api().query(ReadQueries.oldest(w.model(), window), false)) {
      if (!oldest.hasNext()) return null;
      SfRecord r = oldest.next();
      String stamp = r.get(w.model().modstampField());
      return stamp == null ? null : Window.of(Instant.parse(stamp), window.upper());
    }
  }

  private void sleep(Duration d) {
    try {
      w.sleeper().sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SupersededException(w.mapping().id(), "interrupted while waiting for a bulk job");
    }
  }

  private void abortQuietly(String jobId) {
    try {
      w.api().abortQueryJob(jobId);
      SyncLog.mapping(w.mapping(), "Aborted bulk job " + jobId);
    } catch (FerryException e) {
      SyncLog.mappingWarn(w.mapping(), "Could not abort bulk job " + jobId + ": " + e.getMessage());
    }
  }

  private void deleteQuietly(String jobId) {
    try {
      w.api().deleteQueryJob(jobId);
    } catch (FerryException e) {
      // a leftover job costs nothing; Salesforce removes it after 7 days
    }
  }

  /** Counts what the consumer takes from a page. */
  private static final class CountingPage implements RecordStream {
    private final RecordStream page;
    long count;

    CountingPage(RecordStream page) {
      this.page = page;
    }

    @Override
    public dev.ferry.core.sf.RecordHeader header() {
      return page.header();
    }

    @Override
    public long totalSize() {
      return page.totalSize();
    }

    @Override
    public boolean hasNext() {
      return page.hasNext();
    }

    @Override
    public SfRecord next() {
      count++;
      return page.next();
    }

    @Override
    public void close() {
      page.close();
    }
  }
}

package dev.ferry.emulator.bulk;

import dev.ferry.emulator.org.OrgStore;
import dev.ferry.emulator.soql.SoqlException;
import dev.ferry.emulator.soql.SoqlResult;
import java.time.Duration;

/**
 * Runs a query job: the query is evaluated once (a snapshot), then "processed" in chunks of {@link
 * #CHUNK_SIZE} rows when the object supports PK chunking and the query has no ORDER BY or LIMIT. A
 * chunk that fails (injected) or exceeds its time limit is retried; more than 15 retries fail the
 * job, as Salesforce's "retried more than 15 times" does.
 */
final class QueryProcessor {
  static final int CHUNK_SIZE = 100_000;
  static final int MAX_RETRIES = 15;

  private final OrgStore store;
  private final BulkControls controls;
  private final Duration chunkTimeout;

  QueryProcessor(OrgStore store, BulkControls controls, Duration chunkTimeout) {
    this.store = store;
    this.controls = controls;
    this.chunkTimeout = chunkTimeout;
  }

  void process(QueryJob job) throws InterruptedException {
    long started = System.nanoTime();
    SoqlResult result;
    try {
      result = job.parsed().execute(store.schema(), store, job.includeDeleted(), store.clock());
    } catch (SoqlException e) {
      job.fail(e.errorCode() + ": " + e.getMessage());
      return;
    }
    int rows = result.size();
    boolean chunked =
        job.pkChunkingSupported() && !job.parsed().hasOrderBy() && !job.parsed().hasLimit();
    int chunks = chunked ? Math.max(1, (rows + CHUNK_SIZE - 1) / CHUNK_SIZE) : 1;
    for (int chunk = 0; chunk < chunks; chunk++) {
      while (true) {
        if (job.state() == JobState.Aborted) {
          return;
        }
        boolean failed = controls.takeFailure();
        long delay = controls.takeDelayMillis();
        if (!failed && delay > 0) {
          Thread.sleep(Math.min(delay, chunkTimeout.toMillis() + 1));
          failed = delay > chunkTimeout.toMillis();
        }
        if (!failed) {
          break;
        }
        job.addRetry();
        if (job.retries() > MAX_RETRIES) {
          job.fail(
              "The query job failed: the API retried more than "
                  + MAX_RETRIES
                  + " times. Apply a filter criteria and try again.");
          return;
        }
      }
    }
    job.result(result);
    job.addProcessed(rows);
    job.addProcessingTime(Duration.ofNanos(System.nanoTime() - started).toMillis());
  }
}

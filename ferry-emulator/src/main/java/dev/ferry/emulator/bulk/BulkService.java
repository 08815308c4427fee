package dev.ferry.emulator.bulk;

import dev.ferry.emulator.control.RecordFaults;
import dev.ferry.emulator.org.ApiVersion;
import dev.ferry.emulator.org.IdGenerator;
import dev.ferry.emulator.org.OrgStore;
import dev.ferry.emulator.org.RecordSaver;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk API 2.0 jobs: the registry, and asynchronous processing on virtual threads. A job moves to
 * InProgress as soon as it is queued, stays there at least {@code minProcessing} (and while jobs
 * are held), then ends JobComplete, Failed or Aborted.
 */
public final class BulkService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BulkService.class);

  private final OrgStore store;
  private final InstantSource clock;
  private final BulkControls controls;
  private final IngestProcessor ingest;
  private final QueryProcessor query;
  private final Duration minProcessing;
  private final long seed;
  private IdGenerator ids;
  private final LinkedHashMap<String, BulkJob> jobs = new LinkedHashMap<>();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  public BulkService(
      OrgStore store,
      Supplier<RecordSaver> saver,
      RecordFaults recordFaults,
      BulkControls controls,
      Duration batchTimeout,
      Duration minProcessing,
      long seed) {
    this.store = store;
    this.clock = store.clock();
    this.controls = controls;
    this.minProcessing = minProcessing;
    this.seed = seed;
    this.ids = new IdGenerator(seed + 2);
    this.ingest = new IngestProcessor(store, saver, recordFaults, controls, batchTimeout);
    this.query = new QueryProcessor(store, controls, batchTimeout);
  }

  public BulkControls controls() {
    return controls;
  }

  public synchronized IngestJob createIngest(
      String operation,
      String object,
      String userId,
      ApiVersion version,
      CsvDialect dialect,
      String externalIdFieldName,
      String assignmentRuleId) {
    IngestJob job =
        new IngestJob(
            ids.next("750"),
            operation,
            object,
            userId,
            version,
            dialect,
            externalIdFieldName,
            assignmentRuleId,
            clock);
    jobs.put(job.id(), job);
    return job;
  }

  public synchronized QueryJob createQuery(
      String operation,
      String object,
      String userId,
      ApiVersion version,
      CsvDialect dialect,
      String text,
      dev.ferry.emulator.soql.SoqlQuery parsed,
      boolean pkChunking) {
    QueryJob job =
        new QueryJob(
            ids.next("750"),
            operation,
            object,
            userId,
            version,
            dialect,
            text,
            parsed,
            pkChunking,
            clock);
    jobs.put(job.id(), job);
    job.freezeCreateResponse();
    submit(job);
    return job;
  }

  public synchronized Optional<BulkJob> find(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  public synchronized List<BulkJob> list() {
    return new ArrayList<>(jobs.values());
  }

  public synchronized void delete(String id) {
    jobs.remove(id);
  }

  public void upload(IngestJob job, byte[] csv) {
    job.append(csv);
  }

  /**
   * Closes an Open ingest job and queues it; returns the JobInfo as of the close (state
   * UploadComplete), or empty when the job was not Open.
   */
  public Optional<Map<String, Object>> close(IngestJob job) {
    if (!job.transition(JobState.UploadComplete, JobState.Open)) {
      return Optional.empty();
    }
    Map<String, Object> info = job.shortInfo();
    submit(job);
    return Optional.of(info);
  }

  private void submit(BulkJob job) {
    executor.submit(() -> run(job));
  }

  private void run(BulkJob job) {
    long started = System.nanoTime();
    try {
      if (!job.transition(JobState.InProgress, JobState.UploadComplete)) {
        return; // aborted before it started
      }
      controls.awaitRelease();
      if (job instanceof IngestJob i) {
        ingest.process(i);
      } else if (job instanceof QueryJob q) {
        query.process(q);
      }
      long left = minProcessing.toNanos() - (System.nanoTime() - started);
      if (left > 0) {
        TimeUnit.NANOSECONDS.sleep(left);
      }
      controls.awaitRelease();
      job.transition(JobState.JobComplete, JobState.InProgress);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("bulk job {} failed unexpectedly", job.id(), e);
      job.fail("InternalServerError : " + e);
    }
  }

  /** Aborts a job in Open, UploadComplete or InProgress. */
  public boolean abort(BulkJob job) {
    return job.transition(
        JobState.Aborted, JobState.Open, JobState.UploadComplete, JobState.InProgress);
  }

  /** Jobs by state, for the stats control. */
  public synchronized Map<String, Integer> countsByState() {
    Map<JobState, Integer> counts = new EnumMap<>(JobState.class);
    for (JobState s : JobState.values()) {
      counts.put(s, 0);
    }
    for (BulkJob j : jobs.values()) {
      counts.merge(j.state(), 1, Integer::sum);
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    counts.forEach((k, v) -> out.put(k.name(), v));
    return out;
  }

  public synchronized void reset() {
    jobs.clear();
    ids = new IdGenerator(seed + 2);
    controls.reset();
  }

  public static String successfulResults(IngestJob job) {
    return IngestProcessor.successfulCsv(job);
  }

  public static String failedResults(IngestJob job) {
    return IngestProcessor.failedCsv(job);
  }

  public static String unprocessedRecords(IngestJob job) {
    return IngestProcessor.unprocessedCsv(job);
  }

  @Override
  public void close() {
    controls.hold(false);
    executor.shutdownNow();
  }
}

package dev.ferry.emulator.bulk;

import dev.ferry.emulator.org.ApiVersion;
import dev.ferry.emulator.org.SfFormats;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What ingest and query jobs share: identity, state machine, counters, timing. */
public abstract sealed class BulkJob permits IngestJob, QueryJob {
  private final String id;
  private final String operation;
  private final String object;
  private final String createdById;
  private final Instant createdDate;
  private final ApiVersion apiVersion;
  private final CsvDialect dialect;
  private final InstantSource clock;
  private JobState state;
  private Instant systemModstamp;
  private long numberRecordsProcessed;
  private long retries;
  private long totalProcessingTime;
  private @Nullable String errorMessage;
  private @Nullable Map<String, Object> createResponse;

  BulkJob(
      String id,
      String operation,
      String object,
      String createdById,
      ApiVersion apiVersion,
      CsvDialect dialect,
      JobState initial,
      InstantSource clock) {
    this.id = id;
    this.operation = operation;
    this.object = object;
    this.createdById = createdById;
    this.apiVersion = apiVersion;
    this.dialect = dialect;
    this.clock = clock;
    this.createdDate = now();
    this.systemModstamp = createdDate;
    this.state = initial;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  public String id() {
    return id;
  }

  public String operation() {
    return operation;
  }

  public String object() {
    return object;
  }

  public ApiVersion apiVersion() {
    return apiVersion;
  }

  public CsvDialect dialect() {
    return dialect;
  }

  public synchronized JobState state() {
    return state;
  }

  synchronized void state(JobState next) {
    this.state = next;
    this.systemModstamp = now();
    notifyAll();
  }

  /** Moves to next only when the job is in one of the expected states. */
  synchronized boolean transition(JobState next, JobState... from) {
    for (JobState f : from) {
      if (state == f) {
        state(next);
        return true;
      }
    }
    return false;
  }

  synchronized void fail(String message) {
    this.errorMessage = message;
    state(JobState.Failed);
  }

  public synchronized @Nullable String errorMessage() {
    return errorMessage;
  }

  public synchronized long numberRecordsProcessed() {
    return numberRecordsProcessed;
  }

  synchronized void addProcessed(long n) {
    numberRecordsProcessed += n;
  }

  public synchronized long retries() {
    return retries;
  }

  synchronized void addRetry() {
    retries++;
  }

  synchronized void addProcessingTime(long ms) {
    totalProcessingTime += ms;
  }

  public synchronized long totalProcessingTime() {
    return totalProcessingTime;
  }

  /** Fields every JobInfo has, in the order Salesforce writes them. */
  synchronized Map<String, Object> baseInfo() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("operation", operation);
    m.put("object", object);
    m.put("createdById", createdById);
    m.put("createdDate", SfFormats.restDateTime(createdDate));
    m.put("systemModstamp", SfFormats.restDateTime(systemModstamp));
    m.put("state", state.name());
    return m;
  }

  /** The JobInfo returned on create. */
  public abstract Map<String, Object> createInfo();

  /** The create response, as it was when the job was created (before processing started). */
  public synchronized Map<String, Object> createResponse() {
    return createResponse != null ? createResponse : createInfo();
  }

  synchronized void freezeCreateResponse() {
    this.createResponse = createInfo();
  }

  /** The JobInfo returned by PATCH (close or abort). */
  public abstract Map<String, Object> shortInfo();

  /** The full JobInfo of GET. */
  public abstract Map<String, Object> fullInfo();

  /** V2Ingest or V2Query. */
  public abstract String jobType();
}

package dev.ferry.app.metrics;

import dev.ferry.core.event.SyncEvents;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.sf.BulkJobState;
import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.state.MappingState;
import dev.ferry.core.store.PollApi;
import dev.ferry.core.store.PollKind;
import dev.ferry.core.store.WriteTransport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The engine's {@link SyncEvents} as Micrometer counters and timers: what this process did (rows
 * read and merged, loads, polls, writes to Salesforce and their outcomes, Bulk jobs, drift repairs,
 * failures). Every meter is named in {@code docs/metrics.md}. Mappings are labelled with their id
 * and object name.
 */
final class MetricsSyncEvents implements SyncEvents {
  private final MeterRegistry registry;
  private final Function<MappingId, String> objectNames;

  /**
   * @param objectNames the object name of a mapping ("" when unknown)
   */
  private final java.util.Map<MappingId, java.util.concurrent.atomic.AtomicInteger> eventsOn =
      new java.util.concurrent.ConcurrentHashMap<>();

  MetricsSyncEvents(MeterRegistry registry, Function<MappingId, String> objectNames) {
    this.registry = registry;
    this.objectNames = objectNames;
  }

  private Tags mapping(MappingId id) {
    return Tags.of("mapping", id.toString(), "object", objectNames.apply(id));
  }

  private Counter counter(String name, String description, Tags tags) {
    return Counter.builder(name).description(description).tags(tags).register(registry);
  }

  private Timer timer(String name, String description, Tags tags) {
    return Timer.builder(name).description(description).tags(tags).register(registry);
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public void mappingStateChanged(
      MappingId mapping, @Nullable MappingState from, MappingState to, @Nullable String reason) {
    counter(
            "ferry.mapping.state.changes",
            "Transitions into each mapping state",
            mapping(mapping).and("state", to.name()))
        .increment();
  }

  @Override
  public void databaseUnavailable(MappingId mapping, String error) {
    counter(
            "ferry.database.unavailable",
            "Times work on a mapping stopped because PostgreSQL was unreachable",
            mapping(mapping))
        .increment();
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
    Tags tags = mapping(mapping);
    String operation = kind == PollKind.PRIMARY ? "poll" : "drift";
    counter(
            "ferry.rows.read",
            "Records read from Salesforce (loads, polls, drift polls)",
            tags.and("operation", operation))
        .increment(rowsRead);
    counter(
            "ferry.rows.merged",
            "Rows inserted or changed in PostgreSQL by polls",
            tags.and("operation", operation))
        .increment(rowsChanged);
    timer(
            "ferry.poll.duration",
            "Completed polls and how long they took",
            tags.and("kind", lower(kind), "api", lower(api)))
        .record(took);
  }

  @Override
  public void loadFinished(MappingId mapping, PollApi api, long rows, Duration took) {
    Tags tags = mapping(mapping);
    counter(
            "ferry.rows.read",
            "Records read from Salesforce (loads, polls, drift polls)",
            tags.and("operation", "load"))
        .increment(rows);
    timer(
            "ferry.load.duration",
            "Completed loads (initial and reloads) and how long they took",
            tags.and("api", lower(api)))
        .record(took);
  }

  @Override
  public void stepFailed(
      MappingId mapping, MappingState state, Throwable error, @Nullable Instant retryAt) {
    counter(
            "ferry.step.failures",
            "Failed sync steps (retried when retryable)",
            mapping(mapping)
                .and("state", state.name(), "retry", retryAt == null ? "false" : "true"))
        .increment();
  }

  @Override
  public void deletesApplied(MappingId mapping, long rows) {
    counter(
            "ferry.rows.deleted",
            "Rows removed from PostgreSQL because Salesforce deleted the records",
            mapping(mapping))
        .increment(rows);
  }

  @Override
  public void bulkJobCreated(MappingId mapping, String jobId, Instant lower, Instant upper) {
    counter(
            "ferry.bulk.jobs.started",
            "Bulk API 2.0 jobs created",
            Tags.of("type", SyncEvents.BULK_QUERY))
        .increment();
  }

  @Override
  public void bulkIngestJobCreated(ConnectionId connection, String table, String jobId) {
    counter(
            "ferry.bulk.jobs.started",
            "Bulk API 2.0 jobs created",
            Tags.of("type", SyncEvents.BULK_INGEST))
        .increment();
  }

  @Override
  public void bulkJobFinished(String type, String jobId, BulkJobState state) {
    counter(
            "ferry.bulk.jobs.finished",
            "Bulk API 2.0 jobs seen ending, by final state",
            Tags.of("type", type, "state", state.name()))
        .increment();
  }

  @Override
  public void bulkWindowSplit(MappingId mapping, String failedJobId, Instant lower, Instant upper) {
    counter(
            "ferry.bulk.window.splits",
            "Failed Bulk query jobs whose window was read again in halves",
            mapping(mapping))
        .increment();
  }

  @Override
  public void driftRepaired(
      MappingId mapping, long primaryWindowId, long repaired, List<String> sfids) {
    counter(
            "ferry.drift.repaired",
            "Rows a secondary (drift) poll found missing or stale and repaired",
            mapping(mapping))
        .increment(repaired);
  }

  @Override
  public void changeEventsReceived(MappingId mapping, int events) {
    counter(
            "ferry.change.events",
            "Change Data Capture events received for the mapping (accelerated polling)",
            mapping(mapping))
        .increment(events);
  }

  @Override
  public void changeEventApplied(MappingId mapping, Duration latency) {
    Timer.builder("ferry.change.event.latency")
        .description("From a change's commit in Salesforce to its row in PostgreSQL (events)")
        .tags(mapping(mapping))
        .publishPercentiles(0.5, 0.99)
        .register(registry)
        .record(latency);
  }

  @Override
  public void changeStreamStatus(
      MappingId mapping, dev.ferry.core.cdc.CdcStatus status, @Nullable String reason) {
    eventsOn
        .computeIfAbsent(
            mapping,
            id -> {
              java.util.concurrent.atomic.AtomicInteger v =
                  new java.util.concurrent.atomic.AtomicInteger();
              io.micrometer.core.instrument.Gauge.builder("ferry.change.events.on", v, x -> x.get())
                  .description(
                      "1 while the mapping's change events flow in this process (LISTENING)")
                  .tags(mapping(id))
                  .register(registry);
              return v;
            })
        .set(status == dev.ferry.core.cdc.CdcStatus.LISTENING ? 1 : 0);
    counter(
            "ferry.change.stream.status",
            "Change-event stream status changes (STARTING, LISTENING, FALLBACK)",
            mapping(mapping).and("status", lower(status)))
        .increment();
  }

  @Override
  public void slotUnavailable(String kind, String holder) {
    counter(
            "ferry.slot.waits",
            "Work postponed because every cluster-wide slot of its kind was held",
            Tags.of("kind", kind))
        .increment();
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
    Tags tags =
        Tags.of(
            "connection",
            connection.toString(),
            "table",
            table,
            "operation",
            lower(operation),
            "transport",
            lower(transport));
    String description = "Records written to Salesforce, by outcome";
    counter("ferry.sf.rows.written", description, tags.and("outcome", "success"))
        .increment(succeeded);
    counter("ferry.sf.rows.written", description, tags.and("outcome", "failed")).increment(failed);
    timer("ferry.write.batch.duration", "Write batches sent to Salesforce", tags).record(took);
  }

  @Override
  public void writeFailed(ConnectionId connection, Throwable error, @Nullable Instant retryAt) {
    counter(
            "ferry.write.cycle.failures",
            "Write cycles stopped by an error (entries wait and are sent again)",
            Tags.of("connection", connection.toString()))
        .increment();
  }

  @Override
  public void writesReconciled(ConnectionId connection, int settled, int released) {
    Tags tags = Tags.of("connection", connection.toString());
    String description = "In-flight writes left by a stopped writer, settled or released";
    counter("ferry.writes.reconciled", description, tags.and("result", "settled"))
        .increment(settled);
    counter("ferry.writes.reconciled", description, tags.and("result", "released"))
        .increment(released);
  }
}

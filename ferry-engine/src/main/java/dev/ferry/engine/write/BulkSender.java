package dev.ferry.engine.write;

import dev.ferry.core.error.BulkJobTimeoutException;
import dev.ferry.core.error.SalesforceError;
import dev.ferry.core.error.SalesforceRequestException;
import dev.ferry.core.event.SyncEvents;
import dev.ferry.core.log.LogContext;
import dev.ferry.core.sf.BulkJob;
import dev.ferry.core.sf.BulkJobState;
import dev.ferry.core.sf.IngestOperation;
import dev.ferry.core.sf.IngestResultKind;
import dev.ferry.core.sf.IngestSpec;
import dev.ferry.core.sf.RecordError;
import dev.ferry.core.sf.RecordStream;
import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.sf.SaveRequest;
import dev.ferry.core.sf.SfRecord;
import dev.ferry.core.store.EntryOutcome;
import dev.ferry.core.store.WriteBatch;
import dev.ferry.core.store.WriteTransport;
import dev.ferry.engine.cluster.Slots;
import dev.ferry.engine.lifecycle.SyncLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a large group of writes through Bulk API 2.0 ingest jobs: split into jobs of {@code
 * bulk-job-rows}, run in parallel, each holding one of the org's Bulk job slots (shared with the
 * read path, cluster-wide). Each job is recorded before it is created and its id right after, so a
 * writer that dies leaves enough for the next to read the job's results instead of sending again.
 *
 * <p>Results are matched to writes by a key Ferry controls (Salesforce does not keep row order):
 * the upsert field's value for inserts, the record id otherwise. Rows never processed (the job
 * Failed) go into a new job; failed inserts, and rows refused for a transient reason, fall back to
 * sObject Collections; other failed rows are FAILED with Salesforce's message.
 */
final class BulkSender {
  private static final Logger log = LoggerFactory.getLogger(BulkSender.class);
  private static final int RESUBMITS = 3;
  private static final Duration MAX_STATUS_WAIT = Duration.ofSeconds(10);
  private static final Duration STOP_CHECK = Duration.ofMillis(500);

  private final WriteContext ctx;
  private final CollectionsSender collections;

  BulkSender(WriteContext ctx, CollectionsSender collections) {
    this.ctx = ctx;
    this.collections = collections;
  }

  /** Whether Bulk can carry this operation: inserts only with an upsert key to match by. */
  static boolean carries(SaveOperation op) {
    return op == SaveOperation.UPSERT || op == SaveOperation.UPDATE || op == SaveOperation.DELETE;
  }

  void send(WriteTarget t, SaveOperation op, List<Write> writes) {
    // two rows with one key could not be told apart in the results
    Set<String> seen = new HashSet<>();
    List<Write> unique = new ArrayList<>();
    List<Write> clashing = new ArrayList<>();
    for (Write w : writes) (seen.add(key(op, w.key())) ? unique : clashing).add(w);
    int size = ctx.config().bulkJobRows();
    List<List<Write>> parts = new ArrayList<>();
    for (int from = 0; from < unique.size(); from += size) {
      parts.add(unique.subList(from, Math.min(unique.size(), from + size)));
    }
    if (parts.size() == 1) {
      job(t, op, parts.get(0), 0);
    } else if (!parts.isEmpty()) {
      inParallel(t, op, parts);
    }
    if (!clashing.isEmpty()) collections.send(t, op, clashing);
  }

  private void inParallel(WriteTarget t, SaveOperation op, List<List<Write>> parts) {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> running = new ArrayList<>();
      for (List<Write> part : parts) {
        running.add(pool.submit(LogContext.carried(() -> job(t, op, part, 0))));
      }
      RuntimeException first = null;
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (ExecutionException e) {
          RuntimeException cause =
              e.getCause() instanceof RuntimeException r
                  ? r
                  : new IllegalStateException(e.getCause());
          if (first == null) first = cause;
          else first.addSuppressed(cause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new WriteContext.StoppedException("interrupted");
        }
      }
      if (first != null) throw first;
    }
  }

  /** One ingest job for {@code part}: create, record, upload, close, then settle. */
  private void job(WriteTarget t, SaveOperation op, List<Write> part, int resubmits) {
    try (Slots.Hold slot = ctx.bulkSlot("write " + t.object())) {
      WriteBatch batch = ctx.record(t, op, WriteTransport.BULK, part);
      BulkJob job;
      try {
        ctx.checkLease();
        job =
            ctx.api(t)
                .createIngestJob(
                    new IngestSpec(
                        t.object(),
                        ingestOperation(op),
                        op == SaveOperation.UPSERT ? t.upsertField() : null));
      } catch (RuntimeException e) {
        // no job, nothing processed
        ctx.release(part);
        ctx.close(batch);
        throw e;
      }
      ctx.attachJob(batch, job.id());
      ctx.events().bulkIngestJobCreated(ctx.connection().id(), t.table(), job.id());
      try {
        ctx.api(t).upload(job.id(), ingestOperation(op), requests(t, part));
      } catch (SalesforceRequestException e) {
        abortQuietly(t, job.id());
        ctx.close(batch);
        if ("UPLOAD_TOO_LARGE".equals(e.salesforceError().errorCode()) && part.size() > 1) {
          int half = part.size() / 2;
          slot.close();
          job(t, op, part.subList(0, half), resubmits);
          job(t, op, part.subList(half, part.size()), resubmits);
          return;
        }
        ctx.release(part);
        throw e;
      } catch (RuntimeException e) {
        // an Open job processes nothing: abort it and send the part again later
        abortQuietly(t, job.id());
        ctx.release(part);
        ctx.close(batch);
        throw e;
      }
      ctx.api(t).closeIngestJob(job.id());
      settle(t, batch.withJob(job.id()), part, slot, resubmits);
    }
  }

  /**
   * Waits for the batch's job and stores the outcome of every row: also how a new writer finishes a
   * job that a dead one started. Rows not processed go into a new job (up to 3 times, then
   * collections); failed inserts and transient refusals go to collections.
   */
  void settle(
      WriteTarget t, WriteBatch batch, List<Write> part, Slots.@Nullable Hold slot, int resubmits) {
    Instant started = batch.startedAt();
    String jobId = batch.jobId();
    SaveOperation op = batch.operation();
    BulkJob job = ctx.api(t).ingestJob(jobId);
    if (job.state() == BulkJobState.Open) {
      // created and recorded, never closed: nothing was processed
      abortQuietly(t, jobId);
      ctx.release(part);
      ctx.close(batch);
      return;
    }
    job = await(t, job, slot);
    if (job.state() == BulkJobState.Failed) {
      log.atWarn()
          .addKeyValue("connection_name", ctx.connection().name())
          .addKeyValue("object", t.object())
          .addKeyValue("job", jobId)
          .log("Bulk write job failed ({}); reading what it did", job.errorMessage());
    }
    ctx.events().bulkJobFinished(SyncEvents.BULK_INGEST, jobId, job.state());
    Results results = results(jobId, op, t);
    List<EntryOutcome> outcomes = new ArrayList<>();
    List<Write> unprocessed = new ArrayList<>();
    List<Write> fallback = new ArrayList<>();
    int ok = 0;
    int failed = 0;
    for (Write w : part) {
      String k = key(op, w.key());
      String created = results.succeeded.get(k);
      RecordError err = results.failed.get(k);
      if (created != null) {
        outcomes.addAll(Outcomes.success(w, created.isEmpty() ? null : created));
        ok++;
      } else if (err != null && op == SaveOperation.DELETE && CollectionsSender.isDeleted(err)) {
        outcomes.addAll(Outcomes.success(w, null));
        ok++;
      } else if (err != null
          && (op == SaveOperation.UPSERT
              || CollectionsSender.TRANSIENT.contains(err.statusCode()))) {
        fallback.add(w);
      } else if (err != null) {
        outcomes.addAll(Outcomes.failure(w, err));
        failed++;
      } else {
        unprocessed.add(w);
      }
    }
    ctx.complete(outcomes);
    ctx.close(batch);
    deleteQuietly(t, jobId);
    ctx.events()
        .writeBatchFinished(
            ctx.connection().id(),
            t.table(),
            op,
            WriteTransport.BULK,
            part.size(),
            ok,
            failed,
            Duration.between(started, ctx.now()));
    SyncLog.salesforceWrite(
        ctx.connection().id(),
        t.object(),
        op,
        part.size(),
        Duration.between(started, ctx.now()),
        Map.of(
            "via",
            "bulk",
            "job",
            jobId,
            "succeeded",
            ok,
            "failed",
            failed,
            "unprocessed",
            unprocessed.size(),
            "fallback",
            fallback.size()));
    if (!unprocessed.isEmpty()) {
      if (slot != null) slot.close();
      if (resubmits < RESUBMITS) {
        job(t, op, unprocessed, resubmits + 1);
      } else {
        fallback.addAll(unprocessed);
      }
    }
    if (!fallback.isEmpty()) {
      if (slot != null) slot.close();
      log.atInfo()
          .addKeyValue("object", t.object())
          .addKeyValue("rows", fallback.size())
          .log(
              "BULK write batch to {} ended with {} failed rows; will fall back to collections",
              t.object(),
              fallback.size());
      collections.send(t, op, fallback);
    }
  }

  /**
   * Reads the job's state until it is terminal, as the read path waits for its query jobs: first
   * after {@code FERRY_BULK_STATUS_POLL_MS}, the wait doubling up to 10 seconds, the stop signal
   * and the leases checked at least twice a second meanwhile.
   */
  private BulkJob await(WriteTarget t, BulkJob job, Slots.@Nullable Hold slot) {
    Duration wait = ctx.engine().bulkStatusPoll();
    Instant deadline = ctx.now().plus(ctx.engine().bulkJobTimeout());
    while (!job.state().isTerminal()) {
      if (ctx.now().isAfter(deadline)) {
        throw new BulkJobTimeoutException(
            new SalesforceError(
                "JOB_WAIT_TIMEOUT",
                0,
                "Bulk write job still " + job.state() + " after " + ctx.engine().bulkJobTimeout(),
                t.object(),
                job.id()));
      }
      Duration left = wait;
      while (left.isPositive()) {
        if (ctx.cancelled(slot)) {
          throw new WriteContext.StoppedException("stopped while Bulk job " + job.id() + " ran");
        }
        Duration slice = left.compareTo(STOP_CHECK) < 0 ? left : STOP_CHECK;
        ctx.pause(slice);
        left = left.minus(slice);
      }
      wait =
          wait.multipliedBy(2).compareTo(MAX_STATUS_WAIT) > 0
              ? MAX_STATUS_WAIT
              : wait.multipliedBy(2);
      job = ctx.api(t).ingestJob(job.id());
    }
    return job;
  }

  /** What the job did, by key. */
  private record Results(Map<String, String> succeeded, Map<String, RecordError> failed) {}

  private Results results(String jobId, SaveOperation op, WriteTarget t) {
    String keyColumn = op == SaveOperation.UPSERT ? t.upsertField() : "Id";
    Map<String, String> ok = new HashMap<>();
    try (RecordStream s = ctx.api(t).ingestResults(jobId, IngestResultKind.SUCCESSFUL)) {
      while (s.hasNext()) {
        SfRecord r = s.next();
        String id = r.get("sf__Id");
        ok.put(key(op, r.get(keyColumn)), id == null ? "" : id);
      }
    }
    Map<String, RecordError> failed = new HashMap<>();
    try (RecordStream s = ctx.api(t).ingestResults(jobId, IngestResultKind.FAILED)) {
      while (s.hasNext()) {
        SfRecord r = s.next();
        failed.put(key(op, r.get(keyColumn)), parseError(r.get("sf__Error")));
      }
    }
    return new Results(ok, failed);
  }

  /** Keys as Salesforce compares them: ids by their 15 characters, external ids without case. */
  static String key(SaveOperation op, @Nullable String value) {
    if (value == null) return "";
    String v = value.trim();
    if (op != SaveOperation.UPSERT) return v.length() >= 15 ? v.substring(0, 15) : v;
    if (!numeric(v)) return v.toLowerCase(Locale.ROOT); // no exception per key: this runs per row
    try {
      return new java.math.BigDecimal(v).stripTrailingZeros().toPlainString();
    } catch (NumberFormatException notANumber) {
      return v.toLowerCase(Locale.ROOT);
    }
  }

  /** Whether {@code v} may be a number: digits, sign, point, exponent only. */
  private static boolean numeric(String v) {
    if (v.isEmpty()) return false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
        return false;
      }
    }
    return true;
  }

  /** {@code CODE:message:fields --} (salesforce-api.md §6.5). */
  static RecordError parseError(@Nullable String text) {
    if (text == null || text.isBlank()) return new RecordError("UNKNOWN", "failed", List.of());
    String s = text.trim();
    if (s.endsWith("--")) s = s.substring(0, s.length() - 2).trim();
    int colon = s.indexOf(':');
    if (colon < 0) return new RecordError("UNKNOWN", s, List.of());
    String code = s.substring(0, colon);
    String rest = s.substring(colon + 1);
    int last = rest.lastIndexOf(':');
    List<String> fields = List.of();
    String message = rest;
    if (last >= 0) {
      String tail = rest.substring(last + 1).trim();
      if (tail.isEmpty() || tail.matches("[A-Za-z0-9_.,]+")) {
        message = rest.substring(0, last);
        fields = tail.isEmpty() ? List.of() : List.of(tail.split(","));
      }
    }
    return new RecordError(code, message.trim(), fields);
  }

  private static List<SaveRequest> requests(WriteTarget t, List<Write> part) {
    List<SaveRequest> requests = new ArrayList<>(part.size());
    for (Write w : part) requests.add(w.request(t.object()));
    return requests;
  }

  private static IngestOperation ingestOperation(SaveOperation op) {
    return switch (op) {
      case UPSERT -> IngestOperation.UPSERT;
      case UPDATE -> IngestOperation.UPDATE;
      case DELETE -> IngestOperation.DELETE;
      case CREATE -> IngestOperation.INSERT;
    };
  }

  private void abortQuietly(WriteTarget t, String jobId) {
    try {
      ctx.api(t).abortIngestJob(jobId);
    } catch (RuntimeException e) {
      log.debug("could not abort Bulk job {}: {}", jobId, e.toString());
    }
  }

  private void deleteQuietly(WriteTarget t, String jobId) {
    try {
      ctx.api(t).deleteIngestJob(jobId);
    } catch (RuntimeException e) {
      log.debug("could not delete Bulk job {}: {}", jobId, e.toString());
    }
  }
}

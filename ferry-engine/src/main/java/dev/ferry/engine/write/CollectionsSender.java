package dev.ferry.engine.write;

import dev.ferry.core.error.SalesforceRequestException;
import dev.ferry.core.sf.RecordError;
import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.sf.SaveRequest;
import dev.ferry.core.sf.SaveResult;
import dev.ferry.core.store.EntryOutcome;
import dev.ferry.core.store.WriteBatch;
import dev.ferry.core.store.WriteTransport;
import dev.ferry.engine.lifecycle.SyncLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends writes through sObject Collections (at most 200 per call, allOrNone=false), each call
 * recorded as a write batch first and its outcomes stored with the rows after. Per record: accepted
 * → SUCCESS; refused for a transient reason (a lock) → sent again with backoff, then FAILED;
 * refused otherwise → FAILED with Salesforce's message, the others flow on. A call refused as a
 * whole (a bad value in one record) is split in halves until the bad record stands alone.
 */
final class CollectionsSender {
  private static final Logger log = LoggerFactory.getLogger(CollectionsSender.class);

  /** Per-record codes that mean "try again", not "this record is wrong". */
  static final Set<String> TRANSIENT =
      Set.of("UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE", "REQUEST_RUNNING_TOO_LONG");

  /** Request-level refusals that every half would get too: no point in splitting. */
  private static final Set<String> WHOLE_REQUEST =
      Set.of("INVALID_FIELD", "INVALID_TYPE", "NOT_FOUND", "INVALID_OPERATION");

  /** A call whose answer was lost: Salesforce may or may not have processed it. */
  static final class OutcomeUnknownException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutcomeUnknownException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final WriteContext ctx;

  CollectionsSender(WriteContext ctx) {
    this.ctx = ctx;
  }

  void send(WriteTarget t, SaveOperation op, List<Write> writes) {
    int size = ctx.config().collectionsBatch();
    for (int from = 0; from < writes.size(); from += size) {
      sendChunk(t, op, writes.subList(from, Math.min(writes.size(), from + size)), 0);
    }
  }

  private void sendChunk(WriteTarget t, SaveOperation op, List<Write> chunk, int attempt) {
    Instant started = ctx.now();
    WriteBatch batch = ctx.record(t, op, WriteTransport.COLLECTIONS, chunk);
    List<SaveRequest> requests = chunk.stream().map(w -> w.request(t.object())).toList();
    List<SaveResult> results;
    try {
      ctx.checkLease();
      results =
          ctx.api(t)
              .save(op, t.object(), requests, op == SaveOperation.UPSERT ? t.upsertField() : null);
    } catch (SalesforceRequestException e) {
      int status = e.salesforceError().httpStatus();
      if (status < 400 || status >= 500) {
        throw new OutcomeUnknownException(
            "the answer to a " + op + " of " + chunk.size() + " " + t.object() + " was unusable",
            e);
      }
      ctx.close(batch);
      refused(t, op, chunk, e, attempt);
      return;
    } catch (RuntimeException e) {
      if (provablyNotProcessed(e)) {
        ctx.release(chunk);
        ctx.close(batch);
        throw e;
      }
      // The call may still be running at Salesforce: the batch stays open and is settled once
      // it cannot be running any more (a lookup for creates, sent again otherwise).
      throw new OutcomeUnknownException(
          "the answer to a " + op + " of " + chunk.size() + " " + t.object() + " was lost", e);
    }
    List<EntryOutcome> outcomes = new ArrayList<>();
    List<Write> again = new ArrayList<>();
    int ok = 0;
    int failed = 0;
    for (int i = 0; i < chunk.size(); i++) {
      Write w = chunk.get(i);
      SaveResult r = results.get(i);
      RecordError err = r.firstError();
      if (r.success() || (op == SaveOperation.DELETE && isDeleted(err))) {
        outcomes.addAll(Outcomes.success(w, r.id()));
        ok++;
      } else if (err != null
          && TRANSIENT.contains(err.statusCode())
          && attempt < ctx.config().recordRetries()) {
        again.add(w);
      } else {
        outcomes.addAll(
            Outcomes.failure(
                w, err != null ? err : new RecordError("UNKNOWN", "refused", List.of())));
        failed++;
      }
    }
    ctx.complete(outcomes);
    ctx.close(batch);
    ctx.events()
        .writeBatchFinished(
            ctx.connection().id(),
            t.table(),
            op,
            WriteTransport.COLLECTIONS,
            chunk.size(),
            ok,
            failed,
            Duration.between(started, ctx.now()));
    SyncLog.salesforceWrite(
        ctx.connection().id(),
        t.object(),
        op,
        chunk.size(),
        Duration.between(started, ctx.now()),
        Map.of("via", "collections", "succeeded", ok, "failed", failed));
    if (!again.isEmpty()) {
      ctx.pause(ctx.config().backoff(attempt + 1));
      sendChunk(t, op, again, attempt + 1);
    }
  }

  /** The whole call was refused: nothing was processed. */
  private void refused(
      WriteTarget t,
      SaveOperation op,
      List<Write> chunk,
      SalesforceRequestException e,
      int attempt) {
    String code = e.salesforceError().errorCode();
    if (chunk.size() > 1 && (code == null || !WHOLE_REQUEST.contains(code))) {
      int half = chunk.size() / 2;
      log.atDebug()
          .addKeyValue("object", t.object())
          .addKeyValue("records", chunk.size())
          .log("call refused ({}); sending halves to find the record", code);
      sendChunk(t, op, chunk.subList(0, half), attempt);
      sendChunk(t, op, chunk.subList(half, chunk.size()), attempt);
      return;
    }
    RecordError err =
        new RecordError(
            code == null ? "REQUEST_REFUSED" : code, e.salesforceError().message(), List.of());
    List<EntryOutcome> outcomes = new ArrayList<>();
    for (Write w : chunk) outcomes.addAll(Outcomes.failure(w, err));
    ctx.complete(outcomes);
  }

  static boolean isDeleted(RecordError err) {
    return err != null && "ENTITY_IS_DELETED".equals(err.statusCode());
  }

  /** Failures that prove Salesforce did not process the call (no duplicate can exist). */
  private static boolean provablyNotProcessed(RuntimeException e) {
    return e instanceof dev.ferry.core.error.SalesforceAuthException
        || e instanceof dev.ferry.core.error.InactiveOrgException
        || e instanceof dev.ferry.core.error.ApiLimitExceededException
        || e instanceof dev.ferry.core.error.DatabaseUnavailableException
        || e instanceof WriteContext.StoppedException;
  }
}

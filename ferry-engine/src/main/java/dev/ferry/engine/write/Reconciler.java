package dev.ferry.engine.write;

import dev.ferry.core.error.SalesforceRequestException;
import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.store.ChangeEntry;
import dev.ferry.core.store.EntryAction;
import dev.ferry.core.store.EntryOutcome;
import dev.ferry.core.store.RowState;
import dev.ferry.core.store.WriteBatch;
import dev.ferry.core.store.WriteTransport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles what writers left in flight before anything is sent again (crash safety), batch by batch
 * from {@code ferry.write_batch}:
 *
 * <ul>
 *   <li>a Bulk job that was recorded: its results are read (waiting for it to finish when it still
 *       runs; aborted when it was never closed) and every row gets its outcome — nothing is sent
 *       twice;
 *   <li>a create through sObject Collections whose answer was lost: the records Ferry's user
 *       created since the call started are looked up by the values sent; found ones are SUCCESS
 *       with their sfid, the rest are sent again;
 *   <li>updates, upserts and deletes (by sfid or upsert field: repeating them leaves the same data)
 *       and a batch whose Bulk job was never created: NEW again, sent again.
 * </ul>
 *
 * A collections batch is settled only once its call cannot be running at Salesforce any more
 * ({@code ferry.write.settle-seconds} after it started); until then its records wait (later changes
 * of the same records are held back by the claim).
 *
 * <p>PENDING entries no batch holds were claimed but never sent: NEW again. Batches of writers that
 * still hold a lease (several writers per connection) are left to them.
 */
final class Reconciler {
  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

  private final WriteContext ctx;
  private final BulkSender bulk;
  private final CreatedLookup lookup;

  Reconciler(WriteContext ctx, BulkSender bulk, CreatedLookup lookup) {
    this.ctx = ctx;
    this.bulk = bulk;
    this.lookup = lookup;
  }

  /** Counts of a reconciliation. */
  record Result(int settled, int released) {}

  /**
   * @param targets the connection's tables the writer can write now (others' batches wait)
   * @param others lease holders of other live writers of the connection
   * @param alone no other writer can hold unbatched PENDING entries (one writer per connection)
   */
  Result reconcile(Map<String, WriteTarget> targets, Set<String> others, boolean alone) {
    Map<Long, ChangeEntry> pending = new LinkedHashMap<>();
    for (ChangeEntry e : ctx.log().stalePending(ctx.now().plusSeconds(1))) pending.put(e.id(), e);
    int settled = 0;
    int released = 0;
    Set<Long> held = new HashSet<>();
    for (WriteBatch b : ctx.batchStore().openBatches(ctx.connection().id())) {
      List<ChangeEntry> entries = new ArrayList<>();
      for (Long id : b.entryIds()) {
        ChangeEntry e = pending.get(id);
        if (e != null) entries.add(e);
      }
      if (others.contains(b.holder())) {
        b.entryIds().forEach(held::add);
        continue;
      }
      if (entries.isEmpty()) {
        ctx.close(b); // its outcomes were stored; only the record was left
        continue;
      }
      WriteTarget t = targets.get(b.tableName());
      boolean mayStillRun =
          b.transport() == WriteTransport.COLLECTIONS
              && b.startedAt().isAfter(ctx.now().minus(ctx.config().settle()));
      if (t == null || mayStillRun) {
        // its mapping cannot be written now, or its call may still land: later
        b.entryIds().forEach(held::add);
        continue;
      }
      Result r = settle(t, b, entries);
      settled += r.settled();
      released += r.released();
      b.entryIds().forEach(held::add);
    }
    List<Long> orphans = new ArrayList<>();
    for (ChangeEntry e : pending.values()) {
      if (held.contains(e.id())) continue;
      // a live writer renews its lease long before this: a claim this old is nobody's
      boolean old =
          e.updatedAt() != null
              && e.updatedAt().isBefore(ctx.now().minus(ctx.config().lease().multipliedBy(3)));
      if (alone || old) orphans.add(e.id());
    }
    if (!orphans.isEmpty()) released += ctx.log().release(orphans);
    if (settled + released > 0) {
      log.atInfo()
          .addKeyValue("connection_name", ctx.connection().name())
          .addKeyValue("settled", settled)
          .addKeyValue("released", released)
          .log("reconciled writes left in flight");
      ctx.events().writesReconciled(ctx.connection().id(), settled, released);
    }
    return new Result(settled, released);
  }

  private Result settle(WriteTarget t, WriteBatch b, List<ChangeEntry> entries) {
    List<Write> writes = rebuild(t, b, entries);
    int total = entries.size();
    if (b.transport() == WriteTransport.BULK) {
      if (b.jobId() == null) {
        ctx.release(writes);
        ctx.close(b);
        return new Result(0, total);
      }
      try {
        bulk.settle(t, b, writes, null, 0);
      } catch (SalesforceRequestException e) {
        if (e.salesforceError().httpStatus() != 404) throw e;
        // the job is gone: its operations are safe to repeat
        ctx.release(writes);
        ctx.close(b);
        return new Result(0, total);
      }
      return new Result(total, 0);
    }
    if (b.operation() != SaveOperation.CREATE) {
      ctx.release(writes);
      ctx.close(b);
      return new Result(0, total);
    }
    Map<Long, String> created = lookup.find(t, writes, b.startedAt());
    List<EntryOutcome> outcomes = new ArrayList<>();
    List<Write> again = new ArrayList<>();
    for (Write w : writes) {
      String sfid = created.get(w.change().carrier().id());
      if (sfid != null) {
        outcomes.addAll(Outcomes.success(w, sfid));
      } else if (!CreatedLookup.recognisable(t, w)) {
        outcomes.addAll(
            Outcomes.failure(
                w,
                new dev.ferry.core.sf.RecordError(
                    "FERRY_OUTCOME_UNKNOWN",
                    "the answer to this create was lost and the record carries no value to find"
                        + " it by; check Salesforce, then retry the entry",
                    List.of())));
      } else {
        again.add(w);
      }
    }
    ctx.complete(outcomes);
    ctx.release(again);
    ctx.close(b);
    return new Result(writes.size() - again.size(), again.size());
  }

  /** The writes the batch sent, rebuilt from its entries exactly as they were sent. */
  private List<Write> rebuild(WriteTarget t, WriteBatch b, List<ChangeEntry> entries) {
    Map<Integer, List<ChangeEntry>> byRecord = new LinkedHashMap<>();
    entries.stream()
        .sorted(Comparator.comparingLong(ChangeEntry::id))
        .forEach(e -> byRecord.computeIfAbsent(e.recordId(), k -> new ArrayList<>()).add(e));
    Map<Integer, RowState> rows = ctx.log().rowStates(t.table(), byRecord.keySet());
    List<Write> writes = new ArrayList<>();
    for (List<ChangeEntry> record : byRecord.values()) {
      for (Change c : Fold.fold(record).changes()) {
        writes.add(asSent(t, b.operation(), c, rows.get(c.recordId())));
      }
    }
    return writes;
  }

  private static Write asSent(WriteTarget t, SaveOperation op, Change c, @Nullable RowState row) {
    String sfid = c.capturedSfid() != null ? c.capturedSfid() : row == null ? null : row.sfid();
    Map<String, @Nullable String> whole =
        c.action() == EntryAction.INSERT ? c.values() : c.wholeRow();
    return switch (op) {
      case CREATE -> new Write(c, op, null, RecordFields.forInsert(t, whole), null, "INSERTED");
      case UPSERT ->
          new Write(
              c,
              op,
              null,
              RecordFields.forInsert(t, whole),
              RecordFields.upsertValue(t, whole),
              "INSERTED");
      case UPDATE ->
          new Write(
              c,
              op,
              sfid,
              RecordFields.forUpdate(t, c.values()),
              sfid,
              c.action() == EntryAction.INSERT ? "INSERTED" : "UPDATED");
      case DELETE -> new Write(c, op, sfid, Map.of(), sfid, "DELETED");
    };
  }
}

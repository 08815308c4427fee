package dev.ferry.engine.write;

import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.store.ChangeEntry;
import dev.ferry.core.store.RowState;
import java.util.List;
import java.util.Map;

/**
 * Writes one claim of entries: plans the runs (Ordered or Merged Writes), and per run decides what
 * each change becomes against the rows as they are now, then sends each operation's group through
 * Bulk API 2.0 (large groups) or sObject Collections. Runs go strictly one after another, so a
 * record's changes reach Salesforce in capture order.
 */
final class WriteCycle {
  private final WriteContext ctx;
  private final Map<String, WriteTarget> targets;
  private final boolean merged;
  private final boolean bulkAllowed;
  private final CollectionsSender collections;
  private final BulkSender bulk;

  WriteCycle(
      WriteContext ctx,
      Map<String, WriteTarget> targets,
      boolean merged,
      boolean bulkAllowed,
      CollectionsSender collections,
      BulkSender bulk) {
    this.ctx = ctx;
    this.targets = targets;
    this.merged = merged;
    this.bulkAllowed = bulkAllowed;
    this.collections = collections;
    this.bulk = bulk;
  }

  void write(List<ChangeEntry> entries) {
    Planner.Plan plan = merged ? Planner.merged(entries) : Planner.ordered(entries);
    ctx.complete(
        Outcomes.merged(plan.vanished(), "inserted and deleted before it was written: nothing"));
    for (Planner.Run run : plan.runs()) {
      if (ctx.stopping()) throw new WriteContext.StoppedException("stopped between runs");
      WriteTarget t = targets.get(run.table());
      if (t == null) {
        throw new IllegalStateException("claimed an entry of " + run.table() + ", not writable");
      }
      Map<Integer, RowState> rows =
          ctx.log().rowStates(t.table(), run.changes().stream().map(Change::recordId).toList());
      Resolver.Resolution r = Resolver.resolve(t, run.changes(), rows, merged);
      ctx.complete(r.settled());
      for (Map.Entry<SaveOperation, List<Write>> group : r.writes().entrySet()) {
        send(t, group.getKey(), group.getValue());
      }
    }
  }

  private void send(WriteTarget t, SaveOperation op, List<Write> writes) {
    if (bulkAllowed && BulkSender.carries(op) && writes.size() >= ctx.config().bulkThreshold()) {
      bulk.send(t, op, writes);
    } else {
      collections.send(t, op, writes);
    }
  }
}

package dev.ferry.engine.read;

import dev.ferry.core.soql.Condition;
import dev.ferry.engine.lifecycle.SyncLog;
import dev.ferry.engine.plan.MappingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * RESOLVE_EXTERNAL_IDS / POLL_EXTERNAL_IDS: after a Bulk read (which selects only the object's own
 * fields) fills the relationship external-id columns ({@code account__external_id__c} from {@code
 * Account.External_Id__c}) of the records in the same window that have a parent. The records are
 * merged with their unchanged change stamp, so only those columns change; a record modified since
 * has a newer stamp, lies outside the window and is read whole by the next poll.
 */
public final class ExternalIdResolver {
  private final ReadContext w;

  public ExternalIdResolver(ReadContext w) {
    this.w = w;
  }

  /** Resolves the window; the caller holds a bulk slot in case the read is large. */
  public long resolve(Window window) {
    MappingModel m = w.model();
    if (!m.hasRelationshipColumns()) return 0;
    Condition hasParent = ReadQueries.hasParent(m);
    List<String> paths = new ArrayList<>();
    paths.add("Id");
    paths.add(m.modstampField());
    paths.addAll(m.relationshipPaths());
    w.check();
    long count = w.api().count(ReadQueries.count(m, window, hasParent), false);
    long rows;
    try (LazyBatch batch = new LazyBatch(w)) {
      if (count == 0) {
        rows = 0;
      } else if (count <= w.config().largeQueryThreshold()) {
        rows =
            RestReader.into(w, batch::add, ReadQueries.select(m, paths, window, hasParent), false);
      } else {
        rows =
            new BulkReader(w)
                .read(
                    window,
                    win -> ReadQueries.select(m, paths, win, hasParent),
                    false,
                    BulkReader.Phase.QUIET,
                    page -> page.forEachRemaining(batch::add));
      }
      batch.commit(null);
    }
    SyncLog.sync(w.mapping(), "Resolved External IDs of " + rows + " " + m.objectName() + " rows");
    return rows;
  }
}

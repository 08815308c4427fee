package dev.ferry.engine.read;

import dev.ferry.core.error.RetriableException;
import dev.ferry.core.sf.RecordStream;
import dev.ferry.core.soql.Condition;
import dev.ferry.core.soql.Soql;
import dev.ferry.core.store.DeleteResult;
import dev.ferry.engine.lifecycle.SyncLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The end of a reload into a table that had rows: removes the rows whose records Salesforce no
 * longer has. The rows the reload did not read are only candidates (a record changed after the
 * reload's window was not read but still exists), so they are asked for by Id, a few hundred per
 * query, and only those Salesforce does not return are removed (or flagged, with {@code
 * DeleteMode.FLAG}), one transaction per query. Rows an application foreign key still refers to
 * stay ({@code TableSink.delete}).
 */
final class ReloadSweep {
  /** Ids per query: 200 ids keep the query URL well under Salesforce's limit. */
  static final int IDS_PER_QUERY = 200;

  private static final int CANDIDATES_PER_READ = 2000;

  private final ReadContext w;

  ReloadSweep(ReadContext w) {
    this.w = w;
  }

  /**
   * Returns the rows removed. {@code rowsNoted} is how many rows the reload's batches committed:
   * fewer notes than that means the (unlogged) notes were lost, and the reload starts again rather
   * than remove rows it did read.
   */
  long sweep(long rowsNoted) {
    long noted = w.sink().noted(w.target());
    if (noted < rowsNoted) {
      throw new RetriableException(
          "the reload of "
              + w.model().spec().tableName()
              + " lost track of the records it read ("
              + noted
              + " of "
              + rowsNoted
              + " noted; was the database restarted?): reloading again");
    }
    long t0 = System.nanoTime();
    long removed = 0;
    String after = null;
    while (true) {
      w.check();
      List<String> candidates = w.sink().unread(w.target(), after, CANDIDATES_PER_READ);
      if (candidates.isEmpty()) break;
      for (int from = 0; from < candidates.size(); from += IDS_PER_QUERY) {
        List<String> chunk =
            candidates.subList(from, Math.min(candidates.size(), from + IDS_PER_QUERY));
        List<String> gone = gone(chunk);
        if (!gone.isEmpty()) {
          w.check();
          DeleteResult r = w.sink().delete(w.target(), gone, null);
          removed += r.affected();
        }
      }
      after = candidates.get(candidates.size() - 1);
    }
    if (removed > 0) {
      SyncLog.database(w.mapping(), "DELETE", removed, Duration.ofNanos(System.nanoTime() - t0));
      w.events().deletesApplied(w.mapping().id(), removed);
    }
    return removed;
  }

  /** The ids of {@code ids} whose records Salesforce does not return (deleted or purged). */
  private List<String> gone(List<String> ids) {
    Soql soql =
        Soql.select("Id").from(w.model().objectName()).where(Condition.in("Id", ids)).build();
    Set<String> found = new HashSet<>();
    try (RecordStream records = w.api().query(soql, false)) {
      while (records.hasNext()) found.add(records.next().get("Id"));
    }
    List<String> gone = new ArrayList<>();
    for (String id : ids) if (!found.contains(id)) gone.add(id);
    return gone;
  }
}

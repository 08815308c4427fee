package dev.ferry.engine.read;

import dev.ferry.core.model.ColumnSpec;
import dev.ferry.engine.cluster.Slots;
import dev.ferry.engine.lifecycle.SyncLog;
import dev.ferry.engine.plan.MappingModel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * RESYNC: fills columns added to a mapping for every row already in the table, reading {@code Id},
 * the change stamp and the new fields of everything stamped before now (REST or Bulk by COUNT) and
 * merging them with their unchanged stamps, so only the new columns change. Rows changed since are
 * read whole by the next poll. One transaction: an abort leaves the columns empty, not half-filled.
 */
public final class ColumnBackfill {
  private final ReadContext w;

  public ColumnBackfill(ReadContext w) {
    this.w = w;
  }

  public long backfill(List<ColumnSpec> columns) {
    MappingModel m = w.model();
    Set<String> paths = new LinkedHashSet<>();
    paths.add("Id");
    paths.add(m.modstampField());
    for (ColumnSpec c : columns) if (c.isSynced()) paths.add(c.sourcePath());
    if (paths.size() == 2) return 0;
    List<String> select = new ArrayList<>(paths);
    Window window = Window.until(w.now().minus(w.config().safetyLag()));
    long count = w.api().count(ReadQueries.count(m, window, null), false);
    long rows;
    try (LazyBatch batch = new LazyBatch(w)) {
      if (count == 0) {
        rows = 0;
      } else if (m.restOnly() || count <= w.config().largeQueryThreshold()) {
        rows = RestReader.into(w, batch::add, ReadQueries.select(m, select, window, null), false);
      } else {
        try (Slots.Hold slot = w.acquireBulkSlot("resync " + m.objectName())) {
          rows =
              new BulkReader(w)
                  .read(
                      window,
                      win -> ReadQueries.select(m, select, win, null),
                      false,
                      BulkReader.Phase.QUIET,
                      page -> page.forEachRemaining(batch::add));
        } finally {
          w.holdBulkSlot(null);
        }
      }
      batch.commit(null);
    }
    SyncLog.sync(w.mapping(), "Loaded new columns of " + rows + " " + m.objectName() + " rows");
    return rows;
  }
}

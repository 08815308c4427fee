package dev.ferry.engine.write;

import dev.ferry.core.store.ChangeEntry;
import dev.ferry.core.store.EntryAction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns claimed entries (in capture order) into runs: groups of changes of one table and one
 * captured action, each record at most once per run, sent together.
 *
 * <ul>
 *   <li><b>Ordered Writes</b> (Heroku Connect's default, {@code poll_db_no_merge}): every entry is
 *       a change of its own and runs keep capture order; consecutive entries of the same table and
 *       action share a run, so alternating actions make small runs.
 *   <li><b>Merged Writes</b>: each record's entries fold into one change ({@link Fold}); runs are
 *       then as large as possible: every DELETE run first, then INSERT runs, then UPDATE runs (a
 *       record deleted and re-inserted under the same row id is deleted before it is inserted; a
 *       child inserted with its parent's external id follows its parent's INSERT run when the
 *       parent's table was written first), each category in order of first capture.
 * </ul>
 */
final class Planner {
  private Planner() {}

  record Run(String table, EntryAction action, List<Change> changes) {
    Run {
      changes = List.copyOf(changes);
    }

    int size() {
      return changes.size();
    }
  }

  /** The runs, and (Merged Writes) entries that folded into nothing. */
  record Plan(List<Run> runs, List<ChangeEntry> vanished) {}

  static Plan ordered(List<ChangeEntry> entries) {
    List<Run> runs = new ArrayList<>();
    List<Change> current = new ArrayList<>();
    Set<Integer> records = new HashSet<>();
    String table = null;
    EntryAction action = null;
    for (ChangeEntry e : entries) {
      boolean joins =
          e.tableName().equals(table) && e.action() == action && !records.contains(e.recordId());
      if (!joins && !current.isEmpty()) {
        runs.add(new Run(table, action, current));
        current = new ArrayList<>();
        records.clear();
      }
      table = e.tableName();
      action = e.action();
      current.add(Change.of(e));
      records.add(e.recordId());
    }
    if (!current.isEmpty()) runs.add(new Run(table, action, current));
    return new Plan(runs, List.of());
  }

  static Plan merged(List<ChangeEntry> entries) {
    Map<String, List<ChangeEntry>> byRecord = new LinkedHashMap<>();
    for (ChangeEntry e : entries) {
      byRecord.computeIfAbsent(e.tableName() + "#" + e.recordId(), k -> new ArrayList<>()).add(e);
    }
    Map<String, List<Change>> buckets = new LinkedHashMap<>();
    List<ChangeEntry> vanished = new ArrayList<>();
    for (List<ChangeEntry> record : byRecord.values()) {
      Fold.Folded f = Fold.fold(record);
      vanished.addAll(f.vanished());
      for (Change c : f.changes()) {
        buckets.computeIfAbsent(c.action() + "#" + c.table(), k -> new ArrayList<>()).add(c);
      }
    }
    List<Run> runs = new ArrayList<>();
    for (EntryAction category :
        List.of(EntryAction.DELETE, EntryAction.INSERT, EntryAction.UPDATE)) {
      List<Run> inCategory = new ArrayList<>();
      for (List<Change> bucket : buckets.values()) {
        if (bucket.get(0).action() != category) continue;
        List<Change> sorted = new ArrayList<>(bucket);
        sorted.sort(Comparator.comparingLong(Change::firstEntryId));
        inCategory.add(new Run(sorted.get(0).table(), category, sorted));
      }
      inCategory.sort(Comparator.comparingLong(r -> r.changes().get(0).firstEntryId()));
      runs.addAll(inCategory);
    }
    return new Plan(runs, vanished);
  }
}

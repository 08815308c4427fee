package dev.ferry.engine.write;

import dev.ferry.core.store.ChangeEntry;
import dev.ferry.core.store.EntryAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Merged Writes' collapse of one record's entries (in capture order) into the fewest changes that
 * leave Salesforce in the same final state. The table is in {@code docs/write-path.md}:
 *
 * <pre>
 * INSERT + UPDATE  → INSERT (values overlaid)       UPDATE + UPDATE → UPDATE (columns overlaid)
 * INSERT + DELETE  → DELETE when the DELETE knows the record's sfid, else nothing
 * UPDATE + DELETE  → DELETE                          DELETE + INSERT → DELETE, then INSERT
 * INSERT + INSERT  → INSERT (the later snapshot)     UPDATE + INSERT → INSERT of the whole row
 * DELETE + UPDATE  → DELETE                          DELETE + DELETE → DELETE
 * </pre>
 *
 * (A DELETE of a row that never reached Salesforce is captured as IGNORE and never claimed; its
 * INSERT then finds the row gone when it is about to be sent, and also becomes nothing.)
 */
final class Fold {
  private Fold() {}

  /** The result: changes to send in order (at most two), and entries that fold into nothing. */
  record Folded(List<Change> changes, List<ChangeEntry> vanished) {}

  static Folded fold(List<ChangeEntry> entries) {
    Change deleted = null; // a DELETE that must happen before a re-insert of the same row id
    Change cur = null;
    List<ChangeEntry> vanished = new ArrayList<>();
    for (ChangeEntry e : entries) {
      if (cur == null) {
        cur = Change.of(e);
        continue;
      }
      cur =
          switch (e.action()) {
            case INSERT ->
                switch (cur.action()) {
                  case INSERT -> with(cur, EntryAction.INSERT, e.values(), Map.of(), cur.sfid(), e);
                  case UPDATE ->
                      with(cur, EntryAction.INSERT, cur.wholeRow(), e.values(), cur.sfid(), e);
                  case DELETE -> {
                    deleted = cur;
                    yield Change.of(e);
                  }
                };
            case UPDATE ->
                switch (cur.action()) {
                  case INSERT -> with(cur, EntryAction.INSERT, cur.values(), e.values(), null, e);
                  case UPDATE ->
                      new Change(
                          cur.table(),
                          cur.recordId(),
                          EntryAction.UPDATE,
                          overlay(cur.values(), e.values()),
                          cur.old().isEmpty() ? e.old() : cur.old(),
                          cur.sfid() != null ? cur.sfid() : e.sfid(),
                          append(cur.entries(), e));
                  case DELETE -> with(cur, EntryAction.DELETE, Map.of(), Map.of(), cur.sfid(), e);
                };
            case DELETE -> {
              String sfid = e.sfid() != null ? e.sfid() : cur.sfid();
              if (cur.action() == EntryAction.INSERT && sfid == null) {
                vanished.addAll(cur.entries());
                vanished.add(e);
                yield null;
              }
              yield new Change(
                  cur.table(),
                  cur.recordId(),
                  EntryAction.DELETE,
                  Map.of(),
                  Map.of(),
                  sfid,
                  append(cur.entries(), e));
            }
          };
      if (cur == null && deleted != null) {
        // DELETE, INSERT, DELETE of the same row id: the first DELETE still has to happen
        cur = deleted;
        deleted = null;
      }
    }
    List<Change> out = new ArrayList<>(2);
    if (deleted != null) out.add(deleted);
    if (cur != null) out.add(cur);
    return new Folded(out, vanished);
  }

  private static Change with(
      Change cur,
      EntryAction action,
      Map<String, @Nullable String> base,
      Map<String, @Nullable String> over,
      @Nullable String sfid,
      ChangeEntry e) {
    return new Change(
        cur.table(),
        cur.recordId(),
        action,
        overlay(base, over),
        Map.of(),
        sfid != null ? sfid : cur.sfid(),
        append(cur.entries(), e));
  }

  private static Map<String, @Nullable String> overlay(
      Map<String, @Nullable String> base, Map<String, @Nullable String> over) {
    Map<String, @Nullable String> m = new LinkedHashMap<>(base);
    m.putAll(over);
    return m;
  }

  private static List<ChangeEntry> append(List<ChangeEntry> entries, ChangeEntry e) {
    List<ChangeEntry> out = new ArrayList<>(entries);
    out.add(e);
    return out;
  }
}

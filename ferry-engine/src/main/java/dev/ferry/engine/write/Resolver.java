package dev.ferry.engine.write;

import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.store.EntryAction;
import dev.ferry.core.store.EntryOutcome;
import dev.ferry.core.store.EntryState;
import dev.ferry.core.store.RowState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decides, just before sending, what each change becomes in Salesforce, from the row as it is now
 * (whether it still exists, its sfid). The table is in {@code docs/write-path.md}:
 *
 * <ul>
 *   <li>INSERT: row gone → nothing; sfid known (a re-captured row) → UPDATE of every column; else
 *       UPSERT on the upsert field when the row has a value for it, else CREATE.
 *   <li>UPDATE: sfid known → UPDATE of the changed columns (none writable → nothing, row SYNCED);
 *       no sfid (its INSERT failed) → sent as an INSERT of the whole row as captured; row gone and
 *       no sfid → nothing.
 *   <li>DELETE: DELETE by sfid.
 * </ul>
 */
final class Resolver {
  private Resolver() {}

  /** Writes to send (grouped by operation, in run order) and outcomes of changes not sent. */
  record Resolution(Map<SaveOperation, List<Write>> writes, List<EntryOutcome> settled) {}

  static Resolution resolve(
      WriteTarget t, List<Change> changes, Map<Integer, RowState> rows, boolean merged) {
    Map<SaveOperation, List<Write>> writes = new LinkedHashMap<>();
    List<EntryOutcome> settled = new ArrayList<>();
    for (Change c : changes) {
      RowState row = rows.getOrDefault(c.recordId(), new RowState(c.recordId(), false, null));
      try {
        Write w = resolve(t, c, row);
        if (w == null) {
          settled.addAll(nothing(c, row, merged));
        } else {
          writes.computeIfAbsent(w.op(), k -> new ArrayList<>()).add(w);
        }
      } catch (SfValues.InvalidValueException e) {
        settled.addAll(Outcomes.notSent(c, EntryState.FAILED, e.getMessage(), null));
      }
    }
    return new Resolution(writes, settled);
  }

  /** The write for one change, or null when nothing is to be sent. */
  static @Nullable Write resolve(WriteTarget t, Change c, RowState row) {
    String known = c.capturedSfid() != null ? c.capturedSfid() : row.sfid();
    return switch (c.action()) {
      case DELETE -> {
        String sfid = c.sfid() != null ? c.sfid() : row.sfid();
        yield sfid == null
            ? null
            : new Write(c, SaveOperation.DELETE, sfid, Map.of(), sfid, "DELETED");
      }
      case INSERT -> {
        if (!row.present()) yield null;
        if (known != null) {
          yield new Write(
              c,
              SaveOperation.UPDATE,
              known,
              RecordFields.forUpdate(t, c.values()),
              known,
              "INSERTED");
        }
        yield insert(t, c, c.values());
      }
      case UPDATE -> {
        if (known != null) {
          Map<String, @Nullable Object> fields = RecordFields.forUpdate(t, c.values());
          yield fields.isEmpty()
              ? null
              : new Write(c, SaveOperation.UPDATE, known, fields, known, "UPDATED");
        }
        yield row.present() ? insert(t, c, c.wholeRow()) : null;
      }
    };
  }

  private static Write insert(WriteTarget t, Change c, Map<String, @Nullable String> row) {
    Map<String, @Nullable Object> fields = RecordFields.forInsert(t, row);
    String upsert = RecordFields.upsertValue(t, row);
    if (upsert != null) {
      return new Write(c, SaveOperation.UPSERT, null, fields, upsert, "INSERTED");
    }
    return new Write(c, SaveOperation.CREATE, null, fields, null, "INSERTED");
  }

  private static List<EntryOutcome> nothing(Change c, RowState row, boolean merged) {
    if (c.action() == EntryAction.UPDATE && row.present()) {
      // only columns Salesforce does not take changed (e.g. sfid, systemmodstamp): in sync
      return Outcomes.notSent(
          c, EntryState.IGNORED, "no column Salesforce can update changed", "SYNCED");
    }
    if (c.action() == EntryAction.DELETE) {
      return Outcomes.notSent(c, EntryState.IGNORED, "the record never reached Salesforce", null);
    }
    String why = "the row was deleted before this change was written";
    return merged && c.action() == EntryAction.INSERT
        ? Outcomes.merged(c.entries(), why + " (INSERT + DELETE)")
        : Outcomes.notSent(c, EntryState.IGNORED, why, null);
  }
}

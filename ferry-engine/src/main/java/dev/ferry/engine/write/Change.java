package dev.ferry.engine.write;

import dev.ferry.core.store.ChangeEntry;
import dev.ferry.core.store.EntryAction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What to write for one record: one trigger-log entry (Ordered Writes) or several folded into one
 * (Merged Writes). The last entry carries the outcome; the others end MERGED.
 *
 * @param values INSERT: the whole row; UPDATE: the changed columns
 * @param old UPDATE: the row before the first folded change (may be empty for re-captures)
 * @param sfid the record's Salesforce id as captured, if any
 * @param entries the entries this change stands for, in capture order (never empty)
 */
record Change(
    String table,
    int recordId,
    EntryAction action,
    Map<String, @Nullable String> values,
    Map<String, @Nullable String> old,
    @Nullable String sfid,
    List<ChangeEntry> entries) {

  Change {
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    old = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(old));
    entries = List.copyOf(entries);
    if (entries.isEmpty()) throw new IllegalArgumentException("a change needs an entry");
  }

  /** One entry as it was captured. */
  static Change of(ChangeEntry e) {
    return new Change(
        e.tableName(), e.recordId(), e.action(), e.values(), e.old(), e.sfid(), List.of(e));
  }

  /** The entry that receives the outcome. */
  ChangeEntry carrier() {
    return entries.get(entries.size() - 1);
  }

  long firstEntryId() {
    return entries.get(0).id();
  }

  /** The row as this change last saw it: old columns overlaid with the new values. */
  Map<String, @Nullable String> wholeRow() {
    Map<String, @Nullable String> row = new LinkedHashMap<>(old);
    row.putAll(values);
    return row;
  }

  /** The sfid the captured values themselves carry (a re-captured row), else {@link #sfid}. */
  @Nullable String capturedSfid() {
    if (sfid != null) return sfid;
    String v = values.get("sfid");
    return v == null || v.isEmpty() ? null : v;
  }
}

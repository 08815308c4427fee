package dev.ferry.engine.write;

import dev.ferry.core.sf.ExternalRef;
import dev.ferry.core.sf.SfValueText;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Salesforce fields of a change: which columns go out on insert and on update, typed by the
 * describe. A relationship external-id column goes out as a nested reference ({@code "Account":
 * {"External_Id__c": "X"}}) unless the lookup field itself has a value, so a parent and its child
 * can be inserted together without waiting for the parent's sfid.
 */
final class RecordFields {
  private RecordFields() {}

  /** Insert: every createable column with a value (nulls leave Salesforce's defaults). */
  static Map<String, @Nullable Object> forInsert(WriteTarget t, Map<String, @Nullable String> row) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    Map<String, ExternalRef> refs = new LinkedHashMap<>();
    for (WriteTarget.Column c : t.columns()) {
      if (!c.field().createable()) continue;
      String text = row.get(c.name());
      if (text == null || text.isEmpty()) continue;
      if (c.isRelationship()) {
        refs.put(c.field().name(), ref(c, text));
      } else {
        Object v = value(c, text);
        if (v != null) out.put(c.field().name(), v);
      }
    }
    addRefs(out, refs);
    return out;
  }

  /**
   * Update: the given columns that are updateable; a null clears the field. A relationship column
   * set to null is not sent (it cannot name "no parent"; clear the lookup column instead).
   */
  static Map<String, @Nullable Object> forUpdate(
      WriteTarget t, Map<String, @Nullable String> changed) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    Map<String, ExternalRef> refs = new LinkedHashMap<>();
    for (Map.Entry<String, @Nullable String> e : changed.entrySet()) {
      WriteTarget.Column c = t.column(e.getKey());
      if (c == null || !c.field().updateable()) continue;
      String text = e.getValue();
      if (c.isRelationship()) {
        if (text != null && !text.isEmpty()) {
          refs.put(c.field().name(), ref(c, text));
        }
      } else {
        out.put(c.field().name(), value(c, text));
      }
    }
    addRefs(out, refs);
    return out;
  }

  /** The upsert field's value of a row, as sent (null when the mapping has none or it is empty). */
  static @Nullable String upsertValue(WriteTarget t, Map<String, @Nullable String> row) {
    WriteTarget.Column c = t.upsertColumn();
    if (c == null) return null;
    Object v = value(c, row.get(c.name()));
    return v == null ? null : SfValueText.of(c.field().name(), v);
  }

  private static void addRefs(Map<String, @Nullable Object> out, Map<String, ExternalRef> refs) {
    for (Map.Entry<String, ExternalRef> r : refs.entrySet()) {
      // the lookup's own id wins when both are known
      if (out.get(r.getKey()) != null) continue;
      out.remove(r.getKey());
      ExternalRef ref = r.getValue();
      out.put(ref.column(), ref);
    }
  }

  /** The nested reference of a relationship column (typed for a polymorphic lookup). */
  private static ExternalRef ref(WriteTarget.Column c, String text) {
    if (c.referenceProblem() != null) {
      throw new SfValues.InvalidValueException(c.name(), c.referenceProblem());
    }
    return new ExternalRef(c.relationship(), c.externalIdField(), text, c.parentType());
  }

  private static @Nullable Object value(WriteTarget.Column c, @Nullable String text) {
    return SfValues.convert(c.name(), c.spec().type().kind(), c.field().type(), text);
  }
}

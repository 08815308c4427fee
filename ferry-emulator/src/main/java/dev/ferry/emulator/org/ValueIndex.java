package dev.ferry.emulator.org;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Value → record ids for one field (unique and external-id fields), so upserts, relationship
 * resolution and DUPLICATE_VALUE checks do not scan. Text is compared case-insensitively unless the
 * field is case-sensitive, as Salesforce does.
 */
final class ValueIndex {
  private final boolean caseSensitive;

  /** Key → the single id, or a List of ids when several records share the value. */
  private final Map<Object, Object> entries = new HashMap<>();

  ValueIndex(FieldDef field) {
    this.caseSensitive = field.caseSensitive();
  }

  @Nullable Object key(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      return caseSensitive ? s : s.toLowerCase(Locale.ROOT);
    }
    if (value instanceof BigDecimal b) {
      return b.stripTrailingZeros();
    }
    if (value instanceof Number n) {
      return new BigDecimal(n.toString()).stripTrailingZeros();
    }
    return value;
  }

  void add(@Nullable Object value, String id) {
    Object k = key(value);
    if (k == null) {
      return;
    }
    Object existing = entries.get(k);
    if (existing == null) {
      entries.put(k, id);
    } else if (existing instanceof String s) {
      if (!s.equals(id)) {
        List<String> ids = new ArrayList<>(2);
        ids.add(s);
        ids.add(id);
        entries.put(k, ids);
      }
    } else {
      @SuppressWarnings("unchecked")
      List<String> ids = (List<String>) existing;
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
  }

  void remove(@Nullable Object value, String id) {
    Object k = key(value);
    if (k == null) {
      return;
    }
    Object existing = entries.get(k);
    if (existing instanceof String s) {
      if (s.equals(id)) {
        entries.remove(k);
      }
    } else if (existing != null) {
      @SuppressWarnings("unchecked")
      List<String> ids = (List<String>) existing;
      ids.remove(id);
      if (ids.size() == 1) {
        entries.put(k, ids.get(0));
      } else if (ids.isEmpty()) {
        entries.remove(k);
      }
    }
  }

  List<String> find(@Nullable Object value) {
    Object k = key(value);
    if (k == null) {
      return List.of();
    }
    Object existing = entries.get(k);
    if (existing == null) {
      return List.of();
    }
    if (existing instanceof String s) {
      return List.of(s);
    }
    @SuppressWarnings("unchecked")
    List<String> ids = (List<String>) existing;
    return List.copyOf(ids);
  }
}

package dev.ferry.emulator.soql;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads one value of a resolved field path from a row. Fields are resolved once, before any row is
 * read; a parent hop costs one {@link SoqlData#byId} lookup.
 */
@FunctionalInterface
interface Reader {
  @Nullable Object read(SoqlRow row);

  /** A field of the row itself. An unset checkbox reads as false, as Salesforce returns it. */
  static Reader field(SoqlField field) {
    if (field.type() == SoqlType.BOOLEAN) {
      return row -> {
        Object value = row.get(field);
        return value == null ? Boolean.FALSE : value;
      };
    }
    return row -> row.get(field);
  }

  /** The concrete sObject type of the row (the {@code Type} of a polymorphic parent). */
  static Reader objectType() {
    return SoqlRow::objectName;
  }

  static Reader nothing() {
    return row -> null;
  }

  /** Follows a lookup to its parent row, then reads from the parent. */
  static Reader hop(SoqlField reference, SoqlData data, Reader next) {
    return row -> {
      SoqlRow parent = parent(row, reference, data);
      return parent == null ? null : next.read(parent);
    };
  }

  /**
   * Follows a polymorphic lookup; the rest of the path is resolved against the parent's actual
   * type, once per type.
   */
  static Reader polymorphicHop(
      SoqlField reference, SoqlData data, Function<String, Reader> byType) {
    Map<String, Reader> cache = new ConcurrentHashMap<>();
    return row -> {
      SoqlRow parent = parent(row, reference, data);
      if (parent == null) return null;
      return cache.computeIfAbsent(parent.objectName(), byType).read(parent);
    };
  }

  static @Nullable SoqlRow parent(SoqlRow row, SoqlField reference, SoqlData data) {
    Object id = row.get(reference);
    if (id == null) return null;
    String text = id.toString();
    if (text.isEmpty()) return null;
    Optional<? extends SoqlRow> parent = data.byId(text);
    return parent.isPresent() ? parent.get() : null;
  }

  /** Reads a list of readers into a fresh list (a flat row). */
  static List<@Nullable Object> readAll(List<Reader> readers, SoqlRow row) {
    Object[] values = new Object[readers.size()];
    for (int i = 0; i < values.length; i++) values[i] = readers.get(i).read(row);
    return java.util.Arrays.asList(values);
  }
}

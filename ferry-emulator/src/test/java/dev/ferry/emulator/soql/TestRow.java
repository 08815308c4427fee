package dev.ferry.emulator.soql;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A stored record for tests: values by canonical field name. */
final class TestRow implements SoqlRow {
  private final String id;
  private final String objectName;
  private final Map<String, Object> values = new HashMap<>();
  private boolean deleted;

  TestRow(String id, String objectName) {
    this.id = id;
    this.objectName = objectName;
    values.put("Id", id);
  }

  TestRow set(String field, @Nullable Object value) {
    values.put(field, value);
    return this;
  }

  TestRow deleted(boolean isDeleted) {
    this.deleted = isDeleted;
    values.put("IsDeleted", isDeleted);
    return this;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String objectName() {
    return objectName;
  }

  @Override
  public boolean isDeleted() {
    return deleted;
  }

  @Override
  public @Nullable Object get(SoqlField field) {
    return values.get(field.name());
  }

  @Override
  public String toString() {
    return objectName + values;
  }
}

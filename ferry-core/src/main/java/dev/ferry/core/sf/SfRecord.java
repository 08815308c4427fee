package dev.ferry.core.sf;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One Salesforce record as text, the way both REST and Bulk deliver it to Ferry. Values are in
 * Salesforce's canonical text form whatever API produced them: datetimes as ISO-8601 UTC ({@code
 * 2024-01-02T03:04:05.000Z}), dates {@code 2024-01-02}, booleans {@code true}/{@code false},
 * numbers in plain decimal form, parent relationship values flattened to dotted paths. {@code null}
 * means null (Salesforce has no empty string).
 */
public final class SfRecord {
  private final RecordHeader header;
  private final @Nullable String[] values;

  public SfRecord(RecordHeader header, @Nullable String[] values) {
    if (values.length != header.size()) {
      throw new IllegalArgumentException(
          "record has " + values.length + " values for " + header.size() + " columns " + header);
    }
    this.header = header;
    this.values = values;
  }

  public RecordHeader header() {
    return header;
  }

  /** The value of a column (case-insensitive); null when absent or null. */
  public @Nullable String get(String field) {
    int i = header.indexOf(field);
    return i < 0 ? null : values[i];
  }

  public @Nullable String get(int index) {
    return values[index];
  }

  public boolean has(String field) {
    return header.indexOf(field) >= 0;
  }

  public @Nullable String id() {
    return get("Id");
  }

  /** The raw value array; callers must not modify it. */
  public @Nullable String[] values() {
    return values;
  }

  public Map<String, @Nullable String> asMap() {
    Map<String, @Nullable String> m = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) m.put(header.names().get(i), values[i]);
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SfRecord r && r.header.equals(header) && Arrays.equals(r.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * header.hashCode() + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return asMap().toString();
  }
}

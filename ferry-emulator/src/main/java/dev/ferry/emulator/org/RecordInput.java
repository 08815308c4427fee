package dev.ferry.emulator.org;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Field values sent by a client for one record, before validation. Keys are field or relationship
 * names as sent (any case). Values: String, Boolean, BigDecimal, null (set to null), or a Map for a
 * relationship by external id ({@code {"External_Id__c": "X"}}, optionally with {@code
 * "attributes": {"type": "Account"}}).
 *
 * @param fromCsv true for Bulk CSV input: every value is text
 */
public record RecordInput(LinkedHashMap<String, @Nullable Object> values, boolean fromCsv) {
  public static RecordInput json(Map<String, @Nullable Object> values) {
    return new RecordInput(new LinkedHashMap<>(values), false);
  }

  public static RecordInput csv(LinkedHashMap<String, @Nullable Object> values) {
    return new RecordInput(values, true);
  }
}

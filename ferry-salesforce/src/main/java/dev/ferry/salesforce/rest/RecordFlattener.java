package dev.ferry.salesforce.rest;

import dev.ferry.salesforce.wire.CanonicalText;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Flattens one REST record into dotted paths with canonical text values: parent relationships
 * ({@code "Account": {"attributes": ..., "Name": "Acme"}}) become {@code Account.Name}; compound
 * address and location values read as null (their components are fields of their own); child
 * subquery results are dropped. Numbers lose trailing fractional zeros ({@code 1500.0} → {@code
 * 1500}), so a value reads the same whatever the field's scale.
 */
final class RecordFlattener {
  /** One flattened value; {@code compound} marks an address/location value that was skipped. */
  record Cell(String path, @Nullable String value, boolean compound) {}

  private RecordFlattener() {}

  /** Lower-cased path to cell, in response order. */
  static Map<String, Cell> flatten(JsonNode record) {
    Map<String, Cell> out = new LinkedHashMap<>();
    flatten(record, "", out);
    return out;
  }

  private static void flatten(JsonNode record, String prefix, Map<String, Cell> out) {
    for (Map.Entry<String, JsonNode> e : record.properties()) {
      String key = e.getKey();
      if (key.equals("attributes")) continue;
      String path = prefix + key;
      JsonNode v = e.getValue();
      if (v.isObject()) {
        if (v.has("attributes")) {
          flatten(v, path + ".", out);
        } else if (!(v.has("records") && v.has("done"))) {
          out.put(lower(path), new Cell(path, null, true));
        }
      } else if (v.isArray()) {
        out.put(lower(path), new Cell(path, null, true));
      } else {
        out.put(lower(path), new Cell(path, text(v), false));
      }
    }
  }

  static @Nullable String text(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) return null;
    if (v.isString()) return CanonicalText.normalize(v.stringValue());
    if (v.isBoolean()) return v.booleanValue() ? "true" : "false";
    if (v.isIntegralNumber()) return v.asString();
    if (v.isNumber()) return CanonicalText.number(v.decimalValue().stripTrailingZeros());
    return v.asString();
  }

  static String lower(String path) {
    return path.toLowerCase(Locale.ROOT);
  }
}

package dev.ferry.emulator.org;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** JSON trees to the plain values {@link RecordInput} holds. */
public final class JsonValues {
  private JsonValues() {}

  public static @Nullable Object toJava(@Nullable JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isString()) {
      return node.stringValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        map.put(e.getKey(), toJava(e.getValue()));
      }
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      for (JsonNode n : node) {
        list.add(toJava(n));
      }
      return list;
    }
    return node.asString();
  }

  /** A JSON object's fields as a RecordInput (keys in the order sent). */
  public static RecordInput record(JsonNode object) {
    LinkedHashMap<String, Object> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      map.put(e.getKey(), toJava(e.getValue()));
    }
    return new RecordInput(map, false);
  }
}

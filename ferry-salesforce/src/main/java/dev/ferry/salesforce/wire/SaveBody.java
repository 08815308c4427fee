package dev.ferry.salesforce.wire;

import dev.ferry.core.sf.ExternalRef;
import dev.ferry.core.sf.SaveRequest;
import dev.ferry.core.sf.SfValueText;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON bodies of sObject Collections writes. Typed values become the JSON Salesforce expects:
 * numbers unquoted, dates {@code YYYY-MM-DD}, datetimes ISO UTC with milliseconds, times {@code
 * HH:mm:ss.SSSZ}, byte arrays base64, null a JSON null (which clears the field), and an {@link
 * ExternalRef} the nested {@code "Account": {"External_Id__c": "X1"}} that makes Salesforce resolve
 * the parent itself (its map key is not used: the reference names its relationship).
 */
public final class SaveBody {
  private SaveBody() {}

  /** {@code {"allOrNone":false,"records":[...]}} for create ({@code withId} false) or update. */
  public static byte[] records(String sobject, List<SaveRequest> records, boolean withId) {
    ObjectNode root = Wire.mapper().createObjectNode();
    root.put("allOrNone", false);
    ArrayNode array = root.putArray("records");
    for (SaveRequest r : records) {
      ObjectNode node = array.addObject();
      node.putObject("attributes").put("type", sobject);
      if (withId) node.put("id", r.id());
      for (Map.Entry<String, @Nullable Object> f : r.fields().entrySet()) {
        if (withId && f.getKey().equalsIgnoreCase("Id")) continue;
        put(node, f.getKey(), f.getValue());
      }
    }
    return Wire.writeJson(root);
  }

  /** {@code {"ids":[...],"fields":[...]}} for a collections retrieve. */
  public static byte[] retrieve(List<String> ids, List<String> fields) {
    ObjectNode root = Wire.mapper().createObjectNode();
    ArrayNode i = root.putArray("ids");
    ids.forEach(i::add);
    ArrayNode f = root.putArray("fields");
    fields.forEach(f::add);
    return Wire.writeJson(root);
  }

  static void put(ObjectNode node, String field, @Nullable Object value) {
    switch (value) {
      case null -> node.putNull(field);
      case String s -> node.put(field, s);
      case Boolean b -> node.put(field, b);
      case Integer n -> node.put(field, n);
      case Long n -> node.put(field, n);
      case Short n -> node.put(field, n);
      case BigDecimal d -> node.put(field, d);
      case Double d -> node.put(field, SfValueText.finite(field, d));
      case Float f -> node.put(field, SfValueText.finite(field, f.doubleValue()));
      case LocalDate d -> node.put(field, SfValueText.date(d));
      case Instant i -> node.put(field, SfValueText.datetime(i));
      case OffsetDateTime t -> node.put(field, SfValueText.of(field, t));
      case LocalTime t -> node.put(field, SfValueText.time(t));
      case byte[] bytes -> node.put(field, SfValueText.of(field, bytes));
      case ExternalRef ref -> {
        var parent = node.putObject(ref.relationshipName());
        if (ref.objectType() != null) parent.putObject("attributes").put("type", ref.objectType());
        parent.put(ref.externalIdField(), ref.value());
      }
      default ->
          throw new IllegalArgumentException(
              "field "
                  + field
                  + ": no Salesforce JSON form for a "
                  + value.getClass().getName()
                  + " value");
    }
  }
}

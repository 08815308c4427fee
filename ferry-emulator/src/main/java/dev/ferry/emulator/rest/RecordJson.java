package dev.ferry.emulator.rest;

import dev.ferry.emulator.org.ApiVersion;
import dev.ferry.emulator.org.CompoundValues.Address;
import dev.ferry.emulator.org.CompoundValues.Location;
import dev.ferry.emulator.org.FieldDef;
import dev.ferry.emulator.org.SfFormats;
import dev.ferry.emulator.org.StoredRecord;
import dev.ferry.emulator.soql.ChildResult;
import dev.ferry.emulator.soql.ResultRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/** Records as REST JSON: {@code attributes} first, nested parents, subquery envelopes. */
public final class RecordJson {
  private RecordJson() {}

  public static void writeRow(JsonGenerator g, ResultRow row, ApiVersion v) {
    g.writeStartObject();
    writeAttributes(g, row.type(), row.id(), v);
    for (Map.Entry<String, Object> e : row.values().entrySet()) {
      g.writeName(e.getKey());
      writeValue(g, e.getValue(), v);
    }
    g.writeEndObject();
  }

  static void writeAttributes(JsonGenerator g, String type, @Nullable String id, ApiVersion v) {
    g.writeName("attributes");
    g.writeStartObject();
    g.writeStringProperty("type", type);
    if (id != null) {
      g.writeStringProperty("url", v.base() + "/sobjects/" + type + "/" + id);
    }
    g.writeEndObject();
  }

  public static void writeValue(JsonGenerator g, @Nullable Object value, ApiVersion v) {
    switch (value) {
      case null -> g.writeNull();
      case String s -> g.writeString(s);
      case Boolean b -> g.writeBoolean(b);
      case Integer i -> g.writeNumber(i);
      case Long l -> g.writeNumber(l);
      case BigDecimal b -> g.writeNumber(SfFormats.decimal(b));
      case Double d -> g.writeNumber(Double.toString(d));
      case Instant i -> g.writeString(SfFormats.restDateTime(i));
      case LocalDate d -> g.writeString(SfFormats.date(d));
      case LocalTime t -> g.writeString(SfFormats.time(t));
      case ResultRow r -> writeRow(g, r, v);
      case ChildResult c -> writeChildren(g, c, v);
      case Address a -> writeAddress(g, a);
      case Location l -> writeLocation(g, l);
      case Number n -> g.writeNumber(n.toString());
      default -> g.writeString(value.toString());
    }
  }

  private static void writeChildren(JsonGenerator g, ChildResult c, ApiVersion v) {
    g.writeStartObject();
    g.writeNumberProperty("totalSize", c.records().size());
    g.writeBooleanProperty("done", true);
    g.writeName("records");
    g.writeStartArray();
    for (ResultRow r : c.records()) {
      writeRow(g, r, v);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeAddress(JsonGenerator g, Address a) {
    g.writeStartObject();
    str(g, "city", a.city());
    str(g, "country", a.country());
    str(g, "countryCode", a.countryCode());
    str(g, "geocodeAccuracy", a.geocodeAccuracy());
    num(g, "latitude", a.latitude());
    num(g, "longitude", a.longitude());
    str(g, "postalCode", a.postalCode());
    str(g, "state", a.state());
    str(g, "stateCode", a.stateCode());
    str(g, "street", a.street());
    g.writeEndObject();
  }

  private static void writeLocation(JsonGenerator g, Location l) {
    g.writeStartObject();
    num(g, "latitude", l.latitude());
    num(g, "longitude", l.longitude());
    g.writeEndObject();
  }

  private static void str(JsonGenerator g, String name, @Nullable String v) {
    g.writeName(name);
    if (v == null) {
      g.writeNull();
    } else {
      g.writeString(v);
    }
  }

  private static void num(JsonGenerator g, String name, @Nullable BigDecimal v) {
    g.writeName(name);
    if (v == null) {
      g.writeNull();
    } else {
      g.writeNumber(v.stripTrailingZeros().toPlainString());
    }
  }

  /** A stored record as a row of the given fields (all fields in describe order when empty). */
  public static ResultRow toRow(StoredRecord r, Collection<FieldDef> fields) {
    LinkedHashMap<String, Object> values = new LinkedHashMap<>();
    Collection<FieldDef> list = fields.isEmpty() ? r.def().fieldDefs() : fields;
    for (FieldDef f : list) {
      values.put(f.name(), r.get(f));
    }
    return new ResultRow(r.objectName(), r.id(), values);
  }

  public static ResultRow toRow(StoredRecord r) {
    return toRow(r, List.of());
  }
}

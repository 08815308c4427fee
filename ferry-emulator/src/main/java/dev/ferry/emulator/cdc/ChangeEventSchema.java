package dev.ferry.emulator.cdc;

import dev.ferry.emulator.org.FieldDef;
import dev.ferry.emulator.org.FieldType;
import dev.ferry.emulator.org.ObjectDef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.jspecify.annotations.Nullable;

/**
 * The Avro schema of one object's change events, as Salesforce shapes them: record {@code
 * <Entity>ChangeEvent}, field 0 the {@code ChangeEventHeader}, then the object's fields as {@code
 * ["null", T]} unions; address and geolocation fields are nested records; Id, IsDeleted,
 * SystemModstamp and formula fields are absent. The schema id is a 16-byte hash of the JSON in
 * base64url (22 characters), so a schema change gives a new id.
 */
public final class ChangeEventSchema {
  static final String NAMESPACE = "com.sforce.eventbus";

  /** Address components in the order Salesforce's change events list them. */
  private static final List<String> ADDRESS_PARTS =
      List.of(
          "Street",
          "City",
          "State",
          "PostalCode",
          "Country",
          "StateCode",
          "CountryCode",
          "Latitude",
          "Longitude",
          "Xyz",
          "GeocodeAccuracy");

  private static final List<String> LOCATION_PARTS = List.of("Latitude", "Longitude");

  /** A top-level payload field: a plain field, or a compound with its children by role. */
  record TopField(String name, int index, @Nullable FieldDef field, List<Child> children) {
    boolean compound() {
      return field == null || !children.isEmpty();
    }
  }

  /** One component of a compound field; field is null when the org lacks that component. */
  record Child(String role, @Nullable FieldDef field, Schema.Type avroType) {}

  private final String entityName;
  private final ObjectDef def;
  private final Schema schema;
  private final String json;
  private final String schemaId;
  private final List<TopField> fields;

  private ChangeEventSchema(ObjectDef def) {
    this.def = def;
    this.entityName = def.name();
    List<TopField> top = new ArrayList<>();
    SchemaBuilder.FieldAssembler<Schema> fa =
        SchemaBuilder.record(EntityChannels.channelOf(def.name()))
            .namespace(NAMESPACE)
            .fields()
            .name("ChangeEventHeader")
            .type(ChangeEventHeaders.SCHEMA)
            .noDefault();
    int index = 1;
    Schema addressRecord = null;
    Schema locationRecord = null;
    for (FieldDef f : def.fieldDefs()) {
      if (!carried(f)) {
        continue;
      }
      Schema valueType;
      List<Child> children = new ArrayList<>();
      if (f.type() == FieldType.ADDRESS) {
        Map<String, FieldDef> parts = def.compoundParts(f);
        for (String role : ADDRESS_PARTS) {
          boolean number = role.equals("Latitude") || role.equals("Longitude");
          children.add(
              new Child(role, parts.get(role), number ? Schema.Type.DOUBLE : Schema.Type.STRING));
        }
        if (addressRecord == null) {
          // Avro names are unique: later address fields reuse the one record type
          addressRecord = compoundRecord("Address", children);
        }
        valueType = addressRecord;
      } else if (f.type() == FieldType.LOCATION) {
        Map<String, FieldDef> parts = def.compoundParts(f);
        for (String role : LOCATION_PARTS) {
          children.add(new Child(role, parts.get(role), Schema.Type.DOUBLE));
        }
        if (locationRecord == null) {
          locationRecord = compoundRecord("Location", children);
        }
        valueType = locationRecord;
      } else {
        valueType = avroType(f.type());
      }
      fa =
          fa.name(f.name())
              .doc("Data:" + f.type().apiName())
              .type(Schema.createUnion(Schema.create(Schema.Type.NULL), valueType))
              .withDefault(null);
      top.add(new TopField(f.name(), index++, f, List.copyOf(children)));
    }
    this.schema = fa.endRecord();
    this.json = schema.toString();
    this.schemaId = idOf(json);
    this.fields = List.copyOf(top);
  }

  static ChangeEventSchema of(ObjectDef def) {
    return new ChangeEventSchema(def);
  }

  /** Fields a change event carries: stored or compound values, not ids, flags or formulas. */
  private static boolean carried(FieldDef f) {
    String n = f.name();
    if (n.equals("Id") || n.equals("IsDeleted") || n.equals("SystemModstamp")) {
      return false;
    }
    if (f.compoundFieldName() != null) {
      return false; // carried inside its compound record
    }
    if (f.type().isCompound()) {
      return true;
    }
    return !f.isDerived();
  }

  private static Schema compoundRecord(String name, List<Child> children) {
    SchemaBuilder.FieldAssembler<Schema> fa =
        SchemaBuilder.record(name).namespace(NAMESPACE).fields();
    for (Child c : children) {
      fa =
          fa.name(c.role())
              .type(
                  Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(c.avroType())))
              .withDefault(null);
    }
    return fa.endRecord();
  }

  private static Schema avroType(FieldType type) {
    return switch (type) {
      case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
      case INT -> Schema.create(Schema.Type.INT);
      case LONG -> Schema.create(Schema.Type.LONG);
      case DOUBLE, CURRENCY, PERCENT -> Schema.create(Schema.Type.DOUBLE);
      case DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
      // epoch milliseconds, as Salesforce sends them (no logical type)
      case DATETIME -> Schema.create(Schema.Type.LONG);
      // milliseconds after midnight
      case TIME -> Schema.create(Schema.Type.LONG);
      default -> Schema.create(Schema.Type.STRING);
    };
  }

  private static String idOf(String json) {
    try {
      byte[] hash = MessageDigest.getInstance("MD5").digest(json.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every JDK", e);
    }
  }

  public String entityName() {
    return entityName;
  }

  ObjectDef def() {
    return def;
  }

  public Schema schema() {
    return schema;
  }

  public String json() {
    return json;
  }

  /** 22 base64url characters. */
  public String schemaId() {
    return schemaId;
  }

  List<TopField> fields() {
    return fields;
  }
}

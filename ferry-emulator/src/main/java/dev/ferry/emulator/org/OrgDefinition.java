package dev.ferry.emulator.org;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An org definition: the schema (objects with describe-shaped fields) and optional seed records.
 * Read from JSON ({@code --org FILE}); see docs/emulator.md for the format. Id, IsDeleted and the
 * audit fields are added to every object unless declared; {@code "isDeletedField": false} leaves
 * IsDeleted out (objects without a recycle bin, like User or RecordType in real orgs).
 *
 * @param records seed records per object, inserted on start and on reset
 */
public record OrgDefinition(
    Schema schema, String organizationName, Map<String, List<RecordInput>> records) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final Set<String> OBJECT_KEYS =
      Set.of(
          "name",
          "label",
          "labelPlural",
          "keyPrefix",
          "custom",
          "createable",
          "updateable",
          "deletable",
          "queryable",
          "replicateable",
          "retrieveable",
          "searchable",
          "triggerable",
          "undeletable",
          "layoutable",
          "mergeable",
          "mruEnabled",
          "feedEnabled",
          "activateable",
          "customSetting",
          "defaultImplementation",
          "isDeletedField",
          "fields");

  /** Describe keys the emulator computes itself; accepted in input and ignored. */
  private static final Set<String> COMPUTED_FIELD_KEYS =
      Set.of(
          "byteLength",
          "soapType",
          "polymorphicForeignKey",
          "encrypted",
          "deprecatedAndHidden",
          "dependentPicklist",
          "aiPredictionField",
          "displayLocationInDecimal",
          "filteredLookupInfo",
          "formulaTreatNullNumberAsZero",
          "highScaleNumber",
          "mask",
          "maskType",
          "queryByDistance",
          "referenceTargetField",
          "searchPrefilterable");

  /** The built-in default org (docs/emulator.md describes it). */
  public static OrgDefinition defaultOrg() {
    try (InputStream in = OrgDefinition.class.getResourceAsStream("default-org.json")) {
      if (in == null) {
        throw new IllegalStateException("default-org.json missing from the emulator jar");
      }
      return parse(JSON.readTree(in), "built-in default org");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the built-in default org", e);
    }
  }

  public static OrgDefinition read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read org file " + file + ": " + e.getMessage(), e);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "org file " + file + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    return parse(root, "org file " + file);
  }

  public static OrgDefinition parse(JsonNode root, String source) {
    try {
      if (!root.isObject() || !root.path("objects").isArray()) {
        throw new IllegalArgumentException("expected an object with an \"objects\" array");
      }
      List<ObjectDef> objects = new ArrayList<>();
      for (JsonNode o : root.path("objects")) {
        objects.add(readObject(o));
      }
      for (String required : List.of("User", "Organization")) {
        if (objects.stream().noneMatch(o -> o.name().equalsIgnoreCase(required))) {
          throw new IllegalArgumentException(
              "the org must define a "
                  + required
                  + " object (the emulator's identity lives there)");
        }
      }
      Schema schema = Schema.of(objects);
      Map<String, List<RecordInput>> records = new LinkedHashMap<>();
      JsonNode recs = root.path("records");
      if (!recs.isMissingNode()) {
        for (Map.Entry<String, JsonNode> e : recs.properties()) {
          if (schema.find(e.getKey()).isEmpty()) {
            throw new IllegalArgumentException("records for unknown object " + e.getKey());
          }
          List<RecordInput> list = new ArrayList<>();
          for (JsonNode r : e.getValue()) {
            list.add(JsonValues.record(r));
          }
          records.put(e.getKey(), list);
        }
      }
      String orgName = root.path("organizationName").asString("Ferry Emulator");
      return new OrgDefinition(schema, orgName, records);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static ObjectDef readObject(JsonNode o) {
    String name = text(o, "name", null);
    if (name == null) {
      throw new IllegalArgumentException("an object needs a \"name\"");
    }
    try {
      for (String key : o.propertyNames()) {
        if (!OBJECT_KEYS.contains(key)) {
          throw new IllegalArgumentException("unknown object property \"" + key + "\"");
        }
      }
      String prefix = text(o, "keyPrefix", null);
      if (prefix == null || !prefix.matches("[0-9A-Za-z]{3}")) {
        throw new IllegalArgumentException("\"keyPrefix\" must be 3 base-62 characters");
      }
      ObjectProps d =
          ObjectProps.data(name, text(o, "label", null), text(o, "labelPlural", null), prefix);
      ObjectProps props =
          new ObjectProps(
              name,
              d.label(),
              d.labelPlural(),
              prefix,
              bool(o, "custom", d.custom()),
              bool(o, "createable", d.createable()),
              bool(o, "updateable", d.updateable()),
              bool(o, "deletable", d.deletable()),
              bool(o, "queryable", d.queryable()),
              bool(o, "replicateable", d.replicateable()),
              bool(o, "retrieveable", d.retrieveable()),
              bool(o, "searchable", d.searchable()),
              bool(o, "triggerable", d.triggerable()),
              bool(o, "undeletable", d.undeletable()),
              bool(o, "layoutable", d.layoutable()),
              bool(o, "mergeable", d.mergeable()),
              bool(o, "mruEnabled", d.mruEnabled()),
              bool(o, "feedEnabled", d.feedEnabled()),
              bool(o, "activateable", d.activateable()),
              bool(o, "customSetting", d.customSetting()),
              text(o, "defaultImplementation", null));
      List<FieldDef> declared = new ArrayList<>();
      for (JsonNode f : o.path("fields")) {
        declared.add(readField(f).build());
      }
      boolean isDeleted = bool(o, "isDeletedField", true);
      if (!isDeleted && find(declared, SystemFields.IS_DELETED) != null) {
        throw new IllegalArgumentException(
            "\"isDeletedField\": false contradicts the declared field IsDeleted");
      }
      return ObjectDef.create(props, withSystemFields(declared, isDeleted));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("object " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Id first, IsDeleted next (unless the object has none), then the declared fields, then missing
   * audit fields.
   */
  static List<FieldDef> withSystemFields(List<FieldDef> declared, boolean isDeleted) {
    List<FieldDef> out = new ArrayList<>();
    FieldDef id = find(declared, SystemFields.ID);
    out.add(id != null ? id : SystemFields.id().build());
    FieldDef deleted = find(declared, SystemFields.IS_DELETED);
    if (isDeleted) out.add(deleted != null ? deleted : SystemFields.isDeleted().build());
    for (FieldDef f : declared) {
      if (!f.name().equals(SystemFields.ID) && !f.name().equals(SystemFields.IS_DELETED)) {
        out.add(f);
      }
    }
    for (FieldDef.Builder audit : SystemFields.audit()) {
      if (find(declared, audit.name()) == null) {
        out.add(audit.build());
      }
    }
    return out;
  }

  private static FieldDef find(List<FieldDef> fields, String name) {
    for (FieldDef f : fields) {
      if (f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    return null;
  }

  /** A field from describe-shaped JSON; unknown keys are refused so typos surface. */
  public static FieldDef.Builder readField(JsonNode f) {
    String name = text(f, "name", null);
    if (name == null) {
      throw new IllegalArgumentException("a field needs a \"name\"");
    }
    try {
      String typeName = text(f, "type", null);
      if (typeName == null) {
        throw new IllegalArgumentException("a field needs a \"type\"");
      }
      FieldType type = FieldType.fromApiName(typeName);
      FieldDef.Builder b = FieldDef.builder(name, type);
      boolean system =
          SystemFields.AUDIT.contains(name)
              || name.equals(SystemFields.ID)
              || name.equals(SystemFields.IS_DELETED);
      b.system(system);
      for (Map.Entry<String, JsonNode> e : f.properties()) {
        apply(b, e.getKey(), e.getValue());
      }
      return b;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field " + name + ": " + e.getMessage(), e);
    }
  }

  private static void apply(FieldDef.Builder b, String key, JsonNode v) {
    switch (key) {
      case "name", "type" -> {}
      case "label" -> b.label(v.asString());
      case "length" -> b.length(v.asInt());
      case "precision" -> b.precision(v.asInt());
      case "scale" -> b.scale(v.asInt());
      case "digits" -> b.digits(v.asInt());
      case "nillable" -> b.nillable(v.asBoolean());
      case "createable" -> b.createable(v.asBoolean());
      case "updateable" -> b.updateable(v.asBoolean());
      case "defaultedOnCreate" -> b.defaultedOnCreate(v.asBoolean());
      case "unique" -> b.unique(v.asBoolean());
      case "externalId" -> b.externalId(v.asBoolean());
      case "idLookup" -> b.idLookup(v.asBoolean());
      case "caseSensitive" -> b.caseSensitive(v.asBoolean());
      case "calculated" -> b.calculated(v.asBoolean());
      case "calculatedFormula" -> b.calculatedFormula(v.isNull() ? null : v.asString());
      case "emulatorFormula" -> b.emulatorFormula(v.isNull() ? null : v.asString());
      case "autoNumber" -> b.autoNumber(v.asBoolean());
      case "autoNumberFormat" -> b.autoNumberFormat(v.isNull() ? null : v.asString());
      case "referenceTo" -> {
        List<String> targets = new ArrayList<>();
        v.forEach(t -> targets.add(t.asString()));
        b.referenceTo(targets);
      }
      case "relationshipName" -> b.relationshipName(v.isNull() ? null : v.asString());
      case "childRelationshipName" -> b.childRelationshipName(v.isNull() ? null : v.asString());
      case "relationshipOrder" -> b.relationshipOrder(v.isNull() ? null : v.asInt());
      case "cascadeDelete" -> b.cascadeDelete(v.asBoolean());
      case "restrictedDelete" -> b.restrictedDelete(v.asBoolean());
      case "picklistValues" -> {
        List<PicklistEntry> values = new ArrayList<>();
        for (JsonNode p : v) {
          if (p.isString()) {
            values.add(PicklistEntry.of(p.asString(), null, false));
          } else {
            values.add(
                new PicklistEntry(
                    p.path("value").asString(),
                    p.path("label").asString(p.path("value").asString()),
                    p.path("active").asBoolean(true),
                    p.path("defaultValue").asBoolean(false)));
          }
        }
        b.picklistValues(values);
      }
      case "restrictedPicklist" -> b.restrictedPicklist(v.asBoolean());
      case "defaultValue" -> b.defaultValue(JsonValues.toJava(v));
      case "defaultValueFormula" -> b.defaultValueFormula(v.isNull() ? null : v.asString());
      case "compoundFieldName" -> b.compoundFieldName(v.isNull() ? null : v.asString());
      case "custom" -> b.custom(v.asBoolean());
      case "filterable" -> b.filterable(v.asBoolean());
      case "sortable" -> b.sortable(v.asBoolean());
      case "groupable" -> b.groupable(v.asBoolean());
      case "aggregatable" -> b.aggregatable(v.asBoolean());
      case "nameField" -> b.nameField(v.asBoolean());
      case "namePointing" -> b.namePointing(v.asBoolean());
      case "extraTypeInfo" -> b.extraTypeInfo(v.isNull() ? null : v.asString());
      case "htmlFormatted" -> b.htmlFormatted(v.asBoolean());
      case "inlineHelpText" -> b.inlineHelpText(v.isNull() ? null : v.asString());
      case "controllerName" -> b.controllerName(v.isNull() ? null : v.asString());
      case "permissionable" -> b.permissionable(v.asBoolean());
      case "writeRequiresMasterRead" -> b.writeRequiresMasterRead(v.asBoolean());
      default -> {
        if (!COMPUTED_FIELD_KEYS.contains(key)) {
          throw new IllegalArgumentException("unknown field property \"" + key + "\"");
        }
      }
    }
  }

  private static String text(JsonNode o, String key, String dflt) {
    JsonNode v = o.get(key);
    return v == null || v.isNull() ? dflt : v.asString();
  }

  private static boolean bool(JsonNode o, String key, boolean dflt) {
    JsonNode v = o.get(key);
    return v == null || v.isNull() ? dflt : v.asBoolean();
  }
}

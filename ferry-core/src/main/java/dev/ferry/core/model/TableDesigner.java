package dev.ferry.core.model;

import dev.ferry.core.error.ConfigException;
import dev.ferry.core.sf.FieldDescribe;
import dev.ferry.core.sf.FieldType;
import dev.ferry.core.sf.SObjectDescribe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Designs a mapped table from an object's describe and a mapping config, the way Heroku Connect
 * does (spec §4): lowercase names, {@code sfid}/{@code id}/{@code _hc_*} system columns, the §4.4
 * type table, address and geolocation fields as component columns, relationship external-id columns
 * typed like the parent's external-id field, {@code hc_idx_*}/{@code hcu_idx_*} indexes. Every
 * problem of the config against the describe is reported at once as a {@link ConfigException}.
 */
public final class TableDesigner {
  private final TypeMode typeMode;

  public TableDesigner(TypeMode typeMode) {
    this.typeMode = typeMode;
  }

  /** Heroku Connect's types. */
  public static TableDesigner herokuConnect() {
    return new TableDesigner(TypeMode.HEROKU_CONNECT);
  }

  /**
   * The parent objects whose describes {@link #design} needs to resolve the config's relationship
   * external-id pseudo-fields ({@code Account__External_Id__c}).
   */
  public static Set<String> parentsNeeded(SObjectDescribe describe, MappingConfig config) {
    Set<String> parents = new LinkedHashSet<>();
    for (String f : config.fields()) {
      if (describe.hasField(f)) continue;
      for (FieldDescribe ref : describe.fields()) {
        if (ref.relationshipName() != null && startsWithRelationship(f, ref.relationshipName())) {
          parents.addAll(ref.referenceTo());
        }
      }
    }
    return parents;
  }

  /**
   * The table for {@code config} on {@code describe}. {@code parents} holds the describes of
   * referenced objects (see {@link #parentsNeeded}), keyed by object name.
   *
   * @throws ConfigException naming every problem (unknown fields, missing Id or modstamp field, bad
   *     upsert field, bad index)
   */
  public TableSpec design(
      SObjectDescribe describe, MappingConfig config, Map<String, SObjectDescribe> parents) {
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    String object = describe.name();
    String table = PgIdentifiers.fromSalesforceName(object);
    try {
      PgIdentifiers.requireValid(table);
    } catch (IllegalArgumentException e) {
      problems.add("object " + object + ": " + e.getMessage());
    }

    String modstamp = describe.modstampField();
    if (modstamp == null) {
      problems.add(
          object + " has neither SystemModstamp nor LastModifiedDate; it cannot be polled");
    } else if (!config.hasField(modstamp)) {
      problems.add("fields must include " + modstamp + " (" + object + "'s change stamp)");
    }
    if (!config.hasField("Id")) problems.add("fields must include Id (stored as sfid)");

    Map<String, ColumnSpec> mapped = new TreeMap<>(); // by column name: a stable order
    Map<String, String> columnOfField = new LinkedHashMap<>(); // lower field name -> column
    List<String> fields = new ArrayList<>(config.fields());
    if (describe.hasField("IsDeleted") && !config.hasField("IsDeleted")) fields.add("IsDeleted");

    for (String f : fields) {
      if (f.equalsIgnoreCase("Id")) {
        columnOfField.put("id", "sfid");
        continue;
      }
      Optional<FieldDescribe> fd = describe.field(f);
      if (fd.isPresent() && fd.get().type().isCompound()) {
        for (FieldDescribe component : components(describe, fd.get())) {
          add(mapped, fieldColumn(component, modstamp), problems);
        }
        columnOfField.put(f.toLowerCase(Locale.ROOT), null);
      } else if (fd.isPresent()) {
        ColumnSpec c = fieldColumn(fd.get(), modstamp);
        add(mapped, c, problems);
        columnOfField.put(f.toLowerCase(Locale.ROOT), c.name());
        if (fd.get().type() == FieldType.BASE64) {
          warnings.add(
              f + " is a base64 field: the Bulk API cannot return it, so loads read it via REST");
        }
        if (fd.get().calculated()) {
          warnings.add(
              f
                  + " is a formula/roll-up field: changes of other records do not move"
                  + " SystemModstamp, so its value can go stale until the row changes or a reload");
        }
      } else {
        Optional<ColumnSpec> rel = relationshipColumn(describe, f, parents, problems);
        rel.ifPresent(c -> {
          add(mapped, c, problems);
          columnOfField.put(f.toLowerCase(Locale.ROOT), c.name());
        });
      }
    }

    // Mapped fields by name, then sfid, id, _hc_lastop, _hc_err (system columns last, as in the
    // dumps; the order of mapped fields there is not known, so Ferry sorts them). Objects without
    // IsDeleted (User, RecordType, BusinessHours) get no isdeleted column, as in Heroku Connect:
    // their deletes come from getDeleted only, and remove the row.
    List<ColumnSpec> columns = new ArrayList<>(mapped.values());
    columns.add(new ColumnSpec("sfid", PgType.varchar(18), ColumnRole.SFID, "Id", "Id"));
    columns.add(new ColumnSpec("id", PgType.INTEGER, ColumnRole.SURROGATE_ID, null, null));
    columns.add(new ColumnSpec("_hc_lastop", PgType.varchar(32), ColumnRole.LASTOP, null, null));
    columns.add(new ColumnSpec("_hc_err", PgType.TEXT, ColumnRole.ERR, null, null));

    String upsertColumn = upsertColumn(describe, config, columnOfField, problems);
    List<IndexSpec> indexes =
        indexes(table, config, columnOfField, modstamp, upsertColumn, problems);

    if (config.access() == Access.READ_WRITE) {
      List<String> missing =
          describe.fields().stream()
              .filter(FieldDescribe::requiredOnCreate)
              .map(FieldDescribe::name)
              .filter(n -> !config.hasField(n) && !n.equalsIgnoreCase("Id"))
              .toList();
      if (!missing.isEmpty()) {
        warnings.add(
            "Fields needed for insertion to Salesforce need to be mapped: "
                + String.join(", ", missing));
      }
      if (config.upsertField() == null) {
        warnings.add(
            "read_write mapping without upsert_field: rows read back before their sfid is written"
                + " can be duplicated");
      }
    }

    if (!problems.isEmpty()) {
      List<String> named = problems.stream().map(p -> "mapping " + object + ": " + p).toList();
      throw new ConfigException(named);
    }
    return new TableSpec(object, table, config.access(), columns, indexes, upsertColumn, warnings);
  }

  /** The §4.4 type table (or exact types). */
  public PgType typeOf(FieldDescribe f) {
    return switch (f.type()) {
      case ID, REFERENCE -> PgType.varchar(18);
      case STRING, ENCRYPTEDSTRING, EMAIL, PHONE, URL -> PgType.varchar(lengthOr255(f));
      case TEXTAREA -> f.length() > 255 ? PgType.TEXT : PgType.varchar(255);
      case PICKLIST, COMBOBOX -> PgType.varchar(255);
      case MULTIPICKLIST -> PgType.varchar(4099);
      case BOOLEAN -> PgType.BOOLEAN;
      case INT -> PgType.INTEGER;
      case LONG -> PgType.BIGINT;
      case DOUBLE, CURRENCY, PERCENT ->
          typeMode == TypeMode.EXACT ? PgType.numeric(f.precision(), f.scale()) : PgType.DOUBLE;
      case DATE -> PgType.DATE;
      case DATETIME -> typeMode == TypeMode.EXACT ? PgType.TIMESTAMPTZ : PgType.TIMESTAMP;
      case TIME -> PgType.TIME;
      case BASE64, ANYTYPE, ADDRESS, LOCATION, OTHER -> PgType.TEXT;
    };
  }

  private ColumnSpec fieldColumn(FieldDescribe f, @Nullable String modstamp) {
    boolean isModstamp = f.name().equalsIgnoreCase(modstamp);
    ColumnRole role =
        isModstamp
            ? ColumnRole.MODSTAMP
            : f.name().equalsIgnoreCase("IsDeleted") ? ColumnRole.IS_DELETED : ColumnRole.FIELD;
    PgType type = typeOf(f);
    if (role == ColumnRole.IS_DELETED) type = PgType.BOOLEAN;
    return new ColumnSpec(
        PgIdentifiers.fromSalesforceName(f.name()), type, role, f.name(), f.name());
  }

  private Optional<ColumnSpec> relationshipColumn(
      SObjectDescribe describe,
      String pseudo,
      Map<String, SObjectDescribe> parents,
      List<String> problems) {
    List<String> missingParents = new ArrayList<>();
    for (FieldDescribe ref : describe.fields()) {
      String rel = ref.relationshipName();
      if (rel == null || !startsWithRelationship(pseudo, rel)) continue;
      String extName = pseudo.substring(rel.length() + 2);
      for (String parentName : ref.referenceTo()) {
        SObjectDescribe parent = lookup(parents, parentName);
        if (parent == null) {
          missingParents.add(parentName);
          continue;
        }
        Optional<FieldDescribe> ext = parent.field(extName);
        if (ext.isEmpty()) continue;
        if (!ext.get().externalId()) {
          problems.add(
              pseudo
                  + ": "
                  + parentName
                  + "."
                  + ext.get().name()
                  + " is not an External ID field, so it cannot identify the parent");
          return Optional.empty();
        }
        String column = PgIdentifiers.fromSalesforceName(pseudo);
        return Optional.of(
            new ColumnSpec(
                column,
                typeOf(ext.get()),
                ColumnRole.RELATIONSHIP_EXTERNAL_ID,
                rel + "." + ext.get().name(),
                pseudo));
      }
    }
    if (!missingParents.isEmpty()) {
      problems.add(
          "unknown field '"
              + pseudo
              + "' on "
              + describe.name()
              + " (looks like a relationship external id; describe of "
              + String.join(", ", missingParents)
              + " not supplied)");
    } else {
      problems.add("unknown field '" + pseudo + "' on " + describe.name());
    }
    return Optional.empty();
  }

  private static @Nullable String upsertColumn(
      SObjectDescribe describe,
      MappingConfig config,
      Map<String, String> columnOfField,
      List<String> problems) {
    String upsert = config.upsertField();
    if (upsert == null) return null;
    Optional<FieldDescribe> fd = describe.field(upsert);
    if (fd.isEmpty()) {
      problems.add("upsert_field '" + upsert + "' is not a field of " + describe.name());
      return null;
    }
    if (upsert.equalsIgnoreCase("Id")
        || fd.get().type().isCompound()
        || !(fd.get().externalId() || fd.get().idLookup())) {
      problems.add(
          "upsert_field '"
              + upsert
              + "' must be an External ID (or idLookup) field of "
              + describe.name());
      return null;
    }
    return columnOfField.get(upsert.toLowerCase(Locale.ROOT));
  }

  private static List<IndexSpec> indexes(
      String table,
      MappingConfig config,
      Map<String, String> columnOfField,
      @Nullable String modstamp,
      @Nullable String upsertColumn,
      List<String> problems) {
    Map<String, IndexSpec> byColumn = new LinkedHashMap<>();
    byColumn.put("sfid", index(table, "sfid", true));
    if (modstamp != null) {
      String col = PgIdentifiers.fromSalesforceName(modstamp);
      byColumn.put(col, index(table, col, false));
    }
    for (Map.Entry<String, Boolean> e : config.indexes().entrySet()) {
      String field = e.getKey().toLowerCase(Locale.ROOT);
      if (!columnOfField.containsKey(field)) continue; // reported as an unknown field already
      String col = columnOfField.get(field);
      if (col == null) {
        problems.add("indexes: '" + e.getKey() + "' is a compound field; index its components");
        continue;
      }
      if (byColumn.containsKey(col)) continue; // Id and the modstamp have theirs
      byColumn.put(col, index(table, col, e.getValue()));
    }
    if (upsertColumn != null) byColumn.put(upsertColumn, index(table, upsertColumn, true));
    return List.copyOf(byColumn.values());
  }

  private static IndexSpec index(String table, String column, boolean unique) {
    String name = PgIdentifiers.fitted((unique ? "hcu_idx_" : "hc_idx_") + table + "_" + column);
    return new IndexSpec(name, List.of(column), unique);
  }

  /** Address and geolocation components (from the describe, or Salesforce's naming rules). */
  private static List<FieldDescribe> components(SObjectDescribe describe, FieldDescribe compound) {
    List<FieldDescribe> found =
        describe.fields().stream()
            .filter(f -> compound.name().equalsIgnoreCase(f.compoundFieldName()))
            .toList();
    if (!found.isEmpty()) return found;
    List<FieldDescribe> synthesized = new ArrayList<>();
    if (compound.type() == FieldType.LOCATION) {
      String base =
          compound.name().endsWith("__c")
              ? compound.name().substring(0, compound.name().length() - 3)
              : compound.name();
      synthesized.add(component(base + "__Latitude__s", FieldType.DOUBLE, 0));
      synthesized.add(component(base + "__Longitude__s", FieldType.DOUBLE, 0));
    } else {
      String prefix =
          compound.name().endsWith("Address")
              ? compound.name().substring(0, compound.name().length() - "Address".length())
              : compound.name();
      synthesized.add(component(prefix + "Street", FieldType.TEXTAREA, 255));
      synthesized.add(component(prefix + "City", FieldType.STRING, 40));
      synthesized.add(component(prefix + "State", FieldType.STRING, 80));
      synthesized.add(component(prefix + "PostalCode", FieldType.STRING, 20));
      synthesized.add(component(prefix + "Country", FieldType.STRING, 80));
      synthesized.add(component(prefix + "Latitude", FieldType.DOUBLE, 0));
      synthesized.add(component(prefix + "Longitude", FieldType.DOUBLE, 0));
      synthesized.add(component(prefix + "GeocodeAccuracy", FieldType.PICKLIST, 40));
    }
    // Prefer the describe's own entries when only the compound link was missing.
    return synthesized.stream().map(s -> describe.field(s.name()).orElse(s)).toList();
  }

  private static FieldDescribe component(String name, FieldType type, int length) {
    return new FieldDescribe(
        name,
        name,
        type,
        length,
        type == FieldType.DOUBLE ? 18 : 0,
        type == FieldType.DOUBLE ? 15 : 0,
        0,
        true,
        true,
        true,
        false,
        false,
        false,
        false,
        false,
        false,
        List.of(),
        null,
        null,
        null,
        List.of());
  }

  private static void add(Map<String, ColumnSpec> mapped, ColumnSpec c, List<String> problems) {
    ColumnSpec previous = mapped.putIfAbsent(c.name(), c);
    if (previous != null && !previous.equals(c)) {
      problems.add(
          "fields "
              + previous.sfField()
              + " and "
              + c.sfField()
              + " would both be stored in column "
              + c.name());
    }
  }

  private static boolean startsWithRelationship(String pseudo, String relationshipName) {
    return pseudo.length() > relationshipName.length() + 2
        && pseudo.regionMatches(true, 0, relationshipName + "__", 0, relationshipName.length() + 2);
  }

  private static @Nullable SObjectDescribe lookup(Map<String, SObjectDescribe> parents, String n) {
    SObjectDescribe d = parents.get(n);
    if (d != null) return d;
    return parents.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(n))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  private static int lengthOr255(FieldDescribe f) {
    return f.length() > 0 ? f.length() : 255;
  }
}

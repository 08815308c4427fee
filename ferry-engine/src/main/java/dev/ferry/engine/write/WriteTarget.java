package dev.ferry.engine.write;

import dev.ferry.core.model.ColumnRole;
import dev.ferry.core.model.ColumnSpec;
import dev.ferry.core.sf.FieldDescribe;
import dev.ferry.core.sf.SObjectDescribe;
import dev.ferry.core.store.Mapping;
import dev.ferry.engine.plan.MappingModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One mapped table as the writer sees it: which columns become which Salesforce fields, whether
 * each may be set on insert and on update, and the upsert field.
 */
final class WriteTarget {

  /**
   * A column the writer may send.
   *
   * @param field the Salesforce field (for a relationship column: the lookup field behind it)
   * @param relationship for a relationship external-id column: the relationship name ({@code
   *     Account}); null for plain fields
   * @param externalIdField for a relationship column: the parent's external id field
   * @param parentType for a polymorphic lookup ({@code Owner}: User or Group): the one parent type
   *     that has {@code externalIdField} as an external id, sent with the reference; else null
   * @param referenceProblem why a value of this polymorphic relationship column cannot be sent
   *     (none, or several, of its types have that external id); null when it can
   */
  record Column(
      ColumnSpec spec,
      FieldDescribe field,
      @Nullable String relationship,
      @Nullable String externalIdField,
      @Nullable String parentType,
      @Nullable String referenceProblem) {

    boolean isRelationship() {
      return relationship != null;
    }

    String name() {
      return spec.name();
    }
  }

  private final Mapping mapping;
  private final MappingModel model;
  private final Map<String, Column> columns;
  private final @Nullable Column upsert;

  WriteTarget(Mapping mapping, MappingModel model) {
    this.mapping = mapping;
    this.model = model;
    SObjectDescribe describe = model.describe();
    Map<String, Column> cols = new LinkedHashMap<>();
    for (ColumnSpec c : model.spec().columns()) {
      if (c.role() == ColumnRole.FIELD && c.sfField() != null) {
        describe
            .field(c.sfField())
            .filter(f -> f.createable() || f.updateable())
            .ifPresent(f -> cols.put(c.name(), new Column(c, f, null, null, null, null)));
      } else if (c.role() == ColumnRole.RELATIONSHIP_EXTERNAL_ID && c.sourcePath() != null) {
        String path = c.sourcePath();
        int dot = path.indexOf('.');
        String relationship = path.substring(0, dot);
        Optional<FieldDescribe> lookup = describe.referenceByRelationship(relationship);
        if (lookup.isPresent() && (lookup.get().createable() || lookup.get().updateable())) {
          cols.put(c.name(), relationshipColumn(c, lookup.get(), relationship, path, model));
        }
      }
    }
    this.columns = cols;
    String upsertColumn = model.spec().upsertColumn();
    this.upsert = upsertColumn == null ? null : cols.get(upsertColumn);
  }

  private static Column relationshipColumn(
      ColumnSpec c, FieldDescribe lookup, String relationship, String path, MappingModel model) {
    String ext = path.substring(path.indexOf('.') + 1);
    if (lookup.referenceTo().size() < 2)
      return new Column(c, lookup, relationship, ext, null, null);
    List<String> types = new ArrayList<>();
    for (String type : lookup.referenceTo()) {
      SObjectDescribe parent = parent(model, type);
      boolean keyed =
          parent != null && parent.field(ext).map(FieldDescribe::externalId).orElse(false);
      if (keyed) types.add(type);
    }
    if (types.size() == 1) return new Column(c, lookup, relationship, ext, types.get(0), null);
    String problem =
        relationship
            + " is polymorphic ("
            + String.join(", ", lookup.referenceTo())
            + ") and "
            + (types.isEmpty()
                ? "none of its types has "
                : "several of its types (" + String.join(", ", types) + ") have ")
            + ext
            + " as an external id, so Ferry cannot tell which type "
            + c.name()
            + " names; set the lookup column ("
            + lookup.name().toLowerCase(java.util.Locale.ROOT)
            + ") to the parent's sfid instead";
    return new Column(c, lookup, relationship, ext, null, problem);
  }

  private static @Nullable SObjectDescribe parent(MappingModel model, String type) {
    SObjectDescribe d = model.parents().get(type);
    if (d != null) return d;
    for (Map.Entry<String, SObjectDescribe> e : model.parents().entrySet()) {
      if (e.getKey().equalsIgnoreCase(type)) return e.getValue();
    }
    return null;
  }

  Mapping mapping() {
    return mapping;
  }

  MappingModel model() {
    return model;
  }

  String table() {
    return model.spec().tableName();
  }

  String object() {
    return model.objectName();
  }

  /** Columns that may be sent, in table order. */
  List<Column> columns() {
    return new ArrayList<>(columns.values());
  }

  @Nullable Column column(String name) {
    return columns.get(name);
  }

  /** The upsert field's column (the "unique identifier"), when the mapping has one. */
  @Nullable Column upsertColumn() {
    return upsert;
  }

  /** The upsert field's Salesforce name, or null. */
  @Nullable String upsertField() {
    return upsert == null ? null : upsert.field().name();
  }
}

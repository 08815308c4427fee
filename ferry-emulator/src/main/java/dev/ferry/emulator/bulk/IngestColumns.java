package dev.ferry.emulator.bulk;

import dev.ferry.emulator.org.FieldDef;
import dev.ferry.emulator.org.FieldType;
import dev.ferry.emulator.org.ObjectDef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The header of an ingest CSV resolved against the object: plain field columns and relationship
 * columns ({@code Account.External_Id__c}, polymorphic {@code Lead:Who.Email}).
 */
final class IngestColumns {
  /** One column: a field, or a relationship by an indexed field of the parent. */
  record Column(
      String header,
      @Nullable FieldDef field,
      @Nullable String relationshipName,
      @Nullable String parentType,
      @Nullable String parentField) {
    boolean isRelationship() {
      return relationshipName != null;
    }
  }

  private final List<Column> columns;
  private final int idIndex;

  private IngestColumns(List<Column> columns) {
    this.columns = List.copyOf(columns);
    int id = -1;
    for (int i = 0; i < columns.size(); i++) {
      FieldDef f = columns.get(i).field();
      if (f != null && f.type() == FieldType.ID) {
        id = i;
      }
    }
    this.idIndex = id;
  }

  /** Resolves a header; throws IllegalArgumentException with Salesforce's job error text. */
  static IngestColumns resolve(ObjectDef def, List<String> header) {
    List<Column> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String raw : header) {
      String h = raw.trim();
      if (!seen.add(h.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("InvalidBatch : Duplicate field name: " + h);
      }
      int dot = h.indexOf('.');
      if (dot < 0) {
        FieldDef f =
            def.fieldDef(h)
                .orElseThrow(() ->
                    new IllegalArgumentException("InvalidBatch : Field name not found : " + h));
        out.add(new Column(raw, f, null, null, null));
        continue;
      }
      String rel = h.substring(0, dot);
      String parentField = h.substring(dot + 1);
      String type = null;
      int colon = rel.indexOf(':');
      if (colon >= 0) {
        type = rel.substring(0, colon);
        rel = rel.substring(colon + 1);
      }
      if (parentField.contains(".")) {
        throw new IllegalArgumentException(
            "InvalidBatch : Field name not found : "
                + h
                + " (only one relationship level is allowed)");
      }
      FieldDef ref =
          def.relationshipField(rel)
              .orElseThrow(
                  () -> new IllegalArgumentException("InvalidBatch : Field name not found : " + h));
      out.add(new Column(raw, ref, ref.relationshipName(), type, parentField));
    }
    return new IngestColumns(out);
  }

  List<Column> columns() {
    return columns;
  }

  int size() {
    return columns.size();
  }

  /** Index of the Id column, or -1. */
  int idIndex() {
    return idIndex;
  }

  boolean has(String fieldName) {
    for (Column c : columns) {
      if (!c.isRelationship()
          && c.field() != null
          && c.field().name().equalsIgnoreCase(fieldName)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A row as record input: empty values are left out ("unchanged"), {@code #N/A} becomes null,
   * relationship columns become {@code {"Field": value}} maps.
   */
  LinkedHashMap<String, Object> toInput(String[] row, boolean idOnly) {
    LinkedHashMap<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < columns.size() && i < row.length; i++) {
      Column c = columns.get(i);
      String v = row[i];
      if (v == null || v.isEmpty()) {
        continue;
      }
      if (idOnly && i != idIndex) {
        continue;
      }
      Object value = v.equals("#N/A") ? null : v;
      if (c.isRelationship()) {
        if (value == null) {
          values.put(c.relationshipName(), null);
        } else {
          Map<String, Object> ref = new LinkedHashMap<>();
          if (c.parentType() != null) {
            ref.put("attributes", Map.of("type", c.parentType()));
          }
          ref.put(c.parentField(), value);
          values.put(c.relationshipName(), ref);
        }
      } else {
        values.put(c.field().name(), value);
      }
    }
    return values;
  }
}

package dev.ferry.emulator.rest;

import dev.ferry.emulator.org.FieldDef;
import dev.ferry.emulator.org.FieldType;
import dev.ferry.emulator.org.ObjectDef;
import dev.ferry.emulator.org.Schema;
import dev.ferry.emulator.soql.ChildResult;
import dev.ferry.emulator.soql.ResultRow;
import dev.ferry.emulator.soql.SoqlQuery;
import dev.ferry.emulator.soql.SoqlResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code /query?q=...&columns=true}: the select list's column metadata, which {@code sf data query}
 * reads to lay out its table (parent paths as joinColumns, subqueries as aggregate columns with
 * joinColumns, functions as aggregate columns).
 */
final class QueryColumns {
  private QueryColumns() {}

  static Map<String, Object> describe(Schema schema, SoqlQuery query, SoqlResult result) {
    ObjectDef from = schema.find(result.objectName()).orElse(null);
    List<Map<String, Object>> columns = new ArrayList<>();
    Map<String, Map<String, Object>> parents = new LinkedHashMap<>();
    boolean idSelected = false;
    for (String path : result.columns()) {
      String[] parts = path.split("\\.");
      if (parts.length == 1) {
        idSelected |= parts[0].equals("Id");
        FieldDef f = from == null ? null : from.fieldDef(parts[0]).orElse(null);
        columns.add(column(parts[0], f, query.isAggregate() && f == null, List.of()));
        continue;
      }
      Map<String, Object> parent = parents.get(parts[0]);
      if (parent == null) {
        parent = column(parts[0], null, false, new ArrayList<>());
        parents.put(parts[0], parent);
        columns.add(parent);
      }
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> joins = (List<Map<String, Object>>) parent.get("joinColumns");
      addPath(joins, parts, 1);
    }
    if (result.size() > 0) {
      ResultRow first = result.row(0);
      for (Map.Entry<String, Object> e : first.values().entrySet()) {
        if (e.getValue() instanceof ChildResult child) {
          List<Map<String, Object>> joins = new ArrayList<>();
          if (!child.records().isEmpty()) {
            for (String name : child.records().get(0).values().keySet()) {
              joins.add(column(name, null, false, List.of()));
            }
          }
          columns.add(column(e.getKey(), null, true, joins));
        }
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("columnMetadata", columns);
    m.put("entityName", result.objectName());
    m.put("groupBy", query.isAggregate());
    m.put("idSelected", idSelected);
    m.put("keyPrefix", from == null ? null : from.keyPrefix());
    return m;
  }

  private static void addPath(List<Map<String, Object>> joins, String[] parts, int at) {
    String name = parts[at];
    if (at == parts.length - 1) {
      joins.add(column(name, null, false, List.of()));
      return;
    }
    for (Map<String, Object> j : joins) {
      if (name.equals(j.get("columnName"))) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> inner = (List<Map<String, Object>>) j.get("joinColumns");
        addPath(inner, parts, at + 1);
        return;
      }
    }
    Map<String, Object> parent = column(name, null, false, new ArrayList<>());
    joins.add(parent);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> inner = (List<Map<String, Object>>) parent.get("joinColumns");
    addPath(inner, parts, at + 1);
  }

  private static Map<String, Object> column(
      String name, @Nullable FieldDef f, boolean aggregate, List<Map<String, Object>> joins) {
    Map<String, Object> m = new LinkedHashMap<>();
    FieldType t = f == null ? null : f.type();
    m.put("aggregate", aggregate);
    m.put("apexType", t == null ? null : apexType(t));
    m.put("booleanType", t == FieldType.BOOLEAN);
    m.put("columnName", name);
    m.put("custom", f != null && f.custom());
    m.put("displayName", name);
    m.put("foreignKeyName", null);
    m.put("insertable", f != null && f.createable());
    m.put("joinColumns", joins);
    m.put("numberType", t != null && t.isNumber());
    m.put("textType", t != null && t.isText());
    m.put("updatable", f != null && f.updateable());
    return m;
  }

  private static String apexType(FieldType t) {
    return switch (t) {
      case ID, REFERENCE -> "Id";
      case BOOLEAN -> "Boolean";
      case INT -> "Integer";
      case LONG -> "Long";
      case DOUBLE, PERCENT -> "Double";
      case CURRENCY -> "Decimal";
      case DATE -> "Date";
      case DATETIME -> "Datetime";
      case TIME -> "Time";
      case BASE64 -> "Blob";
      case ADDRESS -> "Address";
      case LOCATION -> "Location";
      default -> "String";
    };
  }
}

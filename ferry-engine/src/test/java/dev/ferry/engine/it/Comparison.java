package dev.ferry.engine.it;

import dev.ferry.core.model.ColumnSpec;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.model.TableDesigner;
import dev.ferry.core.model.TableSpec;
import dev.ferry.core.port.SalesforceApi;
import dev.ferry.core.sf.RecordStream;
import dev.ferry.core.sf.SObjectDescribe;
import dev.ferry.core.sf.SfRecord;
import dev.ferry.core.soql.Soql;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares an object in Salesforce with its table in Postgres: the same ids, and for every id the
 * same SystemModstamp and the same value in every mapped column (compared by type, not by text).
 */
public final class Comparison {
  private Comparison() {}

  /** The differences, one line each; empty when Postgres holds exactly what Salesforce holds. */
  public static List<String> differences(
      SalesforceApi api, Db db, String schema, String object, MappingConfig config) {
    SObjectDescribe describe = api.describe(object);
    Map<String, SObjectDescribe> parents = new HashMap<>();
    for (String p : TableDesigner.parentsNeeded(describe, config)) parents.put(p, api.describe(p));
    TableSpec spec = TableDesigner.herokuConnect().design(describe, config, parents);
    List<ColumnSpec> columns = spec.syncedColumns();
    Map<String, SfRecord> sf = new LinkedHashMap<>();
    Soql soql = Soql.select(spec.sourcePaths()).from(object).build();
    try (RecordStream rs = api.query(soql, false)) {
      while (rs.hasNext()) {
        SfRecord r = rs.next();
        sf.put(r.id(), r);
      }
    }
    Map<String, Map<String, Object>> pg = new LinkedHashMap<>();
    for (Map<String, Object> row :
        db.rows("SELECT * FROM \"" + schema + "\".\"" + spec.tableName() + "\"")) {
      pg.put((String) row.get("sfid"), row);
    }
    List<String> out = new ArrayList<>();
    for (String id : sf.keySet()) if (!pg.containsKey(id)) out.add("missing in Postgres: " + id);
    for (String id : pg.keySet()) if (!sf.containsKey(id)) out.add("not in Salesforce: " + id);
    for (Map.Entry<String, SfRecord> e : sf.entrySet()) {
      Map<String, Object> row = pg.get(e.getKey());
      if (row == null) continue;
      for (ColumnSpec c : columns) {
        if (Set.of("sfid", "isdeleted").contains(c.name())) continue;
        String sv = e.getValue().get(c.sourcePath());
        Object pv = row.get(c.name());
        if (!same(sv, pv)) {
          out.add(e.getKey() + "." + c.name() + ": Salesforce " + sv + ", Postgres " + pv);
        }
      }
    }
    return out;
  }

  static boolean same(String sf, Object pg) {
    if (sf == null || pg == null) return sf == null && pg == null;
    return switch (pg) {
      case Timestamp t -> t.toLocalDateTime().toInstant(ZoneOffset.UTC).equals(Instant.parse(sf));
      case java.time.OffsetDateTime o -> o.toInstant().equals(Instant.parse(sf));
      case Boolean b -> b == Boolean.parseBoolean(sf);
      case Double d -> Double.compare(d, Double.parseDouble(sf)) == 0;
      case Float f -> Float.compare(f, Float.parseFloat(sf)) == 0;
      case Integer i -> new BigDecimal(sf).compareTo(BigDecimal.valueOf(i)) == 0;
      case Long l -> new BigDecimal(sf).compareTo(BigDecimal.valueOf(l)) == 0;
      case BigDecimal d -> d.compareTo(new BigDecimal(sf)) == 0;
      case Date d -> d.toLocalDate().equals(LocalDate.parse(sf));
      case Time t -> t.toLocalTime().equals(LocalTime.parse(sf.replace("Z", "")).withNano(0));
      default -> Objects.equals(sf, pg.toString());
    };
  }
}

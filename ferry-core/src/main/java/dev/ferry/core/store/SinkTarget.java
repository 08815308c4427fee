package dev.ferry.core.store;

import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.PgIdentifiers;
import dev.ferry.core.model.TableSpec;

/**
 * Where a {@link dev.ferry.core.port.TableSink} writes: a mapping's table in its connection's
 * schema, and how deletes are applied.
 */
public record SinkTarget(MappingId mapping, String schema, TableSpec table, DeleteMode deleteMode) {
  public SinkTarget {
    PgIdentifiers.requireValid(schema);
  }

  public String describe() {
    return schema + "." + table.tableName() + " (mapping " + mapping + ")";
  }
}

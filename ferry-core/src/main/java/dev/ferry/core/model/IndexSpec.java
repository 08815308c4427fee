package dev.ferry.core.model;

import java.util.List;

/** An index Ferry creates on a mapped table: {@code hc_idx_*} or unique {@code hcu_idx_*}. */
public record IndexSpec(String name, List<String> columns, boolean unique) {
  public IndexSpec {
    PgIdentifiers.requireValid(name);
    columns = List.copyOf(columns);
    columns.forEach(PgIdentifiers::requireValid);
  }
}

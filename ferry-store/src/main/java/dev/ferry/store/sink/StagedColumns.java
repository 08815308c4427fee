package dev.ferry.store.sink;

import dev.ferry.core.model.ColumnRole;
import dev.ferry.core.model.ColumnSpec;
import dev.ferry.core.model.TableSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The columns a batch stages, fixed by the first header it sees: every header field that fills a
 * column of the table (others, like {@code attributes} or unmapped fields, are ignored). {@code Id}
 * and the modstamp field are required. Column 0 is always {@code sfid}.
 */
final class StagedColumns {
  private final TableSpec table;
  private final List<ColumnSpec> columns;

  private StagedColumns(TableSpec table, List<ColumnSpec> columns) {
    this.table = table;
    this.columns = List.copyOf(columns);
  }

  static StagedColumns fromHeader(TableSpec table, List<String> header) {
    List<ColumnSpec> cols = new ArrayList<>();
    ColumnSpec sfid = null;
    for (String name : header) {
      Optional<ColumnSpec> c = table.columnForSource(name);
      if (c.isEmpty() || cols.contains(c.get())) continue;
      if (c.get().role() == ColumnRole.SFID) sfid = c.get();
      else cols.add(c.get());
    }
    String modstamp = table.modstampColumn().sourcePath();
    if (sfid == null || !cols.contains(table.modstampColumn())) {
      throw new IllegalArgumentException(
          "rows for "
              + table.tableName()
              + " must carry Id and "
              + modstamp
              + "; header is "
              + header);
    }
    cols.add(0, sfid);
    return new StagedColumns(table, cols);
  }

  List<ColumnSpec> columns() {
    return columns;
  }

  boolean has(ColumnRole role) {
    return columns.stream().anyMatch(c -> c.role() == role);
  }

  @Nullable ColumnSpec byName(@Nullable String name) {
    return name == null
        ? null
        : columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }

  /**
   * For each staged column, its index in {@code header}. Throws when the header lacks one of them
   * (a later page must not silently null out a column).
   */
  int[] indexesIn(List<String> header) {
    int[] idx = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      ColumnSpec c = columns.get(i);
      idx[i] = -1;
      for (int h = 0; h < header.size(); h++) {
        if (header.get(h).equalsIgnoreCase(c.sourcePath())) {
          idx[i] = h;
          break;
        }
      }
      if (idx[i] < 0) {
        throw new IllegalArgumentException(
            "rows for "
                + table.tableName()
                + " changed shape: field "
                + c.sourcePath()
                + " missing from header "
                + header);
      }
    }
    return idx;
  }
}

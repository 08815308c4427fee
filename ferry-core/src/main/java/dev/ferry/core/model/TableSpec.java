package dev.ferry.core.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A mapped table as Ferry creates it in the connection schema: Heroku Connect's names, system
 * columns, types and indexes. Built by {@link TableDesigner}.
 *
 * @param objectName the Salesforce object ({@code Contact})
 * @param tableName the table ({@code contact}), unquoted
 * @param access the mapping's access, which decides the logger trigger's entry state
 * @param columns every column, system columns included
 * @param indexes {@code hc_idx_*} / {@code hcu_idx_*} indexes (the primary key is implied)
 * @param upsertColumn the column of the upsert field (unique identifier), or null
 * @param warnings things worth telling the user that do not block the mapping
 */
public record TableSpec(
    String objectName,
    String tableName,
    Access access,
    List<ColumnSpec> columns,
    List<IndexSpec> indexes,
    @Nullable String upsertColumn,
    List<String> warnings) {

  public TableSpec {
    PgIdentifiers.requireValid(tableName);
    columns = List.copyOf(columns);
    indexes = List.copyOf(indexes);
    warnings = List.copyOf(warnings);
  }

  public Optional<ColumnSpec> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The column filled from a Salesforce field path (case-insensitive), if any. */
  public Optional<ColumnSpec> columnForSource(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    return columns.stream()
        .filter(c -> c.sourcePath() != null && c.sourcePath().toLowerCase(Locale.ROOT).equals(p))
        .findFirst();
  }

  /** The change-detection column ({@code systemmodstamp} or {@code lastmodifieddate}). */
  public ColumnSpec modstampColumn() {
    return columns.stream()
        .filter(c -> c.role() == ColumnRole.MODSTAMP)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(tableName + " has no modstamp column"));
  }

  /** Columns filled from Salesforce data, in table order. */
  public List<ColumnSpec> syncedColumns() {
    return columns.stream().filter(ColumnSpec::isSynced).toList();
  }

  /** Field paths a query must select to fill every synced column. */
  public List<String> sourcePaths() {
    return syncedColumns().stream().map(ColumnSpec::sourcePath).toList();
  }

  public TableSpec withAccess(Access newAccess) {
    return new TableSpec(
        objectName, tableName, newAccess, columns, indexes, upsertColumn, warnings);
  }
}

package dev.ferry.emulator.soql;

import java.util.ArrayList;
import java.util.List;

/** The AggregateResult rows of an aggregate query (few, so computed up front). */
final class AggregateRows implements SoqlResult {
  private final String objectName;
  private final List<String> columns;
  private final List<ResultRow> rows;

  AggregateRows(String objectName, List<String> columns, List<ResultRow> rows) {
    this.objectName = objectName;
    this.columns = List.copyOf(columns);
    this.rows = List.copyOf(rows);
  }

  @Override
  public String objectName() {
    return objectName;
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public long totalSize() {
    return rows.size();
  }

  @Override
  public int size() {
    return rows.size();
  }

  @Override
  public ResultRow row(int index) {
    return rows.get(index);
  }

  @Override
  public List<Object> flatRow(int index) {
    ResultRow row = rows.get(index);
    List<Object> flat = new ArrayList<>(columns.size());
    for (String column : columns) flat.add(row.values().get(column));
    return flat;
  }
}

package dev.ferry.emulator.soql;

import java.util.List;

/** The result of a record query: references to the matched rows, projected when read. */
final class RowsResult implements SoqlResult {
  private final String objectName;
  private final List<String> columns;
  private final List<SoqlRow> rows;
  private final List<Projection.Node> nodes;
  private final List<Reader> columnReaders;

  RowsResult(
      String objectName,
      List<String> columns,
      List<SoqlRow> rows,
      List<Projection.Node> nodes,
      List<Reader> columnReaders) {
    this.objectName = objectName;
    this.columns = List.copyOf(columns);
    this.rows = rows;
    this.nodes = nodes;
    this.columnReaders = List.copyOf(columnReaders);
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
    return Projection.project(rows.get(index), nodes);
  }

  @Override
  public List<Object> flatRow(int index) {
    return Reader.readAll(columnReaders, rows.get(index));
  }
}

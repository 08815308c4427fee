package dev.ferry.emulator.soql;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads results in tests. */
final class Rows {
  private Rows() {}

  /** One column of every row, by flat column name. */
  static List<@Nullable Object> column(SoqlResult result, String column) {
    int index = result.columns().indexOf(column);
    if (index < 0) throw new IllegalArgumentException(column + " not in " + result.columns());
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < result.size(); i++) values.add(result.flatRow(i).get(index));
    return values;
  }

  static List<ResultRow> all(SoqlResult result) {
    List<ResultRow> rows = new ArrayList<>();
    for (int i = 0; i < result.size(); i++) rows.add(result.row(i));
    return rows;
  }

  static List<String> ids(SoqlResult result) {
    return all(result).stream().map(ResultRow::id).toList();
  }
}

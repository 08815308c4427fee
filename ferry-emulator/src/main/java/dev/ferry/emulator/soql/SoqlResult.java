package dev.ferry.emulator.soql;

import java.util.List;

/**
 * The rows a query matched, projected lazily so a million-row result costs a list of references
 * until pages are read.
 */
public interface SoqlResult {
  /** Canonical name of the FROM object ("AggregateResult" rows for aggregates). */
  String objectName();

  /**
   * The select list flattened to column paths in canonical spelling and select-list order, e.g.
   * {@code Id, Name, Account.Name} — the Bulk CSV header. Subqueries are not columns.
   */
  List<String> columns();

  /** All matching rows (after LIMIT); for {@code COUNT()} the count. */
  long totalSize();

  /** Rows available to read (0 for {@code COUNT()}). */
  int size();

  /** One row as a tree: parent relationships nested, subqueries as {@link ChildResult}. */
  ResultRow row(int index);

  /** One row flattened to {@link #columns()} order (parent paths resolved, null when absent). */
  List<Object> flatRow(int index);
}

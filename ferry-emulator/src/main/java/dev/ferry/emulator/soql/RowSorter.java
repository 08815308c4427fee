package dev.ferry.emulator.soql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * ORDER BY. Each key is read once per row into a column array, then row indices are sorted (a merge
 * sort on {@code int[]}, ties broken by the original position so equal rows keep the order the
 * store returned them in). When only the first rows are needed (OFFSET + LIMIT well below the row
 * count), a bounded heap keeps just those.
 */
final class RowSorter {
  /** One ORDER BY item: Salesforce's defaults are ASC NULLS FIRST and DESC NULLS LAST. */
  record Key(Reader reader, Comparator<Object> order, boolean descending, boolean nullsFirst) {}

  private final List<Key> keys;

  RowSorter(List<Key> keys) {
    this.keys = List.copyOf(keys);
  }

  /** Rows in order by precomputed key values (one array per row, in key order). */
  <R> List<R> sort(List<R> rows, List<@Nullable Object[]> keyValues, long needed) {
    int n = rows.size();
    Object[][] columns = new Object[keys.size()][];
    for (int k = 0; k < keys.size(); k++) columns[k] = new Object[n];
    for (int i = 0; i < n; i++) {
      Object[] values = keyValues.get(i);
      for (int k = 0; k < keys.size(); k++) columns[k][i] = normalize(values[k]);
    }
    return new Run(columns).ordered(rows, needed);
  }

  /**
   * Rows in order by reading each key from the row once; needed &lt; 0 means all rows are wanted,
   * otherwise only the first needed must be right.
   */
  List<SoqlRow> sortRows(List<SoqlRow> rows, long needed) {
    int n = rows.size();
    Object[][] columns = new Object[keys.size()][];
    for (int k = 0; k < keys.size(); k++) {
      Reader reader = keys.get(k).reader();
      Object[] column = new Object[n];
      for (int i = 0; i < n; i++) column[i] = normalize(reader.read(rows.get(i)));
      columns[k] = column;
    }
    return new Run(columns).ordered(rows, needed);
  }

  /** '' sorts as null, as Salesforce has no empty strings. */
  static @Nullable Object normalize(@Nullable Object value) {
    return Values.isNull(value) ? null : value;
  }

  /** One sort: the key columns of the rows being sorted. */
  private final class Run {
    private final Object[][] columns;

    Run(Object[][] columns) {
      this.columns = columns;
    }

    <R> List<R> ordered(List<R> rows, long needed) {
      int n = rows.size();
      int[] order = needed >= 0 && needed < n / 4 ? top((int) needed, n) : all(n);
      List<R> sorted = new ArrayList<>(order.length);
      for (int i : order) sorted.add(rows.get(i));
      return sorted;
    }

    private int compare(int a, int b) {
      for (int k = 0; k < keys.size(); k++) {
        Key key = keys.get(k);
        Object x = columns[k][a];
        Object y = columns[k][b];
        if (x == null && y == null) continue;
        if (x == null) return key.nullsFirst() ? -1 : 1;
        if (y == null) return key.nullsFirst() ? 1 : -1;
        int c = key.order().compare(x, y);
        if (c != 0) return key.descending() ? -c : c;
      }
      return Integer.compare(a, b);
    }

    private int[] all(int n) {
      int[] index = new int[n];
      for (int i = 0; i < n; i++) index[i] = i;
      mergeSort(index, new int[n], 0, n);
      return index;
    }

    private void mergeSort(int[] a, int[] buffer, int from, int to) {
      if (to - from < 2) return;
      if (to - from <= 16) {
        for (int i = from + 1; i < to; i++) {
          int v = a[i];
          int j = i - 1;
          while (j >= from && compare(a[j], v) > 0) {
            a[j + 1] = a[j];
            j--;
          }
          a[j + 1] = v;
        }
        return;
      }
      int mid = (from + to) >>> 1;
      mergeSort(a, buffer, from, mid);
      mergeSort(a, buffer, mid, to);
      if (compare(a[mid - 1], a[mid]) <= 0) return;
      System.arraycopy(a, from, buffer, from, to - from);
      int i = from;
      int j = mid;
      for (int k = from; k < to; k++) {
        if (j >= to || (i < mid && compare(buffer[i], buffer[j]) <= 0)) a[k] = buffer[i++];
        else a[k] = buffer[j++];
      }
    }

    private int[] top(int needed, int n) {
      if (needed == 0) return new int[0];
      PriorityQueue<Integer> worstFirst = new PriorityQueue<>(needed + 1, (a, b) -> compare(b, a));
      for (int i = 0; i < n; i++) {
        if (worstFirst.size() < needed) {
          worstFirst.add(i);
        } else if (compare(i, worstFirst.peek()) < 0) {
          worstFirst.poll();
          worstFirst.add(i);
        }
      }
      int[] result = new int[worstFirst.size()];
      for (int i = result.length - 1; i >= 0; i--) result[i] = worstFirst.poll();
      return result;
    }
  }
}

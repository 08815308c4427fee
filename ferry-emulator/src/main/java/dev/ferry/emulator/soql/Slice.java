package dev.ferry.emulator.soql;

import java.util.List;

/** OFFSET and LIMIT over a matched list, without copying it. */
final class Slice {
  private Slice() {}

  /** limit &lt; 0 means no LIMIT. */
  static <T> List<T> of(List<T> rows, long offset, long limit) {
    int from = (int) Math.min(offset, rows.size());
    long end = limit < 0 ? rows.size() : Math.min(rows.size(), from + limit);
    return rows.subList(from, (int) end);
  }

  static long count(long matched, long offset, long limit) {
    long afterOffset = Math.max(0, matched - offset);
    return limit < 0 ? afterOffset : Math.min(afterOffset, limit);
  }
}

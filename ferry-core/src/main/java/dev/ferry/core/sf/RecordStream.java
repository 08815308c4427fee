package dev.ferry.core.sf;

import java.util.Iterator;

/**
 * A lazily fetched sequence of records (REST query pages or Bulk result pages). Iterating fetches
 * the next page only when the current one is used up; close releases any open HTTP response. Not
 * thread-safe; iterate once.
 */
public interface RecordStream extends Iterator<SfRecord>, AutoCloseable {
  /** Columns of the records, known once the first page arrived (may trigger that fetch). */
  RecordHeader header();

  /** Total matching rows when the API reports it up front (REST {@code totalSize}), else -1. */
  long totalSize();

  @Override
  void close();
}

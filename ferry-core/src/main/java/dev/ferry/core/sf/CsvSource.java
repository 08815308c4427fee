package dev.ferry.core.sf;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes Bulk ingest CSV (RFC 4180, LF line endings, header row first, {@code #N/A} for null) on
 * demand, so a large upload is streamed and never held in memory. The client may call {@link
 * #writeTo} more than once (e.g. to split the data under the 100 MB upload limit it calls {@link
 * #rows} and writes ranges itself), so implementations must be repeatable.
 */
public interface CsvSource {
  RecordHeader header();

  /** Number of data rows. */
  int rowCount();

  /** Writes data rows [from, to) — without the header — as CSV lines. */
  void writeRows(int from, int to, Writer out) throws IOException;
}

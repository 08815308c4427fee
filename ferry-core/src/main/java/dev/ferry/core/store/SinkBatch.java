package dev.ferry.core.store;

import dev.ferry.core.sf.SfRecord;
import java.io.Reader;
import java.time.Instant;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;

/**
 * One transaction of a {@link dev.ferry.core.port.TableSink}: rows are streamed into a staging
 * table as they are added, then {@link #commit} merges them into the mapped table and advances the
 * watermark atomically. Closing without commit rolls everything back. Not thread-safe.
 *
 * <p>Every row needs {@code Id} and the modstamp field; the batch's columns are fixed by the first
 * header seen (later headers may add or reorder fields, but not drop one of those columns). Columns
 * of the table that the batch does not carry are left as they are.
 */
public interface SinkBatch extends AutoCloseable {

  /** Stages one record (REST result or parsed Bulk row). */
  void add(SfRecord record);

  /** Stages every record of {@code records}. */
  default void addAll(Iterator<SfRecord> records) {
    while (records.hasNext()) add(records.next());
  }

  /** Stages one raw Bulk API CSV page (header row first, RFC 4180). Returns the rows read. */
  long addCsv(Reader csvPage);

  /** Rows staged so far. */
  long staged();

  /**
   * Merges the staged rows into the table (by sfid, then by the upsert field; never replacing a row
   * with an older modstamp) and, in the same transaction, advances the mapping's CHANGES watermark
   * to {@code watermark} (null: leave it). The watermark never moves backwards.
   */
  MergeResult commit(@Nullable Instant watermark);

  /** Rolls back unless committed; releases the connection. */
  @Override
  void close();
}

package dev.ferry.core.port;

import dev.ferry.core.store.DeleteResult;
import dev.ferry.core.store.SinkBatch;
import dev.ferry.core.store.SinkOptions;
import dev.ferry.core.store.SinkTarget;
import java.time.Instant;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * Writes Salesforce data into a mapped table. The only writer of watermarks: progress is committed
 * in the transaction that merges (or deletes) the rows it covers. Rows are written as Ferry (never
 * captured in {@code _trigger_log}; {@code _hc_lastop} ends SYNCED).
 */
public interface TableSink {

  /** Opens a batch (one transaction); close it. */
  SinkBatch open(SinkTarget target, SinkOptions options);

  default SinkBatch open(SinkTarget target) {
    return open(target, SinkOptions.DEFAULT);
  }

  /**
   * Applies Salesforce deletes (getDeleted / queryAll results): removes the rows, or flags them
   * {@code isdeleted} per the target's {@link dev.ferry.core.store.DeleteMode}, and advances the
   * DELETES watermark to {@code watermark} (null: leave it) in the same transaction.
   */
  DeleteResult delete(SinkTarget target, Collection<String> sfids, @Nullable Instant watermark);

  /**
   * Clears the table for a reload (TRUNCATE: not captured, nothing is deleted in Salesforce) and
   * forgets the mapping's watermarks, in one transaction.
   */
  void clear(SinkTarget target);
}

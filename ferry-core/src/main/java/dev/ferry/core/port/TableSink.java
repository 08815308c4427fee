package dev.ferry.core.port;

import dev.ferry.core.store.DeleteResult;
import dev.ferry.core.store.SinkBatch;
import dev.ferry.core.store.SinkOptions;
import dev.ferry.core.store.SinkTarget;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
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
   * Starts a reload: forgets the mapping's watermarks (an interrupted reload is never taken for a
   * finished one) and the sfids an earlier reload noted. Nothing is deleted or truncated: a reload
   * merges every record into the table like a poll, so a record keeps its row and {@code id}, and
   * the application's rows, keys and triggers stay. Returns whether the table was empty (its pages
   * may then be appended straight: {@link SinkOptions#reload}).
   */
  boolean beginReload(SinkTarget target);

  /**
   * Up to {@code limit} sfids of rows the reload has not read, in sfid order after {@code
   * afterSfid} (null: from the start): rows with an sfid whose record no batch opened with {@link
   * SinkOptions#noteRead} carried. Only rows Ferry has written ({@code _hc_lastop} set) are listed:
   * an application's row from before its table was adopted is never a candidate for removal.
   */
  List<String> unread(SinkTarget target, @Nullable String afterSfid, int limit);

  /** How many sfids the running reload has noted (they live in an unlogged table). */
  long noted(SinkTarget target);

  /** Ends a reload: forgets the sfids it noted. */
  void endReload(SinkTarget target);
}

package dev.ferry.engine.read;

import dev.ferry.core.sf.SfRecord;
import dev.ferry.core.store.MergeResult;
import dev.ferry.core.store.SinkBatch;
import dev.ferry.core.store.SinkOptions;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A sink batch opened on the first row, so no database connection sits idle in a transaction while
 * a Bulk job runs in Salesforce. Commit checks the work's checkpoint first: an aborted poll rolls
 * back instead of committing.
 */
final class LazyBatch implements AutoCloseable {
  private final ReadContext w;
  private final SinkOptions options;
  private @Nullable SinkBatch batch;

  LazyBatch(ReadContext w, SinkOptions options) {
    this.w = w;
    this.options = options;
  }

  LazyBatch(ReadContext w) {
    this(w, SinkOptions.DEFAULT);
  }

  void add(SfRecord record) {
    open().add(record);
  }

  MergeResult commit(@Nullable Instant watermark) {
    w.check();
    return open().commit(watermark);
  }

  private SinkBatch open() {
    if (batch == null) batch = w.sink().open(w.target(), options);
    return batch;
  }

  @Override
  public void close() {
    if (batch != null) batch.close();
  }
}

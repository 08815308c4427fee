package dev.ferry.core.port;

import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.store.WriteBatch;
import java.util.List;

/**
 * Writes to Salesforce in flight ({@code ferry.write_batch}): recorded before the call, closed once
 * their outcomes are stored. What is still open after a writer died is what the next writer
 * reconciles.
 */
public interface WriteBatchStore {

  /** Records a batch about to be sent; returns it with its id. */
  WriteBatch open(WriteBatch batch);

  /** Records the Bulk ingest job of a batch (right after the job was created). */
  void attachJob(long batchId, String jobId);

  /** Forgets a finished batch. */
  void close(long batchId);

  /** Open batches of a connection, oldest first. */
  List<WriteBatch> openBatches(ConnectionId connection);
}

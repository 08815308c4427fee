package dev.ferry.engine.write;

import dev.ferry.core.port.TriggerLogs;
import dev.ferry.core.port.WriteBatchStore;
import java.util.Objects;

/**
 * The Postgres side of the write path: each connection's trigger log, and the in-flight batches
 * (ferry-store: {@code new WriteStores(jdbc.triggerLogs(), jdbc.writeBatches())}).
 */
public record WriteStores(TriggerLogs triggerLogs, WriteBatchStore batches) {
  public WriteStores {
    Objects.requireNonNull(triggerLogs, "triggerLogs");
    Objects.requireNonNull(batches, "batches");
  }
}

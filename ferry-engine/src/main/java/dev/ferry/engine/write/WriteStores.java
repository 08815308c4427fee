package dev.ferry.engine.write;

import dev.ferry.core.port.WriteBatchStore;
import java.util.Objects;

/**
 * The Postgres side of the write path: each connection's trigger log, and the in-flight batches
 * (ferry-store: {@code new WriteStores(jdbc::changeLog, jdbc.writeBatches())}).
 */
public record WriteStores(ChangeLogs changeLogs, WriteBatchStore batches) {
  public WriteStores {
    Objects.requireNonNull(changeLogs, "changeLogs");
    Objects.requireNonNull(batches, "batches");
  }
}

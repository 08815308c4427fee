package dev.ferry.core.port;

import dev.ferry.core.id.MappingId;
import dev.ferry.core.store.WatermarkKind;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Reads a mapping's progress marks. They are written only by {@link TableSink}. */
public interface WatermarkStore {
  Optional<Instant> read(MappingId mapping, WatermarkKind kind);

  /** Every mapping's mark of {@code kind} (mappings without one are absent), in one query. */
  Map<MappingId, Instant> readAll(WatermarkKind kind);
}

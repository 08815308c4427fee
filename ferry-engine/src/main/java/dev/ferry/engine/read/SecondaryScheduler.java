package dev.ferry.engine.read;

import dev.ferry.core.id.MappingId;
import java.time.Instant;

/** Where a finished primary poll asks for its secondary (drift) poll. */
@FunctionalInterface
public interface SecondaryScheduler {
  SecondaryScheduler NONE = (m, at) -> {};

  /** A secondary poll of {@code mapping} falls due at {@code at}. */
  void due(MappingId mapping, Instant at);
}

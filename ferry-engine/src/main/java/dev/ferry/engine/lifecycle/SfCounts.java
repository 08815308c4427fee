package dev.ferry.engine.lifecycle;

import dev.ferry.core.id.MappingId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each mapping's record count in Salesforce as this process last counted it (at every load, and by
 * a COUNT() every describe-check interval while polling): the API's {@code counts.sf}. Kept in
 * memory: a process that has not counted a mapping yet shows no count.
 */
public final class SfCounts {
  public record Count(long rows, Instant at) {}

  private final Map<MappingId, Count> counts = new ConcurrentHashMap<>();

  public void put(MappingId id, long rows, Instant at) {
    counts.put(id, new Count(rows, at));
  }

  public Optional<Count> get(MappingId id) {
    return Optional.ofNullable(counts.get(id));
  }

  public void forget(MappingId id) {
    counts.remove(id);
  }
}

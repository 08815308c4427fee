package dev.ferry.core.control;

import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.state.ConnectionState;
import dev.ferry.core.state.MappingState;
import dev.ferry.core.store.Backlog;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The cheap, cluster-wide numbers a monitor scrapes: every mapping's state and data watermark, and
 * every connection's state and write backlog, as stored (so every Ferry process reports the same).
 * A few small queries, no row counts.
 *
 * @param at when the numbers were read
 */
public record Vitals(Instant at, List<MappingVitals> mappings, List<ConnectionVitals> connections) {
  public Vitals {
    mappings = List.copyOf(mappings);
    connections = List.copyOf(connections);
  }

  /**
   * @param watermark the SystemModstamp up to which the table holds Salesforce's data (null before
   *     the first load finished)
   */
  public record MappingVitals(
      MappingId id,
      ConnectionId connection,
      String objectName,
      MappingState state,
      @Nullable Instant watermark) {}

  /**
   * @param backlog the connection's trigger log; null when there is none to read (no write path, or
   *     the schema is not bootstrapped yet)
   */
  public record ConnectionVitals(
      ConnectionId id,
      String name,
      String schemaName,
      ConnectionState state,
      @Nullable Backlog backlog) {}
}

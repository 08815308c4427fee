package dev.ferry.core.control;

import dev.ferry.core.id.ConnectionId;
import java.time.Instant;
import java.util.List;

/**
 * A connection's diagnostics: the connection's own checks and each mapping's (Heroku Connect's
 * {@code connect:diagnose}, plus Ferry's checks of lag, backlog, budget and drift).
 *
 * @param at when the facts were read
 */
public record Diagnosis(
    ConnectionId connection, Instant at, List<Check> checks, List<MappingDiagnosis> mappings) {
  public Diagnosis {
    checks = List.copyOf(checks);
    mappings = List.copyOf(mappings);
  }
}

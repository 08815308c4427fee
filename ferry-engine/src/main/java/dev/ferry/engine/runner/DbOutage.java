package dev.ferry.engine.runner;

import dev.ferry.core.error.DatabaseUnavailableException;
import dev.ferry.core.event.SyncEvents;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.port.MappingStore;
import dev.ferry.core.state.ConnectionState;
import dev.ferry.core.state.MappingState;
import dev.ferry.engine.env.EngineConfig;
import dev.ferry.engine.env.Sleeper;
import dev.ferry.engine.lifecycle.ConnectionStates;
import dev.ferry.engine.lifecycle.MappingStates;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker lost Postgres. A serialization failure or deadlock is just retried; a database that
 * answers again at once was a broken pooled connection. Otherwise the mapping is DB_UNAVAILABLE:
 * that cannot be written while the database is down, so it is announced ({@link
 * SyncEvents#databaseUnavailable}) and logged, the worker waits for the database, then records
 * DB_UNAVAILABLE (with when it started) and RECOVERY in the history and lets the mapping resume.
 */
public final class DbOutage {
  private static final Logger log = LoggerFactory.getLogger("dev.ferry.sync");
  private static final Set<String> CONFLICTS = Set.of("40001", "40P01");

  private final MappingStore mappings;
  private final MappingStates states;
  private final ConnectionStates connections;
  private final SyncEvents events;
  private final EngineConfig config;
  private final InstantSource clock;
  private final Sleeper sleeper;

  public DbOutage(
      MappingStore mappings,
      MappingStates states,
      ConnectionStates connections,
      SyncEvents events,
      EngineConfig config,
      InstantSource clock,
      Sleeper sleeper) {
    this.mappings = mappings;
    this.states = states;
    this.connections = connections;
    this.events = events;
    this.config = config;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Handles the failure; returns when the mapping should run next. */
  public Instant await(
      MappingId mapping, @Nullable ConnectionId connection, DatabaseUnavailableException e) {
    if (CONFLICTS.contains(e.sqlState()) || reachable(mapping)) {
      log.atInfo()
          .addKeyValue("mapping", mapping)
          .log("transient database failure, retrying: {}", e.getMessage());
      return clock.instant().plusSeconds(1);
    }
    Instant since = clock.instant();
    String error = String.valueOf(e.getMessage());
    log.atWarn()
        .setMessage("DB unavailable")
        .addKeyValue("event", "DB unavailable: " + error)
        .addKeyValue("object_type", "mapping")
        .addKeyValue("object_id", mapping)
        .addKeyValue("state", MappingState.DB_UNAVAILABLE)
        .log();
    events.databaseUnavailable(mapping, error);
    long deadline = System.nanoTime() + config.dbOutageMaxWait().toNanos();
    while (!reachable(mapping)) {
      if (System.nanoTime() > deadline) throw e;
      try {
        sleeper.sleep(config.dbRetry());
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw e;
      }
    }
    record(mapping, connection, since, error);
    return clock.instant();
  }

  private void record(
      MappingId mapping, @Nullable ConnectionId connection, Instant since, String error) {
    Duration down = Duration.between(since, clock.instant());
    states.request(
        mapping,
        m -> MappingState.DB_UNAVAILABLE,
        "DB unavailable since " + since + " (" + down.toSeconds() + " s)",
        error);
    if (connection != null) {
      connections.request(
          connection,
          c -> isRunning(c.state()) ? ConnectionState.DB_UNAVAILABLE : c.state(),
          "DB unavailable since " + since);
      connections.request(
          connection,
          c -> c.state() == ConnectionState.DB_UNAVAILABLE ? ConnectionState.IDLE : c.state(),
          "Database is back");
    }
    states.request(
        mapping,
        m -> m.state() == MappingState.DB_UNAVAILABLE ? MappingState.RECOVERY : m.state(),
        "Database is back; recovering",
        null);
  }

  private static boolean isRunning(ConnectionState s) {
    return s == ConnectionState.IDLE
        || s == ConnectionState.POLLING_DB_CHANGES
        || s == ConnectionState.BUSY
        || s == ConnectionState.RECOVERY;
  }

  private boolean reachable(MappingId mapping) {
    try {
      mappings.find(mapping);
      return true;
    } catch (DatabaseUnavailableException e) {
      return false;
    }
  }
}

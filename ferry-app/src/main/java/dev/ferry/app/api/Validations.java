package dev.ferry.app.api;

import dev.ferry.core.control.Diagnosis;
import dev.ferry.core.control.FerryService;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.log.LogContext;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Heroku Connect's asynchronous diagnostics ({@code POST /connections/{id}/validations} → {@code
 * result_url}): each run is started on a virtual thread and kept in this process's memory under a
 * random id for {@link #KEPT} (at most {@link #MAX_KEPT} runs), so the result URL answers only on
 * the process that started it.
 */
final class Validations implements AutoCloseable {
  static final Duration KEPT = Duration.ofHours(1);
  static final int MAX_KEPT = 200;

  record Run(ConnectionId connection, Instant startedAt, CompletableFuture<Diagnosis> result) {}

  private final FerryService service;
  private final InstantSource clock;
  private final Map<UUID, Run> runs = new ConcurrentHashMap<>();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  Validations(FerryService service, InstantSource clock) {
    this.service = service;
    this.clock = clock;
  }

  /** Starts diagnosing the connection (which must exist); returns the run's id. */
  UUID start(ConnectionId connection) {
    service.connection(connection); // 404 now rather than in the result
    expire();
    UUID id = UUID.randomUUID();
    CompletableFuture<Diagnosis> result =
        CompletableFuture.supplyAsync(
            () -> {
              try (LogContext lc = LogContext.connection(connection.toString())) {
                return service.diagnose(connection);
              }
            },
            executor);
    runs.put(id, new Run(connection, clock.instant(), result));
    return id;
  }

  Optional<Run> find(ConnectionId connection, UUID id) {
    Run run = runs.get(id);
    return run == null || !run.connection().equals(connection)
        ? Optional.empty()
        : Optional.of(run);
  }

  private void expire() {
    Instant cutoff = clock.instant().minus(KEPT);
    runs.values().removeIf(r -> r.startedAt().isBefore(cutoff));
    Iterator<Map.Entry<UUID, Run>> oldest =
        runs.entrySet().stream()
            .sorted(Map.Entry.comparingByValue(java.util.Comparator.comparing(Run::startedAt)))
            .toList()
            .iterator();
    while (runs.size() >= MAX_KEPT && oldest.hasNext()) runs.remove(oldest.next().getKey());
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}

package dev.ferry.engine.write;

import dev.ferry.core.event.SyncEvents;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.port.ConnectionStore;
import dev.ferry.core.port.JobSlots;
import dev.ferry.core.port.MappingStore;
import dev.ferry.core.port.NotificationStore;
import dev.ferry.core.store.Connection;
import dev.ferry.engine.budget.ApiBudgetGovernor;
import dev.ferry.engine.cluster.Slots;
import dev.ferry.engine.connect.SalesforceClients;
import dev.ferry.engine.env.EngineConfig;
import dev.ferry.engine.env.Sleeper;
import dev.ferry.engine.lifecycle.ConnectionStates;
import dev.ferry.engine.plan.MappingValidator;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write path of one Ferry process: a writer thread per connection (started and stopped as
 * connections come and go), each taking its connection's writer lease when free. Every process runs
 * one; with the default of one writer per connection, one process writes a connection at a time and
 * another takes over within the lease time (2 minutes) when it dies.
 */
public final class Writers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Writers.class);

  private final WriteDeps deps;
  private final Map<ConnectionId, Running> running = new ConcurrentHashMap<>();
  private final Map<ConnectionId, ConnectionWriter> manual = new ConcurrentHashMap<>();
  private volatile boolean started;
  private Thread supervisor;

  private record Running(ConnectionWriter writer, Thread thread) {}

  Writers(WriteDeps deps) {
    this.deps = deps;
  }

  /** The write path over the engine's collaborators. */
  public static Writers create(
      WriteStores stores,
      ConnectionStore connections,
      MappingStore mappings,
      JobSlots jobSlots,
      NotificationStore notifications,
      SalesforceClients clients,
      MappingValidator validator,
      Slots slots,
      ConnectionStates connectionStates,
      ApiBudgetGovernor budget,
      EngineConfig engine,
      WriteConfig config,
      SyncEvents events,
      InstantSource clock,
      Sleeper sleeper) {
    return new Writers(
        new WriteDeps(
            connections,
            stores,
            jobSlots,
            notifications,
            clients,
            new Targets(mappings, validator, engine.describeCheck(), clock),
            slots,
            connectionStates,
            budget,
            engine,
            config,
            events,
            clock,
            sleeper));
  }

  public WriteConfig config() {
    return deps.config();
  }

  /** Starts the writer threads (nothing when writes are disabled in this process). */
  public synchronized void start() {
    if (started || !deps.config().enabled()) return;
    started = true;
    supervisor =
        Thread.ofPlatform()
            .name("ferry-writers")
            .daemon(true)
            .start(() -> {
              while (started) {
                try {
                  reconcileThreads();
                } catch (RuntimeException e) {
                  log.debug("could not list connections: {}", e.toString());
                }
                sleep(supervisorEvery());
              }
            });
    log.atInfo()
        .addKeyValue("debounce_ms", deps.config().debounce().toMillis())
        .addKeyValue("bulk_threshold", deps.config().bulkThreshold())
        .log("write path started");
  }

  /** Stops every writer: each finishes its current Salesforce call, then stops. */
  public synchronized void stop() {
    if (!started) {
      manual.values().forEach(ConnectionWriter::close);
      manual.clear();
      return;
    }
    started = false;
    supervisor.interrupt();
    running.values().forEach(r -> r.writer().stop());
    for (Running r : running.values()) {
      try {
        r.thread().join(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    running.clear();
    manual.values().forEach(ConnectionWriter::close);
    manual.clear();
  }

  @Override
  public void close() {
    stop();
  }

  /** Wakes the connection's writers in every process (its trigger log's NOTIFY channel). */
  public void wake(Connection c) {
    Running r = running.get(c.id());
    if (r != null) r.writer().wake();
    deps.stores().triggerLogs().changeLog(c.schemaName()).wake();
  }

  /**
   * Runs one pass of the connection's writer on the calling thread: settles what was left in
   * flight, then writes everything claimable. For tests and tools that drive the engine by hand (no
   * writer threads); returns when the writer would look again.
   */
  public Duration runOnce(ConnectionId id) {
    if (started) throw new IllegalStateException("writer threads are running; use wake()");
    return manual.computeIfAbsent(id, k -> new ConnectionWriter(k, deps)).runOnce();
  }

  private void reconcileThreads() {
    Set<ConnectionId> present = new HashSet<>();
    for (Connection c : deps.connections().list()) {
      present.add(c.id());
      Running r = running.get(c.id());
      if (r != null && r.thread().isAlive()) continue;
      ConnectionWriter w = new ConnectionWriter(c.id(), deps);
      Thread t = Thread.ofPlatform().name("ferry-writer-" + c.name()).daemon(true).start(w::run);
      running.put(c.id(), new Running(w, t));
    }
    for (Map.Entry<ConnectionId, Running> e : running.entrySet()) {
      if (!present.contains(e.getKey())) {
        e.getValue().writer().stop();
        running.remove(e.getKey());
      }
    }
  }

  private Duration supervisorEvery() {
    Duration p = deps.config().pollInterval();
    return p.compareTo(Duration.ofSeconds(5)) < 0 ? p : Duration.ofSeconds(5);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package dev.ferry.engine.events;

import static dev.ferry.core.state.MappingState.*;

import dev.ferry.core.event.SyncEvents;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.port.CdcStore;
import dev.ferry.core.state.ConnectionState;
import dev.ferry.core.state.MappingState;
import dev.ferry.core.store.Connection;
import dev.ferry.core.store.Mapping;
import dev.ferry.engine.budget.ApiBudgetGovernor;
import dev.ferry.engine.cluster.Coordinator;
import dev.ferry.engine.connect.SalesforceClients;
import dev.ferry.engine.env.EngineConfig;
import dev.ferry.engine.env.SyncStores;
import dev.ferry.engine.plan.ModelCache;
import dev.ferry.engine.write.WriterLease;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accelerated polling in one Ferry process: for every connection with mappings that have {@code
 * sf_notify_enabled}, the process that holds the connection's {@code events:<connection>} lease
 * keeps their change-event streams (the others stand by and take over within the lease time when it
 * dies, resuming from the stored replay ids). A supervisor thread reconciles every few seconds: new
 * mappings get a stream, removed or disabled ones lose it, streams that fell back to polling are
 * tried again when due.
 */
public final class ChangeListeners implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChangeListeners.class);

  /** Mapping states in which the table is loaded and polled, so events are worth reading. */
  static final Set<MappingState> ACTIVE =
      Set.of(
          DATA_SYNCED,
          POLLING_SF_CHANGES,
          POLLING_SF_BULK,
          POLLING_SF_FOR_DELETES,
          WAIT_BULK_UPDATE,
          APPLYING_BULK_UPDATE,
          POLL_EXTERNAL_IDS);

  private static final Set<ConnectionState> USABLE =
      Set.of(
          ConnectionState.IDLE,
          ConnectionState.POLLING_DB_CHANGES,
          ConnectionState.BUSY,
          ConnectionState.RECOVERY);

  private final SyncStores stores;
  private final CdcStore cdc;
  private final SalesforceClients clients;
  private final EventConfig config;
  private final EngineConfig engine;
  private final InstantSource clock;
  private final StreamContext ctx;
  private final RecordRereader rereader;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService worker;
  private final ExecutorService triggers;
  private final Map<ConnectionId, ConnectionStreams> held = new ConcurrentHashMap<>();
  private final Set<ConnectionId> ensured = ConcurrentHashMap.newKeySet();
  private volatile boolean started;
  private Thread supervisor;
  private String lastError = "";

  public ChangeListeners(
      SyncStores stores,
      CdcStore cdc,
      SalesforceClients clients,
      ModelCache models,
      ApiBudgetGovernor budget,
      Coordinator coordinator,
      SyncEvents events,
      EngineConfig engine,
      EventConfig config,
      InstantSource clock) {
    this.stores = stores;
    this.cdc = cdc;
    this.clients = clients;
    this.config = config;
    this.engine = engine;
    this.clock = clock;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("ferry-events-timer").daemon(true).factory());
    this.worker =
        Executors.newFixedThreadPool(
            4, Thread.ofPlatform().name("ferry-events-", 0).daemon(true).factory());
    this.triggers =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("ferry-events-trigger").daemon(true).factory());
    this.ctx =
        new StreamContext(
            stores,
            cdc,
            coordinator,
            events,
            config,
            engine.blockedRecheck().multipliedBy(5),
            engine.safetyLag(),
            clock,
            scheduler,
            worker,
            triggers);
    this.rereader = new RecordRereader(stores, clients, models, budget, engine, clock);
  }

  /** Starts the supervisor (nothing when events are disabled in this process). */
  public synchronized void start() {
    if (started || !config.enabled()) return;
    started = true;
    supervisor =
        Thread.ofPlatform()
            .name("ferry-events")
            .daemon(true)
            .start(() -> {
              while (started) {
                try {
                  reconcile();
                } catch (RuntimeException e) {
                  log.debug("change-event supervisor: {}", e.toString());
                }
                sleep(every());
              }
            });
    log.atInfo()
        .addKeyValue("safety_poll_s", config.safetyPoll().toSeconds())
        .addKeyValue("debounce_ms", config.debounce().toMillis())
        .log("change-event listener started");
  }

  /** Closes every stream and releases the leases. */
  public synchronized void stop() {
    if (!started) return;
    started = false;
    supervisor.interrupt();
    try {
      supervisor.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    held.values().forEach(ConnectionStreams::close);
    held.clear();
    scheduler.shutdownNow();
    worker.shutdownNow();
    triggers.shutdownNow();
  }

  @Override
  public void close() {
    stop();
  }

  void reconcile() {
    Map<ConnectionId, List<Mapping>> wanted = new HashMap<>();
    Set<MappingId> notify = new HashSet<>();
    for (Mapping m : stores.mappings().listAll()) {
      if (!m.config().sfNotifyEnabled()) continue;
      notify.add(m.id());
      if (ACTIVE.contains(m.state())) {
        wanted.computeIfAbsent(m.connectionId(), k -> new ArrayList<>()).add(m);
      }
    }
    Set<ConnectionId> seen = new HashSet<>();
    for (Connection c : stores.connections().list()) {
      seen.add(c.id());
      List<Mapping> mappings = wanted.getOrDefault(c.id(), List.of());
      ConnectionStreams h = held.get(c.id());
      if (mappings.isEmpty() || !USABLE.contains(c.state())) {
        if (h != null) release(c.id());
        continue;
      }
      if (h != null && !h.renew()) {
        log.atInfo().addKeyValue("connection", c.id()).log("change-event lease lost");
        release(c.id());
        h = null;
      }
      if (h == null) {
        if (ensured.add(c.id())) stores.jobSlots().ensureSlots(ConnectionStreams.leaseKind(c), 1);
        Optional<WriterLease> lease =
            WriterLease.acquire(
                stores.jobSlots(),
                ConnectionStreams.leaseKind(c),
                engine.nodeName() + "/events",
                config.lease(),
                clock);
        if (lease.isEmpty()) continue; // another process holds the streams
        h = new ConnectionStreams(ctx, clients, rereader, lease.get(), c);
        held.put(c.id(), h);
        log.atInfo()
            .addKeyValue("connection", c.id())
            .log("holding the change-event streams of {}", c.name());
      }
      h.reconcile(c, mappings, clock.instant());
    }
    for (ConnectionId id : List.copyOf(held.keySet())) if (!seen.contains(id)) release(id);
    // a mapping whose events were turned off keeps no subscription row
    for (var s : cdc.list()) if (!notify.contains(s.mapping())) cdc.delete(s.mapping());
  }

  private void release(ConnectionId id) {
    ConnectionStreams h = held.remove(id);
    if (h != null) h.close();
  }

  private Duration every() {
    Duration third = config.lease().dividedBy(3);
    return third.compareTo(Duration.ofSeconds(2)) < 0 ? third : Duration.ofSeconds(2);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package dev.ferry.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.config.Settings;
import dev.ferry.core.control.FerryService;
import dev.ferry.core.control.NewConnection;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.store.PollKind;
import dev.ferry.core.store.PollWindow;
import dev.ferry.emulator.Emulator;
import dev.ferry.emulator.server.EmulatorOptions;
import dev.ferry.engine.FerryEngine;
import dev.ferry.engine.cluster.Slots;
import dev.ferry.engine.env.EngineSettings;
import dev.ferry.engine.support.MarkedSecretBox;
import dev.ferry.engine.support.TestStores;
import dev.ferry.salesforce.HttpSalesforceConnector;
import dev.ferry.testkit.PostgresExtension;
import dev.ferry.testkit.RecordingSyncEvents;
import dev.ferry.testkit.RecordingSyncEvents.PollFinished;
import dev.ferry.testkit.RecordingSyncEvents.SlotAcquired;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Ferry processes (two engines with their own pools, schedulers and Salesforce clients) on one
 * database share 50 mappings of 50 custom objects: every mapping is loaded and polled, no poll of a
 * mapping ever overlaps another or repeats its window, both processes do work, and the cluster-wide
 * limits — Bulk jobs per org and secondary polls — are never exceeded.
 */
class TwoProcessIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  private static final int OBJECTS = 50;
  private static final int BULK_SLOTS = 2;
  private static final int DRIFT_SLOTS = 2;

  @Test
  void fiftyMappingsAreSharedByTwoEnginesWithinTheClusterLimits(@TempDir Path dir)
      throws Exception {
    Path org = dir.resolve("org.json");
    Files.writeString(org, Orgs.withShips(OBJECTS));
    Map<String, Integer> generate = new LinkedHashMap<>();
    for (int i = 0; i < OBJECTS; i++) generate.put(object(i), i % 2 == 0 ? 20 : 5);
    RecordingSyncEvents eventsA = new RecordingSyncEvents();
    RecordingSyncEvents eventsB = new RecordingSyncEvents();
    try (Emulator emulator =
            Emulator.start(
                EmulatorOptions.builder()
                    .port(0)
                    .orgFile(org)
                    .generate(generate)
                    .bulkMinProcessing(Duration.ofMillis(30))
                    .build());
        TestStores storesA = new TestStores(PG, InstantSource.system(), 20);
        TestStores storesB = new TestStores(PG, InstantSource.system(), 20)) {
      FerryEngine a = engine("node-a", storesA, eventsA);
      FerryEngine b = engine("node-b", storesB, eventsB);
      Sampler sampler = new Sampler(storesA);
      try {
        FerryService service = a.service();
        ConnectionId connection =
            service
                .createConnection(
                    new NewConnection(
                        "two", "salesforce", SyncHarness.credentials(emulator), Map.of()))
                .connection()
                .id();
        String bulkKind = Slots.bulkKind(service.connection(connection).connection().orgId());
        sampler.start(bulkKind);
        a.start();
        b.start();
        List<MappingId> ids = new ArrayList<>();
        for (int i = 0; i < OBJECTS; i++) {
          MappingConfig config =
              MappingConfig.of(
                      Access.READ_ONLY,
                      List.of("Id", "SystemModstamp", "Name", "Code__c", "Value__c"))
                  .withPolling(2, false);
          ids.add(service.createMapping(connection, object(i), config).mapping().id());
        }

        await()
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> ids.stream().allMatch(id -> primaries(eventsA, eventsB, id) >= 3));
        // let some secondary polls run too
        await().atMost(Duration.ofMinutes(1)).until(() -> secondaries(eventsA, eventsB) >= OBJECTS);
        a.stop();
        b.stop();
        sampler.stop();

        for (MappingId id : ids) {
          assertThat(storesA.jdbc.schemaAdmin().rowCount("salesforce", table(ids.indexOf(id))))
              .isEqualTo(ids.indexOf(id) % 2 == 0 ? 20 : 5);
          assertSequential(storesA, id);
        }
        assertThat(eventsA.events(PollFinished.class)).isNotEmpty();
        assertThat(eventsB.events(PollFinished.class)).isNotEmpty();
        assertThat(sampler.maxBulk.get()).isBetween(1, BULK_SLOTS);
        assertThat(sampler.maxDrift.get()).isBetween(1, DRIFT_SLOTS);
        List<SlotAcquired> slots = new ArrayList<>(eventsA.events(SlotAcquired.class));
        slots.addAll(eventsB.events(SlotAcquired.class));
        // slots are numbered 1..K: no holder ever got one beyond the limit
        assertThat(slots).isNotEmpty();
        assertThat(slots)
            .allMatch(s ->
                s.slot() >= 1
                    && s.slot() <= (s.kind().equals(Slots.DRIFT) ? DRIFT_SLOTS : BULK_SLOTS));
      } finally {
        sampler.stop();
        a.stop();
        b.stop();
      }
    }
  }

  /** The primary polls of a mapping never overlap in time and never read the same window twice. */
  private static void assertSequential(TestStores stores, MappingId id) {
    List<PollWindow> windows =
        stores.sync.pollWindows().recent(id, 1000).stream()
            .filter(w -> w.kind() == PollKind.PRIMARY && w.parentId() == null)
            .sorted(Comparator.comparing(PollWindow::startedAt))
            .toList();
    assertThat(windows).hasSizeGreaterThanOrEqualTo(3);
    Set<String> bounds = new HashSet<>();
    for (int i = 0; i < windows.size(); i++) {
      PollWindow w = windows.get(i);
      assertThat(bounds.add(w.lower() + "/" + w.upper())).as("window read twice: %s", w).isTrue();
      if (i > 0) {
        PollWindow previous = windows.get(i - 1);
        assertThat(previous.finishedAt())
            .as("poll %s still running when %s started", previous.id(), w.id())
            .isNotNull();
        assertThat(w.startedAt()).isAfterOrEqualTo(previous.finishedAt());
        // each poll starts where the last one's watermark put it: forward, never back
        assertThat(w.upper()).isAfter(previous.upper());
        assertThat(w.lower()).isAfterOrEqualTo(previous.lower());
      }
    }
  }

  private static long primaries(RecordingSyncEvents a, RecordingSyncEvents b, MappingId id) {
    return a.count(PollFinished.class, p -> p.mapping().equals(id) && p.kind() == PollKind.PRIMARY)
        + b.count(PollFinished.class, p -> p.mapping().equals(id) && p.kind() == PollKind.PRIMARY);
  }

  private static long secondaries(RecordingSyncEvents a, RecordingSyncEvents b) {
    return a.count(PollFinished.class, p -> p.kind() == PollKind.SECONDARY)
        + b.count(PollFinished.class, p -> p.kind() == PollKind.SECONDARY);
  }

  private static FerryEngine engine(String node, TestStores stores, RecordingSyncEvents events) {
    Settings s =
        Settings.defaults(FerryEngine.settings())
            .with(EngineSettings.NODE_NAME, node)
            .with(EngineSettings.WORKER_THREADS, 4)
            .with(EngineSettings.SCHEDULER_POLL_MILLIS, 200)
            .with(EngineSettings.LARGE_QUERY_THRESHOLD, 10)
            .with(EngineSettings.BULK_MAX_JOBS, BULK_SLOTS)
            .with(EngineSettings.BULK_STATUS_POLL_MILLIS, 50)
            .with(EngineSettings.DRIFT_ENABLED, true)
            .with(EngineSettings.DRIFT_DELAY, Duration.ofSeconds(3))
            .with(EngineSettings.DRIFT_BATCH, Duration.ofSeconds(2))
            .with(EngineSettings.DRIFT_MAX_PARALLEL, DRIFT_SLOTS);
    return FerryEngine.builder()
        .stores(stores.sync)
        .dataSource(stores.pool)
        .connector(new HttpSalesforceConnector(SyncHarness::clientSettings))
        .secretBox(new MarkedSecretBox())
        .settings(s)
        .events(events)
        .build();
  }

  /** Samples the job-slot table: the truth about how many holders there are at once. */
  private static final class Sampler {
    final AtomicInteger maxBulk = new AtomicInteger();
    final AtomicInteger maxDrift = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean();
    private final TestStores stores;
    private Thread thread;

    Sampler(TestStores stores) {
      this.stores = stores;
    }

    void start(String bulkKind) {
      running.set(true);
      thread =
          Thread.ofPlatform()
              .name("slot-sampler")
              .start(() -> {
                while (running.get()) {
                  try {
                    maxBulk.accumulateAndGet(
                        stores.sync.jobSlots().holders(bulkKind).size(), Math::max);
                    maxDrift.accumulateAndGet(
                        stores.sync.jobSlots().holders(Slots.DRIFT).size(), Math::max);
                    Thread.sleep(5);
                  } catch (InterruptedException e) {
                    return;
                  } catch (RuntimeException e) {
                    // a failed sample is just skipped
                  }
                }
              });
    }

    void stop() throws InterruptedException {
      running.set(false);
      if (thread != null) thread.join();
    }
  }

  private static String object(int i) {
    return Orgs.ship(i);
  }

  private static String table(int i) {
    return object(i).toLowerCase();
  }
}

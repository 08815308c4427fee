package dev.ferry.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.ferry.core.config.Settings;
import dev.ferry.core.id.MappingId;
import dev.ferry.engine.env.EngineConfig;
import dev.ferry.engine.env.EngineSettings;
import dev.ferry.store.StoreDataSources;
import dev.ferry.store.control.ControlSchema;
import dev.ferry.testkit.PostgresExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two coordinators (two Ferry processes) on one database share the mapping tasks: every mapping
 * runs, both processes work, and no mapping ever runs on both at once.
 */
class DbSchedulerCoordinatorTest {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  private final List<DbSchedulerCoordinator> nodes = new ArrayList<>();
  private final Map<MappingId, String> running = new ConcurrentHashMap<>();
  private final List<String> overlaps = new CopyOnWriteArrayList<>();
  private final Map<MappingId, AtomicInteger> runs = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> runsByNode = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> secondaryRuns = new ConcurrentHashMap<>();
  private HikariDataSource pool;

  @BeforeEach
  void start() {
    pool = StoreDataSources.pooled(PG.hikariConfig());
    ControlSchema.migrate(pool);
    for (String name : List.of("node-a", "node-b")) {
      Settings s =
          Settings.defaults(EngineSettings.ALL)
              .with(EngineSettings.NODE_NAME, name)
              .with(EngineSettings.WORKER_THREADS, 4)
              .with(EngineSettings.SCHEDULER_POLL_MILLIS, 100);
      DbSchedulerCoordinator c = new DbSchedulerCoordinator(pool, EngineConfig.from(s));
      c.bind(work(name));
      c.start();
      nodes.add(c);
    }
  }

  @AfterEach
  void stop() {
    nodes.forEach(DbSchedulerCoordinator::stop);
    pool.close();
  }

  private Coordinator.Work work(String node) {
    return new Coordinator.Work() {
      @Override
      public @Nullable Instant runMapping(MappingId id) {
        String other = running.putIfAbsent(id, node);
        if (other != null) overlaps.add(id + " on " + node + " while on " + other);
        try {
          Thread.sleep(15);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        running.remove(id);
        runs.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        runsByNode.computeIfAbsent(node, k -> new AtomicInteger()).incrementAndGet();
        return Instant.now().plusMillis(200);
      }

      @Override
      public @Nullable Instant runSecondaries(MappingId id) {
        secondaryRuns.computeIfAbsent(id.toString(), k -> new AtomicInteger()).incrementAndGet();
        return null;
      }

      @Override
      public void housekeeping() {}
    };
  }

  @Test
  void fiftyMappingsAreSharedWithoutEverRunningTwiceAtOnce() {
    List<MappingId> ids = new ArrayList<>();
    for (int i = 0; i < 50; i++) ids.add(MappingId.random());
    ids.forEach(id -> nodes.get(i(id) % 2).ensureScheduled(id));

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> ids.stream().allMatch(id -> runs.containsKey(id) && runs.get(id).get() >= 5));

    assertThat(overlaps).isEmpty();
    assertThat(runsByNode.keySet()).containsExactlyInAnyOrder("node-a", "node-b");
    assertThat(runsByNode.values()).allMatch(n -> n.get() > 20);
  }

  @Test
  void aSecondaryBatchRunsOnceWhateverNodeAsksForIt() {
    MappingId id = MappingId.random();
    // both due times fall in the same one-second batch
    Instant due = Instant.ofEpochSecond(Instant.now().getEpochSecond() + 1).plusMillis(100);
    for (DbSchedulerCoordinator n : nodes) {
      n.secondaryDue(id, due, Duration.ofSeconds(1));
      n.secondaryDue(id, due.plusMillis(300), Duration.ofSeconds(1));
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> secondaryRuns.containsKey(id.toString()));
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
    assertThat(secondaryRuns.get(id.toString()).get()).isEqualTo(1);
  }

  @Test
  void triggerRunsAMappingNowEvenWhenItWasScheduledForLater() {
    MappingId id = MappingId.random();
    nodes.get(0).ensureScheduled(id);
    await().atMost(Duration.ofSeconds(20)).until(() -> runs.containsKey(id));
    int before = runs.get(id).get();
    nodes.get(1).trigger(id);
    await().atMost(Duration.ofSeconds(5)).until(() -> runs.get(id).get() > before);
    assertThat(Set.copyOf(overlaps)).isEmpty();
  }

  private static int i(MappingId id) {
    return Math.abs(id.hashCode());
  }
}

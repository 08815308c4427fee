package dev.ferry.store.slots;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.ferry.core.store.SlotLease;
import dev.ferry.store.StoreDataSources;
import dev.ferry.store.control.ControlSchema;
import dev.ferry.testkit.PostgresExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JobSlotsTest {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  static final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2024-06-01T00:00:00Z"));
  static HikariDataSource pool;
  static JdbcJobSlots slots;

  @BeforeAll
  static void setUp() {
    pool = StoreDataSources.pooled(PG.hikariConfig());
    ControlSchema.migrate(pool);
    slots = new JdbcJobSlots(pool, (InstantSource) () -> now.get());
  }

  @AfterAll
  static void close() {
    pool.close();
  }

  @Test
  void leasesExpireRenewAndRelease() {
    slots.ensureSlots("bulk:org1", 2);
    SlotLease a =
        slots.tryAcquire("bulk:org1", "node-a", Duration.ofMinutes(1), "job-1").orElseThrow();
    SlotLease b =
        slots.tryAcquire("bulk:org1", "node-b", Duration.ofMinutes(1), null).orElseThrow();
    assertThat(slots.tryAcquire("bulk:org1", "node-c", Duration.ofMinutes(1), null)).isEmpty();
    assertThat(slots.holders("bulk:org1"))
        .extracting(SlotLease::holder)
        .containsExactly("node-a", "node-b");

    now.set(now.get().plusSeconds(30));
    assertThat(slots.renew(a, Duration.ofMinutes(1))).isTrue();
    now.set(now.get().plusSeconds(45)); // b expired, a renewed
    SlotLease c =
        slots.tryAcquire("bulk:org1", "node-c", Duration.ofMinutes(1), null).orElseThrow();
    assertThat(c.slot()).isEqualTo(b.slot());
    assertThat(slots.renew(b, Duration.ofMinutes(1))).isFalse(); // lost to node-c
    slots.release(b); // a stale holder's release does nothing
    assertThat(slots.holders("bulk:org1"))
        .extracting(SlotLease::holder)
        .containsExactly("node-a", "node-c");
    slots.release(a);
    assertThat(slots.tryAcquire("bulk:org1", "node-d", Duration.ofMinutes(1), null)).isPresent();
  }

  @Test
  void shrinkingRemovesFreeSlots() {
    slots.ensureSlots("secondary", 3);
    SlotLease held = slots.tryAcquire("secondary", "n", Duration.ofMinutes(1), null).orElseThrow();
    slots.ensureSlots("secondary", 0);
    assertThat(slots.holders("secondary")).containsExactly(held);
    slots.release(held);
    slots.ensureSlots("secondary", 0);
    assertThat(slots.tryAcquire("secondary", "n", Duration.ofMinutes(1), null)).isEmpty();
  }

  @Test
  void neverMoreThanKHoldersUnderConcurrency() throws Exception {
    int k = 3;
    slots.ensureSlots("race", k);
    AtomicInteger inUse = new AtomicInteger();
    AtomicInteger maxInUse = new AtomicInteger();
    AtomicInteger acquired = new AtomicInteger();
    ExecutorService workers = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        String holder = "worker-" + w;
        futures.add(
            workers.submit(() -> {
              for (int i = 0; i < 40; i++) {
                Optional<SlotLease> lease =
                    slots.tryAcquire("race", holder, Duration.ofHours(1), null);
                if (lease.isEmpty()) continue;
                acquired.incrementAndGet();
                int n = inUse.incrementAndGet();
                maxInUse.accumulateAndGet(n, Math::max);
                assertThat(slots.holders("race").size()).isLessThanOrEqualTo(k);
                inUse.decrementAndGet();
                slots.release(lease.get());
              }
              return null;
            }));
      }
      for (Future<?> f : futures) f.get();
    } finally {
      workers.shutdownNow();
    }
    assertThat(acquired.get()).isPositive();
    assertThat(maxInUse.get()).isBetween(1, k);
    assertThat(slots.holders("race")).isEmpty();
  }
}

package dev.ferry.engine.it;

import static dev.ferry.core.state.MappingState.DATA_SYNCED;
import static dev.ferry.core.state.MappingState.POLLING_SF_CHANGES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.state.MappingState;
import dev.ferry.engine.env.EngineSettings;
import dev.ferry.testkit.PostgresExtension;
import dev.ferry.testkit.RecordingSyncEvents.Hold;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stopping the engine while a poll runs lets the poll finish normally: it still schedules its
 * secondary (drift) poll, and its mapping ends DATA_SYNCED, not SYSTEM_ERROR.
 */
class EngineStopIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  @Test
  void aPollRunningDuringTheStopEndsSynced() throws Exception {
    try (SyncHarness h =
        SyncHarness.builder(PG)
            .scheduled()
            .set(EngineSettings.DRIFT_ENABLED, true)
            .set(EngineSettings.SCHEDULER_POLL_MILLIS, 200)
            .start()) {
      MappingId id =
          h.map(
              "Contact",
              MappingConfig.of(Access.READ_ONLY, List.of("Id", "SystemModstamp", "LastName"))
                  .withPolling(1, false));
      h.events.awaitState(id, DATA_SYNCED);
      Hold hold = h.events.holdAt(id, POLLING_SF_CHANGES);
      hold.awaitReached(); // a scheduler thread is in a poll
      CompletableFuture<Void> stopping = CompletableFuture.runAsync(h.engine::stop);
      Thread.sleep(300); // the stop is waiting for the poll
      assertThat(stopping).isNotDone();
      hold.release();
      stopping.get(30, TimeUnit.SECONDS);

      MappingState state = h.stores.sync.mappings().find(id).orElseThrow().state();
      assertThat(state).isEqualTo(DATA_SYNCED);
    }
  }
}

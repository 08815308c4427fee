package dev.ferry.store.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.model.Access;
import dev.ferry.core.state.ConnectionState;
import dev.ferry.core.state.MappingState;
import dev.ferry.core.store.Connection;
import dev.ferry.core.store.Mapping;
import dev.ferry.core.store.StateChange;
import dev.ferry.store.Fixtures;
import dev.ferry.store.StoreHarness;
import dev.ferry.testkit.MutableInstantSource;
import dev.ferry.testkit.PostgresExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Old state changes are purged, but every mapping and connection keeps its newest one. */
class StateHistoryRetentionTest {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  @Test
  void changesOlderThanTheCutoffGoExceptTheNewestOfEachOwner() {
    MutableInstantSource clock = new MutableInstantSource(Instant.parse("2024-06-01T00:00:00Z"));
    try (StoreHarness h = new StoreHarness(PG, "salesforce", clock)) {
      Mapping busy =
          h.mappings.create(h.connection, "Account", Fixtures.contactConfig(Access.READ_ONLY));
      Mapping quiet =
          h.mappings.create(h.connection, "Contact", Fixtures.contactConfig(Access.READ_ONLY));
      long version = busy.stateVersion();
      for (int i = 0; i < 3; i++) {
        clock.advance(Duration.ofDays(1));
        MappingState to = i % 2 == 0 ? MappingState.POLLING_SF_CHANGES : MappingState.DATA_SYNCED;
        version =
            h.mappings
                .transition(busy.id(), version, to, "poll", null, null)
                .orElseThrow()
                .stateVersion();
      }
      Connection c = h.connections.find(h.connection).orElseThrow();
      h.connections.transition(c.id(), c.stateVersion(), ConnectionState.PAUSED, "pause", null);
      Instant cutoff = clock.instant(); // the last changes happened at the cutoff: they stay
      clock.advance(Duration.ofDays(40));

      int purged = h.mappings.purgeHistoryBefore(cutoff) + h.connections.purgeHistoryBefore(cutoff);

      // busy: created + 2 older polls gone, the change at the cutoff kept
      assertThat(h.mappings.history(busy.id(), 10))
          .extracting(StateChange::to)
          .containsExactly(MappingState.POLLING_SF_CHANGES.name());
      // quiet: only its creation, long ago — the newest of its history, so it stays
      assertThat(h.mappings.history(quiet.id(), 10))
          .extracting(StateChange::to)
          .containsExactly(MappingState.INITIAL.name());
      assertThat(h.connections.history(h.connection, 10))
          .extracting(StateChange::to)
          .containsExactly(ConnectionState.PAUSED.name());
      assertThat(purged).isEqualTo(3 + 1);
    }
  }
}

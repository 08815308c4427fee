package dev.ferry.engine.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.control.ConflictException;
import dev.ferry.core.control.FerryService;
import dev.ferry.core.control.NewConnection;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.state.ConnectionState;
import dev.ferry.core.state.MappingState;
import dev.ferry.core.store.Mapping;
import dev.ferry.engine.FerryEngine;
import dev.ferry.engine.cluster.ManualCoordinator;
import dev.ferry.engine.support.MarkedSecretBox;
import dev.ferry.engine.support.TestStores;
import dev.ferry.testkit.MutableInstantSource;
import dev.ferry.testkit.PostgresExtension;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The abort request follows the seed's table in every one of the 23 states: the six poll-phase
 * states go to DATA_SYNCED, the six load-phase states to ABORTED, and every other state refuses
 * (409: nothing to abort), unchanged. (That the work itself stops is proven with the emulator in
 * {@code AbortIT}.)
 */
class AbortTableTest {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  private static final Map<MappingState, MappingState> SEED = new EnumMap<>(MappingState.class);

  static {
    for (MappingState s :
        List.of(
            MappingState.POLLING_SF_CHANGES,
            MappingState.POLLING_SF_BULK,
            MappingState.POLLING_SF_FOR_DELETES,
            MappingState.WAIT_BULK_UPDATE,
            MappingState.APPLYING_BULK_UPDATE,
            MappingState.POLL_EXTERNAL_IDS)) {
      SEED.put(s, MappingState.DATA_SYNCED);
    }
    for (MappingState s :
        List.of(
            MappingState.SCHEMA_CHANGED,
            MappingState.RESYNC,
            MappingState.WAIT_BULK_LOAD,
            MappingState.LOADING_BULK_JOB,
            MappingState.RESOLVE_EXTERNAL_IDS,
            MappingState.RELOAD_TABLE)) {
      SEED.put(s, MappingState.ABORTED);
    }
  }

  private static TestStores stores;
  private static FerryEngine engine;
  private static FerryService service;
  private static ConnectionId connection;

  @BeforeAll
  static void start() {
    MutableInstantSource clock = MutableInstantSource.atSystemNow();
    stores = new TestStores(PG, clock);
    engine =
        FerryEngine.builder()
            .stores(stores.sync)
            .connector(c -> {
              throw new AssertionError("no Salesforce in this test");
            })
            .secretBox(new MarkedSecretBox())
            .clock(clock)
            .coordinator(new ManualCoordinator(clock))
            .build();
    engine.start();
    service = engine.service();
    connection =
        service
            .createConnection(new NewConnection("abort", "salesforce", null, Map.of()))
            .connection()
            .id();
  }

  @AfterAll
  static void stop() throws Exception {
    engine.stop();
    stores.close();
  }

  @Test
  void aConnectionWithoutCredentialsWaitsForAuthentication() {
    assertThat(service.connection(connection).connection().state())
        .isEqualTo(ConnectionState.NEED_AUTHENTICATION);
    assertThatThrownBy(() -> service.pause(connection))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("NEED_AUTHENTICATION");
  }

  @ParameterizedTest
  @EnumSource(MappingState.class)
  void abortFollowsTheSeedTable(MappingState state) {
    Mapping created =
        stores
            .sync
            .mappings()
            .create(
                connection,
                "Obj_" + state.ordinal() + "__c",
                MappingConfig.of(Access.READ_ONLY, List.of("Id", "SystemModstamp")));
    Mapping m =
        stores
            .sync
            .mappings()
            .transition(created.id(), created.stateVersion(), state, "test", null, null)
            .orElseThrow();
    MappingState expected = SEED.get(state);
    if (expected == null) {
      assertThatThrownBy(() -> service.abort(m.id()))
          .isInstanceOf(ConflictException.class)
          .hasMessageContaining("nothing to abort")
          .hasMessageContaining(state.name());
      assertThat(service.mapping(m.id()).mapping().state()).isEqualTo(state);
    } else {
      service.abort(m.id());
      assertThat(service.mapping(m.id()).mapping().state()).isEqualTo(expected);
      assertThat(service.mappingHistory(m.id(), 1).get(0).reason()).isEqualTo("Aborted by user");
    }
  }
}

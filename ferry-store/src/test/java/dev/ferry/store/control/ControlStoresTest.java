package dev.ferry.store.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.error.ConfigException;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.state.ConnectionState;
import dev.ferry.core.state.MappingState;
import dev.ferry.core.store.Connection;
import dev.ferry.core.store.Mapping;
import dev.ferry.core.store.NewPollWindow;
import dev.ferry.core.store.PollApi;
import dev.ferry.core.store.PollKind;
import dev.ferry.core.store.PollStatus;
import dev.ferry.core.store.PollWindow;
import dev.ferry.core.store.StampRange;
import dev.ferry.store.Fixtures;
import dev.ferry.store.StoreHarness;
import dev.ferry.testkit.PostgresExtension;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ControlStoresTest {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();
  static final Instant T0 = Instant.parse("2024-06-01T00:00:00Z");
  static StoreHarness h;

  @BeforeAll
  static void setUp() {
    h = new StoreHarness(PG, "salesforce");
  }

  @AfterAll
  static void close() {
    h.close();
  }

  @Test
  void mappingConfigRoundTripsAsHerokuConnectJson() {
    MappingConfig config =
        Fixtures.contactConfig(Access.READ_WRITE).withPolling(5, true).withMaxDailyApiCalls(1234);
    Mapping m = h.mappings.create(h.connection, "Contact", config);
    assertThat(m.config()).isEqualTo(config);
    assertThat(m.state()).isEqualTo(MappingState.INITIAL);
    assertThat(m.revision()).isEqualTo(1);
    assertThat(h.ferry.scalar("SELECT config::text FROM ferry.mapping WHERE id = '" + m.id() + "'"))
        .startsWith(
            "{\"access\" : \"read_write\", \"sf_notify_enabled\" : true, \"sf_polling_seconds\" : 5")
        .contains("\"fields\" : { \"Id\" : {}, \"IsDeleted\" : {}")
        .contains("\"indexes\" : { \"Id\" : {\"unique\" : true}")
        .endsWith("\"upsert_field\" : \"Contact_UUID__c\"}");
    assertThatThrownBy(() -> h.mappings.create(h.connection, "Contact", config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("already mapped");

    MappingConfig readOnly = config.withAccess(Access.READ_ONLY).withUpsertField(null);
    assertThat(h.mappings.updateConfig(m.id(), 1, readOnly))
        .get()
        .satisfies(u -> {
          assertThat(u.revision()).isEqualTo(2);
          assertThat(u.config()).isEqualTo(readOnly);
        });
    assertThat(h.mappings.updateConfig(m.id(), 1, config)).isEmpty();
    assertThat(h.mappings.find(h.connection, "contact")).isPresent();
    h.mappings.delete(m.id());
  }

  @Test
  void owedReadsAccumulateUntilDoneAndGoWithTheMapping() {
    Mapping m = h.mappings.create(h.connection, "Lead", Fixtures.contactConfig(Access.READ_ONLY));
    MappingId id = m.id();
    assertThat(h.mappings.unfilledColumns(id)).isEmpty();
    h.mappings.addUnfilledColumns(id, List.of("phone", "title"));
    h.mappings.addUnfilledColumns(id, List.of("title", "department"));
    assertThat(h.mappings.unfilledColumns(id))
        .containsExactlyInAnyOrder("phone", "title", "department");
    h.mappings.removeUnfilledColumns(id, List.of("phone", "title"));
    assertThat(h.mappings.unfilledColumns(id)).containsExactly("department");
    h.mappings.removeUnfilledColumns(id, List.of("department"));
    assertThat(h.mappings.unfilledColumns(id)).isEmpty();

    StampRange first = new StampRange(T0, T0.plusSeconds(10));
    h.mappings.addUnresolvedExternalIds(id, first);
    h.mappings.addUnresolvedExternalIds(id, new StampRange(T0, T0.plusSeconds(30)));
    assertThat(h.mappings.unresolvedExternalIds(id))
        .contains(new StampRange(T0, T0.plusSeconds(30)));
    // a pass over a narrower range leaves the rest owed
    h.mappings.externalIdsResolved(id, first);
    assertThat(h.mappings.unresolvedExternalIds(id)).isPresent();
    h.mappings.externalIdsResolved(id, new StampRange(T0.minusSeconds(5), T0.plusSeconds(30)));
    assertThat(h.mappings.unresolvedExternalIds(id)).isEmpty();

    h.mappings.addUnfilledColumns(id, List.of("phone"));
    h.mappings.addUnresolvedExternalIds(id, first);
    h.mappings.clearPendingReads(id);
    assertThat(h.mappings.unfilledColumns(id)).isEmpty();
    assertThat(h.mappings.unresolvedExternalIds(id)).isEmpty();

    h.mappings.addUnfilledColumns(id, List.of("phone"));
    h.mappings.delete(id);
    assertThat(h.ferry.scalar("SELECT count(*)::text FROM ferry.pending_read")).isEqualTo("0");
  }

  @Test
  void stateTransitionsAreCompareAndSetAndRecorded() {
    Mapping m =
        h.mappings.create(
            h.connection,
            "Account",
            Fixtures.contactConfig(Access.READ_ONLY).withUpsertField(null));
    Mapping loading =
        h.mappings
            .transition(
                m.id(),
                m.stateVersion(),
                MappingState.RELOAD_TABLE,
                "table created",
                "Loading table account via BULK",
                null)
            .orElseThrow();
    assertThat(loading.stateVersion()).isEqualTo(m.stateVersion() + 1);
    assertThat(loading.stateDetail()).isEqualTo("Loading table account via BULK");
    // a second writer with the old version loses
    assertThat(
            h.mappings.transition(
                m.id(), m.stateVersion(), MappingState.ABORTED, "abort", null, null))
        .isEmpty();
    Mapping failed =
        h.mappings
            .transition(
                m.id(),
                loading.stateVersion(),
                MappingState.BULK_LOAD_ERROR,
                "bulk job failed",
                null,
                "InvalidBatch: too many rows")
            .orElseThrow();
    assertThat(failed.error()).isEqualTo("InvalidBatch: too many rows");
    assertThat(h.mappings.history(m.id(), 10))
        .extracting(c -> c.from() + "->" + c.to() + ":" + c.reason())
        .containsExactly(
            "RELOAD_TABLE->BULK_LOAD_ERROR:bulk job failed",
            "INITIAL->RELOAD_TABLE:table created",
            "null->INITIAL:mapping created");
    h.mappings.delete(m.id());
  }

  @Test
  void connectionsKeepStateFeaturesAndCredentials() {
    Connection c = h.connections.create("org-2", "sf_two", Map.of("poll_db_no_merge", true));
    assertThat(c.state()).isEqualTo(ConnectionState.NEW);
    assertThat(c.features()).containsEntry("poll_db_no_merge", true);
    h.connections.updateOrg(c.id(), "00D000000000002AAA", "https://x.my.salesforce.com", "62.0");
    h.connections.updateCredentials(c.id(), new byte[] {1, 2, 3});
    h.connections.updateFeatures(
        c.id(), Map.of("poll_db_no_merge", false, "disable_bulk_writes", true));
    Connection idle =
        h.connections
            .transition(c.id(), c.stateVersion(), ConnectionState.IDLE, "authorized", null)
            .orElseThrow();
    assertThat(idle.orgId()).isEqualTo("00D000000000002AAA");
    assertThat(idle.credentials()).containsExactly(1, 2, 3);
    assertThat(idle.features())
        .containsEntry("poll_db_no_merge", false)
        .containsEntry("disable_bulk_writes", true);
    assertThat(
            h.connections.transition(c.id(), c.stateVersion(), ConnectionState.PAUSED, null, null))
        .isEmpty();
    assertThat(h.connections.history(c.id(), 5))
        .extracting(s -> s.to())
        .containsExactly("IDLE", "NEW");
    assertThatThrownBy(() -> h.connections.create("org-3", "sf_two", Map.of()))
        .isInstanceOf(ConfigException.class);
    assertThat(h.connections.delete(c.id())).isTrue();
  }

  @Test
  void pollWindowsRecordPrimariesAndTheirSecondaries() {
    MappingId m =
        h.mappings
            .create(
                h.connection,
                "Lead",
                MappingConfig.of(Access.READ_ONLY, List.of("Id", "SystemModstamp")))
            .id();
    long job =
        h.pollWindowStore()
            .start(
                new NewPollWindow(
                    m, PollKind.PRIMARY, null, T0, T0.plusSeconds(3600), PollApi.BULK, null, null));
    long chunk =
        h.pollWindowStore()
            .start(
                new NewPollWindow(
                    m,
                    PollKind.PRIMARY,
                    job,
                    T0,
                    T0.plusSeconds(600),
                    PollApi.BULK,
                    "750x",
                    T0.plusSeconds(900)));
    h.pollWindowStore().finish(chunk, 12000, 0, List.of());
    long later =
        h.pollWindowStore()
            .start(
                new NewPollWindow(
                    m,
                    PollKind.PRIMARY,
                    job,
                    T0.plusSeconds(600),
                    T0.plusSeconds(1200),
                    PollApi.BULK,
                    "750x",
                    T0.plusSeconds(1500)));
    h.pollWindowStore().finish(later, 8000, 0, List.of());

    assertThat(h.pollWindowStore().dueSecondaries(T0.plusSeconds(1000), 10))
        .extracting(PollWindow::id)
        .containsExactly(chunk);
    assertThat(h.pollWindowStore().claimSecondary(chunk, T0.plusSeconds(1000))).isTrue();
    assertThat(h.pollWindowStore().claimSecondary(chunk, T0.plusSeconds(1000))).isFalse();
    long secondary =
        h.pollWindowStore()
            .start(
                new NewPollWindow(
                    m,
                    PollKind.SECONDARY,
                    chunk,
                    T0,
                    T0.plusSeconds(600),
                    PollApi.BULK,
                    "751y",
                    null));
    h.pollWindowStore().finish(secondary, 12003, 3, List.of("00Q1", "00Q2", "00Q3"));

    PollWindow primary = h.pollWindowStore().find(chunk).orElseThrow();
    assertThat(primary.secondaryDoneAt()).isNotNull();
    assertThat(primary.rows()).isEqualTo(12000);
    assertThat(h.pollWindowStore().find(secondary).orElseThrow())
        .satisfies(s -> {
          assertThat(s.repairedCount()).isEqualTo(3);
          assertThat(s.repairedIds()).containsExactly("00Q1", "00Q2", "00Q3");
          assertThat(s.status()).isEqualTo(PollStatus.DONE);
        });
    assertThat(h.pollWindowStore().dueSecondaries(T0.plusSeconds(2000), 10))
        .extracting(PollWindow::id)
        .containsExactly(later);
    h.pollWindowStore().fail(job, PollStatus.ABORTED, "aborted by user");
    assertThat(h.pollWindowStore().recent(m, 10))
        .extracting(PollWindow::id)
        .containsExactly(secondary, later, chunk, job);
  }

  @Test
  void apiBudgetKeepsTheNewestObservationAndCountsMappingCalls() {
    JdbcApiBudgetStore budget = new JdbcApiBudgetStore(h.ferryPool);
    budget.observe("00D1", 100, 15000, T0.plusSeconds(10));
    budget.observe("00D1", 90, 15000, T0); // older report arrives late: ignored
    assertThat(budget.read("00D1"))
        .get()
        .satisfies(b -> {
          assertThat(b.used()).isEqualTo(100);
          assertThat(b.fractionUsed())
              .isCloseTo(100 / 15000.0, org.assertj.core.data.Offset.offset(1e-9));
        });
    MappingId m =
        h.mappings
            .create(
                h.connection,
                "Case",
                MappingConfig.of(Access.READ_ONLY, List.of("Id", "SystemModstamp")))
            .id();
    LocalDate day = LocalDate.of(2024, 6, 1);
    budget.addMappingCalls(m, day, 3);
    assertThat(budget.addMappingCalls(m, day, 4)).isEqualTo(7);
    assertThat(budget.mappingCalls(m, day.plusDays(1))).isZero();
  }

  @Test
  void notificationsListUnacknowledgedFirst() {
    JdbcNotificationStore n = new JdbcNotificationStore(h.ferryPool, () -> T0);
    long a = n.add(h.connection, null, "write_failed", "3 records failed");
    long b = n.add(h.connection, null, "drift_repaired", "2 rows repaired");
    assertThat(n.acknowledge(b, T0)).isTrue();
    assertThat(n.acknowledge(b, T0)).isFalse();
    assertThat(n.recent(h.connection, 10)).extracting(x -> x.id()).containsExactly(a, b);
  }
}

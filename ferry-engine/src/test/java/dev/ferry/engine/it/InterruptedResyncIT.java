package dev.ferry.engine.it;

import static dev.ferry.core.state.MappingState.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.state.MappingState;
import dev.ferry.engine.env.EngineSettings;
import dev.ferry.testkit.EmulatorControls.Fault;
import dev.ferry.testkit.PostgresExtension;
import dev.ferry.testkit.RecordingSyncEvents.DatabaseUnavailable;
import dev.ferry.testkit.RecordingSyncEvents.Hold;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RESYNC (new fields back-filled) cut short by each interruption the seed's states name — an auth
 * error (UNAUTHORIZED), an inactive org (INACTIVE_ORG), a database outage (DB_UNAVAILABLE) and
 * something unexpected (SYSTEM_ERROR) — is finished by the RECOVERY that follows: the new column
 * ends up holding Salesforce's values, not empty for good.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InterruptedResyncIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  private static final List<String> BASE = List.of("Id", "SystemModstamp", "LastName");

  private SyncHarness h;
  private MappingId contact;
  private List<String> ids;

  @BeforeAll
  void start() {
    Map<String, Integer> data = new LinkedHashMap<>();
    data.put("Account", 2);
    data.put("Contact", 30);
    h =
        SyncHarness.builder(PG)
            .generate(data)
            .set(EngineSettings.DB_RETRY, Duration.ofSeconds(1))
            .start();
    contact = h.map("Contact", MappingConfig.of(Access.READ_ONLY, BASE));
    h.advance(Duration.ofSeconds(3));
    h.runUntil(contact, DATA_SYNCED, 2);
    ids = ReadPathIT.ids(h, "Contact");
  }

  @AfterAll
  void stop() throws Exception {
    h.close();
  }

  @Test
  void anAuthErrorDuringTheBackfill() {
    String value =
        resyncInterrupted(
            "Department",
            () -> {
              h.controls.expireSessions();
              h.controls.fault(Fault.of("oauth", 400, "invalid_grant", 1000));
            },
            UNAUTHORIZED);
    h.controls.clearFaults();
    h.service.authorize(h.connection, SyncHarness.credentials(h.emulator));
    recoveredWith("department", value);
  }

  @Test
  void anInactiveOrgDuringTheBackfill() {
    String value = resyncInterrupted("Title", () -> h.controls.orgActive(false), INACTIVE_ORG);
    h.controls.orgActive(true);
    h.service.recover(h.connection);
    recoveredWith("title", value);
  }

  @Test
  void somethingUnexpectedDuringTheBackfill() {
    String value =
        resyncInterrupted(
            "Fax",
            () -> h.controls.fault(Fault.of("query", 400, "UNKNOWN_EXCEPTION", 1000)),
            SYSTEM_ERROR);
    h.controls.clearFaults();
    h.service.recover(h.connection);
    recoveredWith("fax", value);
  }

  @Test
  void aDatabaseOutageDuringTheBackfill() {
    String value = "Languages-" + System.nanoTime();
    setInSalesforce("Languages__c", value);
    h.service.updateMapping(contact, with("Languages__c"));
    Hold hold = h.events.holdAt(contact, RESYNC);
    CompletableFuture<Void> run = CompletableFuture.runAsync(() -> h.run(contact));
    hold.awaitReached();
    PostgresExtension.server().stop();
    try {
      hold.release();
      h.events.await(DatabaseUnavailable.class, e -> e.mapping().equals(contact));
    } finally {
      PostgresExtension.server().start();
    }
    run.orTimeout(120, TimeUnit.SECONDS).join();
    assertThat(h.service.mappingHistory(contact, 10).stream().map(c -> c.to()))
        .contains(DB_UNAVAILABLE.name(), RECOVERY.name());
    recoveredWith("languages__c", value);
  }

  // ---- helpers

  /**
   * Sets {@code field} on 5 contacts in Salesforce, adds it to the mapping, holds the worker in
   * RESYNC, breaks something, lets it go on and checks it ended in {@code failed}; returns the
   * value set.
   */
  private String resyncInterrupted(String field, Runnable breakIt, MappingState failed) {
    String value = field + "-" + System.nanoTime();
    setInSalesforce(field, value);
    h.service.updateMapping(contact, with(field));
    Hold hold = h.events.holdAt(contact, RESYNC);
    CompletableFuture<Void> run = CompletableFuture.runAsync(() -> h.run(contact));
    try {
      hold.awaitReached();
      breakIt.run();
    } finally {
      hold.release();
    }
    run.orTimeout(60, TimeUnit.SECONDS).join();
    assertThat(h.state(contact)).isEqualTo(failed);
    return value;
  }

  /**
   * Sets {@code field} on 5 contacts and polls them in before the field is mapped: from then on
   * only the back-fill can bring its values (no later poll reads those records again).
   */
  private void setInSalesforce(String field, String value) {
    for (int i = 0; i < 5; i++) h.update("Contact", ids.get(i), Map.of(field, value));
    h.advance(Duration.ofSeconds(3));
    h.run(contact);
    assertThat(h.state(contact)).isEqualTo(DATA_SYNCED);
  }

  /** Runs the recovery through; the column holds Salesforce's values. */
  private void recoveredWith(String column, String value) {
    h.runUntil(contact, DATA_SYNCED, 4);
    assertThat(h.events.states(contact)).containsSubsequence(RECOVERY, RESYNC, DATA_SYNCED);
    assertThat(
            h.db.count(
                "SELECT count(*) FROM salesforce.contact WHERE " + column + " = '" + value + "'"))
        .as("rows whose new column %s was back-filled after the recovery", column)
        .isEqualTo(5);
    h.events.clear();
  }

  private MappingConfig with(String field) {
    List<String> fields = new ArrayList<>(BASE);
    fields.add(field);
    return MappingConfig.of(Access.READ_ONLY, fields);
  }
}

package dev.ferry.engine.it;

import static dev.ferry.core.state.MappingState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.control.ConflictException;
import dev.ferry.core.control.SalesforceCredentials;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.state.ConnectionState;
import dev.ferry.core.state.MappingState;
import dev.ferry.core.store.StateChange;
import dev.ferry.emulator.server.EmulatorOptions;
import dev.ferry.engine.env.EngineSettings;
import dev.ferry.testkit.PostgresExtension;
import dev.ferry.testkit.RecordingSyncEvents.BulkWindowSplit;
import dev.ferry.testkit.RecordingSyncEvents.DatabaseUnavailable;
import dev.ferry.testkit.RecordingSyncEvents.Hold;
import dev.ferry.testkit.RecordingSyncEvents.PollFinished;
import dev.ferry.testkit.RecordingSyncEvents.PollStarted;
import dev.ferry.testkit.RecordingSyncEvents.StateChanged;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The states a mapping enters when something goes wrong, each in the situation the seed describes,
 * and the way back: UNAUTHORIZED (refresh token revoked) and re-authorization through RECOVERY;
 * INACTIVE_ORG; BULK_LOAD_ERROR (Salesforce fails the Bulk job even in narrower windows) and the
 * split that saves a load when narrower windows succeed; SYSTEM_ERROR; DB_UNAVAILABLE with the
 * database stopped and started again; SYNC_REMOVED; pause and resume.
 */
class FailureStatesIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  private static SyncHarness.Builder harness() {
    Map<String, Integer> data = new LinkedHashMap<>();
    data.put("Account", 3);
    data.put("Contact", 30);
    return SyncHarness.builder(PG).generate(data);
  }

  @Test
  void expiredSessionsRenewThemselvesButARevokedRefreshTokenIsUnauthorizedUntilReauthorized()
      throws Exception {
    try (SyncHarness h = harness().start()) {
      MappingId id = h.map("Contact", "Id", "SystemModstamp", "LastName");
      h.advance(Duration.ofSeconds(3));
      h.runUntil(id, DATA_SYNCED, 2);

      String refresh = h.controls.refreshToken();
      SalesforceCredentials byToken =
          new SalesforceCredentials(
              h.emulator.baseUrl().toString(),
              SalesforceCredentials.Flow.REFRESH_TOKEN,
              EmulatorOptions.DEFAULT_CLIENT_ID,
              EmulatorOptions.DEFAULT_CLIENT_SECRET,
              null,
              null,
              refresh,
              null,
              null);
      h.service.authorize(h.connection, byToken);
      h.controls.expireSessions(); // access tokens die; the refresh token gets a new one
      h.advance(Duration.ofSeconds(3));
      h.run(id);
      assertThat(h.state(id)).isEqualTo(DATA_SYNCED);

      revoke(h, refresh); // takes its access tokens with it
      h.advance(Duration.ofSeconds(3));
      h.run(id);
      assertThat(h.state(id)).isEqualTo(UNAUTHORIZED);
      assertThat(h.mapping(id).error()).contains("invalid_grant");
      assertThat(h.service.connection(h.connection).connection().state())
          .isEqualTo(ConnectionState.UNAUTHORIZED);
      h.run(id);
      assertThat(h.state(id)).isEqualTo(UNAUTHORIZED);

      h.service.authorize(h.connection, SyncHarness.credentials(h.emulator));
      assertThat(h.state(id)).isEqualTo(RECOVERY);
      h.runUntil(id, DATA_SYNCED, 3);
      assertThat(h.service.connection(h.connection).connection().state())
          .isEqualTo(ConnectionState.IDLE);
      assertThat(h.events.states(id)).containsSubsequence(UNAUTHORIZED, RECOVERY, DATA_SYNCED);
    }
  }

  @Test
  void anInactiveOrgStopsTheMappingUntilRecovered() throws Exception {
    try (SyncHarness h = harness().start()) {
      MappingId id = h.map("Contact", "Id", "SystemModstamp", "LastName");
      h.advance(Duration.ofSeconds(3));
      h.runUntil(id, DATA_SYNCED, 2);
      h.controls.orgActive(false);
      h.advance(Duration.ofSeconds(3));
      h.run(id);
      assertThat(h.state(id)).isEqualTo(INACTIVE_ORG);
      assertThat(h.service.connection(h.connection).connection().state())
          .isEqualTo(ConnectionState.INACTIVE_ORG);
      h.controls.orgActive(true);
      h.service.recover(h.connection);
      h.runUntil(id, DATA_SYNCED, 3);
      assertThat(h.events.states(id)).containsSubsequence(INACTIVE_ORG, RECOVERY, DATA_SYNCED);
    }
  }

  @Test
  void aSandboxRefreshIsAnInactiveOrgAndOnlyAnAuthorizationLoadsTheNewOrg() throws Exception {
    try (SyncHarness h = harness().start()) {
      MappingId id = h.map("Contact", "Id", "SystemModstamp", "LastName");
      h.advance(Duration.ofSeconds(3));
      h.runUntil(id, DATA_SYNCED, 2);
      String oldOrg = h.service.connection(h.connection).connection().orgId();

      // the same login now reaches another org (its sessions died with the old one)
      String newOrg = h.controls.refreshSandbox();
      assertThat(newOrg).isNotEqualTo(oldOrg);
      h.update("Contact", ReadPathIT.ids(h, "Contact").get(0), Map.of("LastName", "Refreshed"));
      h.advance(Duration.ofSeconds(3));
      h.run(id);
      assertThat(h.state(id)).isEqualTo(INACTIVE_ORG);
      assertThat(h.mapping(id).error()).contains(oldOrg).contains(newOrg);
      assertThat(h.service.connection(h.connection).connection().state())
          .isEqualTo(ConnectionState.INACTIVE_ORG);
      assertThat(refreshed(h)).as("nothing of the new org was read into the table").isZero();

      // a recovery alone does not switch orgs: the new org is still refused
      h.service.recover(h.connection);
      h.run(id);
      assertThat(h.state(id)).isEqualTo(INACTIVE_ORG);
      assertThat(refreshed(h)).isZero();

      // authorizing the connection again accepts the new org: every table is loaded from it
      h.service.authorize(h.connection, SyncHarness.credentials(h.emulator));
      assertThat(h.service.connection(h.connection).connection().orgId()).isEqualTo(newOrg);
      assertThat(h.state(id)).isEqualTo(RELOAD_TABLE);
      h.runUntil(id, DATA_SYNCED, 3);
      assertThat(h.events.states(id)).containsSubsequence(INACTIVE_ORG, RELOAD_TABLE, DATA_SYNCED);
      assertThat(refreshed(h)).isEqualTo(1);
      assertThat(h.db.count("SELECT count(*) FROM salesforce.contact")).isEqualTo(30);
    }
  }

  @Test
  void aRefreshTokenConnectionSeesTheRefreshAsUnauthorizedAndTheNewCredentialsRevealIt()
      throws Exception {
    try (SyncHarness h = harness().start()) {
      MappingId id = h.map("Contact", "Id", "SystemModstamp", "LastName");
      h.advance(Duration.ofSeconds(3));
      h.runUntil(id, DATA_SYNCED, 2);
      h.service.authorize(h.connection, byRefreshToken(h, h.controls.refreshToken()));
      String oldOrg = h.service.connection(h.connection).connection().orgId();

      String newOrg = h.controls.refreshSandbox(); // its refresh tokens die with the old org
      h.advance(Duration.ofSeconds(3));
      h.run(id);
      assertThat(h.state(id)).isEqualTo(UNAUTHORIZED);

      // credentials of the refreshed sandbox: refused once, with the connection INACTIVE_ORG
      assertThatThrownBy(
              () -> h.service.authorize(h.connection, SyncHarness.credentials(h.emulator)))
          .isInstanceOf(ConflictException.class)
          .hasMessageContaining(newOrg)
          .hasMessageContaining(oldOrg)
          .hasMessageContaining("authorize it again");
      assertThat(h.service.connection(h.connection).connection().state())
          .isEqualTo(ConnectionState.INACTIVE_ORG);
      assertThat(h.service.connection(h.connection).connection().orgId()).isEqualTo(oldOrg);
      assertThat(h.state(id)).isEqualTo(INACTIVE_ORG);
      assertThat(h.mapping(id).error()).contains(newOrg);

      h.service.authorize(h.connection, SyncHarness.credentials(h.emulator)); // confirmed
      assertThat(h.state(id)).isEqualTo(RELOAD_TABLE);
      h.runUntil(id, DATA_SYNCED, 3);
      assertThat(h.service.connection(h.connection).connection().orgId()).isEqualTo(newOrg);
    }
  }

  private static SalesforceCredentials byRefreshToken(SyncHarness h, String refresh) {
    return new SalesforceCredentials(
        h.emulator.baseUrl().toString(),
        SalesforceCredentials.Flow.REFRESH_TOKEN,
        EmulatorOptions.DEFAULT_CLIENT_ID,
        EmulatorOptions.DEFAULT_CLIENT_SECRET,
        null,
        null,
        refresh,
        null,
        null);
  }

  private static long refreshed(SyncHarness h) {
    return h.db.count("SELECT count(*) FROM salesforce.contact WHERE lastname = 'Refreshed'");
  }

  @Test
  void aBulkJobFailingAfterSalesforcesRetriesIsSplitAndOnlyThenABulkLoadError() throws Exception {
    try (SyncHarness h =
        harness()
            .set(EngineSettings.LARGE_QUERY_THRESHOLD, 10)
            .set(EngineSettings.BULK_SPLIT_MAX_DEPTH, 1)
            .start()) {
      MappingId id = h.map("Contact", "Id", "SystemModstamp", "LastName");
      h.advance(Duration.ofSeconds(3));
      // 17 failed attempts fail the first job (one attempt and 15 retries); its halves succeed
      h.controls.failBatches(17);
      h.runUntil(id, DATA_SYNCED, 2);
      assertThat(h.events.events(BulkWindowSplit.class)).hasSize(1);
      assertThat(h.db.count("SELECT count(*) FROM salesforce.contact")).isEqualTo(30);

      // every attempt fails: the halves fail too, the load ends in BULK_LOAD_ERROR
      h.controls.failBatches(100_000);
      h.service.reload(id);
      h.run(id);
      assertThat(h.state(id)).isEqualTo(BULK_LOAD_ERROR);
      assertThat(h.mapping(id).error()).containsIgnoringCase("retried more than 15 times");
      h.run(id);
      assertThat(h.state(id)).isEqualTo(BULK_LOAD_ERROR); // until a human reloads

      h.controls.reset();
      h.service.reload(id);
      h.runUntil(id, DATA_SYNCED, 2);
      assertThat(h.db.count("SELECT count(*) FROM salesforce.contact")).isEqualTo(30);
    }
  }

  @Test
  void somethingUnexpectedIsASystemErrorWithTheCauseKept() throws Exception {
    try (SyncHarness h = harness().start()) {
      MappingId id = h.map("Contact", "Id", "SystemModstamp", "LastName");
      h.advance(Duration.ofSeconds(3));
      h.runUntil(id, DATA_SYNCED, 2);
      h.db.execute("DROP TABLE salesforce.contact CASCADE"); // by hand, behind Ferry's back
      h.update("Contact", ReadPathIT.ids(h, "Contact").get(0), Map.of("LastName", "Changed"));
      h.advance(Duration.ofSeconds(3));
      h.run(id);
      assertThat(h.state(id)).isEqualTo(SYSTEM_ERROR);
      assertThat(h.mapping(id).error()).contains("contact");
      h.run(id);
      assertThat(h.state(id)).isEqualTo(SYSTEM_ERROR);
      h.service.recover(h.connection);
      h.runUntil(id, DATA_SYNCED, 4);
      assertThat(h.events.states(id))
          .containsSubsequence(SYSTEM_ERROR, RECOVERY, RELOAD_TABLE, DATA_SYNCED);
      assertThat(h.db.count("SELECT count(*) FROM salesforce.contact")).isEqualTo(30);
    }
  }

  @Test
  void aLostDatabaseIsDbUnavailableAndSyncResumesByItselfWhenItIsBack() throws Exception {
    try (SyncHarness h = harness().set(EngineSettings.DB_RETRY, Duration.ofSeconds(1)).start()) {
      MappingId id = h.map("Contact", "Id", "SystemModstamp", "LastName");
      h.advance(Duration.ofSeconds(3));
      h.runUntil(id, DATA_SYNCED, 2);
      h.update("Contact", ReadPathIT.ids(h, "Contact").get(0), Map.of("LastName", "During outage"));
      h.advance(Duration.ofSeconds(3));

      Hold hold = h.events.holdAt(id, POLLING_SF_CHANGES);
      CompletableFuture<Void> run = CompletableFuture.runAsync(() -> h.run(id));
      hold.awaitReached();
      PostgresExtension.server().stop();
      try {
        hold.release();
        h.events.await(DatabaseUnavailable.class, e -> e.mapping().equals(id));
      } finally {
        PostgresExtension.server().start();
      }
      run.orTimeout(120, TimeUnit.SECONDS).join();
      h.runUntil(id, DATA_SYNCED, 3);
      h.run(id); // the next poll reads what the interrupted one did not commit
      List<StateChange> history = h.service.mappingHistory(id, 20);
      assertThat(history.stream().map(StateChange::to))
          .contains(MappingState.DB_UNAVAILABLE.name(), MappingState.RECOVERY.name());
      assertThat(
              h.db.count(
                  "SELECT count(*) FROM salesforce.contact WHERE lastname = 'During outage'"))
          .isEqualTo(1);
    }
  }

  @Test
  void onTheSchedulerAMappingResumesAfterADatabaseOutageWithoutAnyoneActing() throws Exception {
    try (SyncHarness h =
        harness()
            .scheduled()
            .set(EngineSettings.DB_RETRY, Duration.ofSeconds(1))
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
      PostgresExtension.server().stop();
      try {
        hold.release();
        h.events.await(DatabaseUnavailable.class, e -> e.mapping().equals(id));
      } finally {
        PostgresExtension.server().start();
      }
      h.events.await(StateChanged.class, e -> e.mapping().equals(id) && e.to() == RECOVERY);
      h.events.clear();
      h.events.await(PollFinished.class, e -> e.mapping().equals(id)); // polling again
      assertThat(h.service.mappingHistory(id, 30).stream().map(StateChange::to))
          .contains(MappingState.DB_UNAVAILABLE.name(), MappingState.RECOVERY.name());
    }
  }

  @Test
  void pausedConnectionsDoNotPollAndDeletedMappingsGoThroughSyncRemoved() throws Exception {
    try (SyncHarness h = harness().start()) {
      MappingId id = h.map("Contact", "Id", "SystemModstamp", "LastName");
      h.advance(Duration.ofSeconds(3));
      h.runUntil(id, DATA_SYNCED, 2);
      h.service.pause(h.connection);
      h.events.clear();
      h.advance(Duration.ofSeconds(3));
      h.run(id);
      assertThat(h.events.events(PollStarted.class)).isEmpty();
      h.service.resume(h.connection);
      h.run(id);
      assertThat(h.events.events(PollStarted.class)).hasSize(1);

      h.service.deleteMapping(id);
      assertThat(h.state(id)).isEqualTo(SYNC_REMOVED);
      assertThat(h.requireManual().runMapping(id)).isNull();
      assertThat(h.service.connection(h.connection).mappings()).isEmpty();
      assertThat(h.stores.sync.schemaAdmin().tableExists("salesforce", "contact")).isFalse();
      assertThat(h.events.states(id)).endsWith(SYNC_REMOVED);
    }
  }

  private static void revoke(SyncHarness h, String token) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(h.emulator.baseUrl() + "/services/oauth2/revoke"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
  }
}

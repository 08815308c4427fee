package dev.ferry.engine.it;

import static dev.ferry.core.state.MappingState.DATA_SYNCED;
import static dev.ferry.core.state.MappingState.INACTIVE_ORG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.control.Check;
import dev.ferry.core.control.CheckStatus;
import dev.ferry.core.control.Diagnosis;
import dev.ferry.core.control.MappingDiagnosis;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.store.NotificationFilter;
import dev.ferry.core.store.SlotLease;
import dev.ferry.engine.cluster.Slots;
import dev.ferry.engine.diagnose.Rule;
import dev.ferry.engine.env.EngineSettings;
import dev.ferry.testkit.PostgresExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each diagnostic check reaches its statuses in a real situation, on a settable clock: polls that
 * stop happening (lag), an org near its API allowance, a mapping that used its daily calls, bulk
 * slots all held by other holders, drift repaired by secondary polls, field configuration the
 * object's describe warns about; and error states become notifications.
 */
class DiagnosticsIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  private static final List<String> CONTACT = List.of("Id", "SystemModstamp", "LastName");

  private static SyncHarness.Builder harness() {
    Map<String, Integer> data = new LinkedHashMap<>();
    data.put("Account", 5);
    data.put("Contact", 20);
    return SyncHarness.builder(PG).generate(data);
  }

  static Check check(List<Check> checks, Rule rule) {
    return checks.stream()
        .filter(c -> c.ruleId().equals(rule.name()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + rule + " in " + checks));
  }

  static CheckStatus status(SyncHarness h, MappingId id, Rule rule) {
    return check(h.service.diagnose(id).checks(), rule).status();
  }

  static CheckStatus status(SyncHarness h, Rule rule) {
    return check(h.service.diagnose(h.connection).checks(), rule).status();
  }

  @Test
  void pollLagIsGreenThenYellowThenRedWhenPollsStopHappening() throws Exception {
    try (SyncHarness h = harness().start()) {
      MappingConfig config = MappingConfig.of(Access.READ_ONLY, CONTACT).withPolling(10, false);
      MappingId id = h.map("Contact", config);
      assertThat(status(h, id, Rule.POLL_LAG))
          .as("loading: no lag yet")
          .isEqualTo(CheckStatus.SKIPPED);
      h.advance(Duration.ofSeconds(3));
      h.runUntil(id, DATA_SYNCED, 2);
      h.advance(Duration.ofSeconds(11));
      h.run(id); // a poll
      assertThat(status(h, id, Rule.POLL_LAG)).isEqualTo(CheckStatus.GREEN);

      // nobody polls (every process down or stuck): 3 intervals + 1 min, then 10 + 10 min
      h.advance(Duration.ofSeconds(95));
      Check yellow = check(h.service.diagnose(id).checks(), Rule.POLL_LAG);
      assertThat(yellow.status()).isEqualTo(CheckStatus.YELLOW);
      assertThat(yellow.message()).contains("polls every 10 s").contains("Polls are late");
      h.advance(Duration.ofMinutes(11));
      assertThat(status(h, id, Rule.POLL_LAG)).isEqualTo(CheckStatus.RED);

      // paused: the lag is explained, not an error
      h.service.pause(h.connection);
      Check paused = check(h.service.diagnose(id).checks(), Rule.POLL_LAG);
      assertThat(paused.status()).isEqualTo(CheckStatus.YELLOW);
      assertThat(paused.message()).contains("paused");
      assertThat(status(h, Rule.CONNECTION_STATE)).isEqualTo(CheckStatus.YELLOW);
      h.service.resume(h.connection);
      assertThat(status(h, Rule.CONNECTION_STATE)).isEqualTo(CheckStatus.GREEN);

      h.run(id);
      assertThat(status(h, id, Rule.POLL_LAG)).isEqualTo(CheckStatus.GREEN);
      assertThat(status(h, id, Rule.DRIFT_REPAIRED))
          .as("drift is off")
          .isEqualTo(CheckStatus.SKIPPED);
      assertThat(status(h, Rule.FAILED_WRITES))
          .as("no write path here")
          .isEqualTo(CheckStatus.SKIPPED);
    }
  }

  @Test
  void theApiBudgetCheckFollowsTheOrgsReportedUsage() throws Exception {
    try (SyncHarness h = harness().set(EngineSettings.API_BUDGET_PERCENT, 90).start()) {
      MappingId id =
          h.map("Contact", MappingConfig.of(Access.READ_ONLY, CONTACT).withPolling(2, false));
      h.advance(Duration.ofSeconds(3));
      h.runUntil(id, DATA_SYNCED, 2);
      h.controls.dailyApiRequests(1000);
      for (long used : new long[] {100, 760, 950}) {
        h.controls.apiRequestsUsed(used);
        h.advance(Duration.ofSeconds(3));
        h.run(id); // reads Sforce-Limit-Info
        Check c = check(h.service.diagnose(h.connection).checks(), Rule.API_BUDGET);
        CheckStatus expected =
            used < 720 ? CheckStatus.GREEN : used < 900 ? CheckStatus.YELLOW : CheckStatus.RED;
        assertThat(c.status()).as("at " + used + ": " + c.message()).isEqualTo(expected);
        assertThat(c.message()).contains("of 1000 daily API requests");
      }
      // leave a low usage as the newest observation of the org (the database is shared)
      h.controls.apiRequestsUsed(0);
      h.service.reload(id);
      h.runUntil(id, DATA_SYNCED, 3);
      assertThat(status(h, Rule.API_BUDGET)).isEqualTo(CheckStatus.GREEN);
    }
  }

  @Test
  void aMappingThatUsedItsDailyCallsIsRed() throws Exception {
    try (SyncHarness h = harness().start()) {
      MappingId limited =
          h.map("Contact", MappingConfig.of(Access.READ_ONLY, CONTACT).withMaxDailyApiCalls(8));
      MappingId free =
          h.map(
              "Account",
              MappingConfig.of(Access.READ_ONLY, List.of("Id", "SystemModstamp", "Name")));
      h.advance(Duration.ofSeconds(3));
      h.runUntil(limited, DATA_SYNCED, 2);
      h.runUntil(free, DATA_SYNCED, 2);
      assertThat(status(h, free, Rule.MAPPING_API_CALLS)).isEqualTo(CheckStatus.GREEN);
      for (int i = 0; i < 12; i++) {
        h.advance(Duration.ofSeconds(3));
        h.run(limited);
      }
      Check red = check(h.service.diagnose(limited).checks(), Rule.MAPPING_API_CALLS);
      assertThat(red.status()).isEqualTo(CheckStatus.RED);
      assertThat(red.message()).contains("of its 8 daily API calls");
    }
  }

  @Test
  void bulkSlotsAllHeldElsewhereAreYellow() throws Exception {
    try (SyncHarness h = harness().start()) {
      assertThat(status(h, Rule.BULK_JOB_SLOTS)).isEqualTo(CheckStatus.GREEN);
      String org = h.service.connection(h.connection).connection().orgId();
      String kind = Slots.bulkKind(org);
      var slots = h.stores.sync.jobSlots();
      slots.ensureSlots(kind, 3);
      List<SlotLease> held = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        held.add(
            slots
                .tryAcquire(kind, "other-node/job-" + i, Duration.ofMinutes(5), null)
                .orElseThrow());
      }
      Check yellow = check(h.service.diagnose(h.connection).checks(), Rule.BULK_JOB_SLOTS);
      assertThat(yellow.status()).isEqualTo(CheckStatus.YELLOW);
      assertThat(yellow.message()).contains("other-node/job-0");
      held.forEach(slots::release);
      assertThat(status(h, Rule.BULK_JOB_SLOTS)).isEqualTo(CheckStatus.GREEN);
    }
  }

  @Test
  void fieldChecksJudgeTheConfigAgainstTheDescribe() throws Exception {
    try (SyncHarness h = harness().start()) {
      MappingId account =
          h.map(
              "Account",
              MappingConfig.of(
                  Access.READ_ONLY,
                  List.of("Id", "SystemModstamp", "Name", "Revenue_Per_Employee__c")));
      MappingId contact =
          h.map(
              "Contact",
              MappingConfig.of(Access.READ_WRITE, List.of("Id", "SystemModstamp", "LastName")));
      assertThat(status(h, contact, Rule.REQUIRED_FIELDS)).isEqualTo(CheckStatus.GREEN);
      // an admin makes a new field required in Salesforce after the mapping was created
      h.controls.addField(
          "Contact",
          "{\"name\":\"Region__c\",\"type\":\"string\",\"length\":10,\"nillable\":false}");
      MappingDiagnosis a = h.service.diagnose(account);
      assertThat(check(a.checks(), Rule.CALCULATED_FIELDS).status()).isEqualTo(CheckStatus.YELLOW);
      assertThat(check(a.checks(), Rule.CALCULATED_FIELDS).message())
          .contains("Revenue_Per_Employee__c");
      assertThat(check(a.checks(), Rule.UPSERT_FIELD).status()).isEqualTo(CheckStatus.SKIPPED);
      assertThat(check(a.checks(), Rule.NUMBER_OF_FIELDS).status()).isEqualTo(CheckStatus.GREEN);
      MappingDiagnosis c = h.service.diagnose(contact);
      assertThat(check(c.checks(), Rule.CALCULATED_FIELDS).status()).isEqualTo(CheckStatus.GREEN);
      Check required = check(c.checks(), Rule.REQUIRED_FIELDS);
      assertThat(required.status()).isEqualTo(CheckStatus.YELLOW);
      assertThat(required.message()).contains("Region__c");
      assertThat(check(c.checks(), Rule.UPSERT_FIELD).status()).isEqualTo(CheckStatus.YELLOW);

      Diagnosis all = h.service.diagnose(h.connection);
      assertThat(all.mappings())
          .extracting(MappingDiagnosis::objectName)
          .containsExactlyInAnyOrder("Account", "Contact");
      assertThat(check(all.checks(), Rule.NUMBER_OF_MAPPINGS).status())
          .isEqualTo(CheckStatus.GREEN);
      for (Check x : all.checks()) assertThat(x.docUrl()).startsWith("docs/diagnostics.md#");
    }
  }

  @Test
  void driftRepairedBySecondaryPollsIsYellow() throws Exception {
    try (SyncHarness h =
        harness()
            .set(EngineSettings.DRIFT_ENABLED, true)
            .set(EngineSettings.DRIFT_DELAY, Duration.ofSeconds(60))
            .set(EngineSettings.DRIFT_BATCH, Duration.ofSeconds(10))
            .set(EngineSettings.OVERLAP, Duration.ofSeconds(5))
            .start()) {
      MappingId id =
          h.map("Contact", MappingConfig.of(Access.READ_ONLY, CONTACT).withPolling(5, false));
      h.advance(Duration.ofSeconds(3));
      h.runUntil(id, DATA_SYNCED, 2);
      for (int i = 0; i < 20; i++) {
        h.advance(Duration.ofSeconds(5));
        h.requireManual().runDue();
      }
      assertThat(status(h, id, Rule.DRIFT_REPAIRED)).isEqualTo(CheckStatus.GREEN);
      h.controls.lateCommit("Contact", "[{\"LastName\":\"Late\"}]", 30);
      for (int i = 0; i < 40; i++) {
        h.advance(Duration.ofSeconds(5));
        h.requireManual().runDue();
      }
      Check drift = check(h.service.diagnose(id).checks(), Rule.DRIFT_REPAIRED);
      assertThat(drift.status()).as(drift.message()).isEqualTo(CheckStatus.YELLOW);
      assertThat(drift.message()).contains("repaired 1 row");
    }
  }

  @Test
  void errorStatesBecomeNotificationsOncePerEntry() throws Exception {
    try (SyncHarness h = harness().start()) {
      MappingId id = h.map("Contact", CONTACT.toArray(String[]::new));
      h.advance(Duration.ofSeconds(3));
      h.runUntil(id, DATA_SYNCED, 2);
      h.controls.orgActive(false);
      h.advance(Duration.ofSeconds(3));
      h.run(id);
      assertThat(h.state(id)).isEqualTo(INACTIVE_ORG);
      h.run(id); // still inactive: no second notification
      var all = h.service.notifications(h.connection, NotificationFilter.ALL, 100);
      assertThat(all).filteredOn(n -> n.kind().equals("mapping_error")).hasSize(1);
      assertThat(all).filteredOn(n -> n.kind().equals("connection_error")).hasSize(1);
      assertThat(
              all.stream()
                  .filter(n -> n.kind().equals("mapping_error"))
                  .findFirst()
                  .orElseThrow()
                  .message())
          .contains("Contact is INACTIVE_ORG");
      assertThat(check(h.service.diagnose(id).checks(), Rule.MAPPING_STATE).status())
          .isEqualTo(CheckStatus.RED);
      assertThat(status(h, Rule.CONNECTION_STATE)).isEqualTo(CheckStatus.RED);

      int acked =
          h.service.acknowledgeNotifications(
              h.connection, new NotificationFilter(null, null, "mapping_error"));
      assertThat(acked).isEqualTo(1);
      assertThat(h.service.notifications(h.connection, NotificationFilter.ALL, 100))
          .extracting(n -> n.kind())
          .doesNotContain("mapping_error")
          .contains("connection_error");
      h.controls.orgActive(true);
    }
  }
}

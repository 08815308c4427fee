package dev.ferry.engine.it;

import static dev.ferry.core.state.MappingState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.control.ImportPlan;
import dev.ferry.core.control.MappingDefinition;
import dev.ferry.core.error.ConfigException;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.state.ConnectionState;
import dev.ferry.testkit.PostgresExtension;
import dev.ferry.testkit.RecordingSyncEvents.ConnectionChanged;
import dev.ferry.testkit.RecordingSyncEvents.PollStarted;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The control plane beyond single mappings: export and import of Heroku Connect configurations
 * (validated as a whole, nothing applied on any error) and the API budget (a mapping's
 * sf_max_daily_api_calls, the org's daily allowance) deferring routine polls.
 */
class ControlPlaneIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  private static final List<String> CONTACT = List.of("Id", "SystemModstamp", "LastName");

  private static SyncHarness.Builder harness() {
    Map<String, Integer> data = new LinkedHashMap<>();
    data.put("Account", 5);
    data.put("Contact", 10);
    return SyncHarness.builder(PG).generate(data);
  }

  @Test
  void importIsValidatedAsAWholeAndAppliedOnlyWhenEveryDefinitionIsValid() throws Exception {
    try (SyncHarness h = harness().start()) {
      MappingId contact = h.map("Contact", MappingConfig.of(Access.READ_ONLY, CONTACT));
      h.advance(Duration.ofSeconds(3));
      h.runUntil(contact, DATA_SYNCED, 2);
      assertThat(h.service.export(h.connection))
          .containsExactly(
              new MappingDefinition("Contact", MappingConfig.of(Access.READ_ONLY, CONTACT)));

      MappingConfig moreContact =
          MappingConfig.of(Access.READ_ONLY, List.of("Id", "SystemModstamp", "LastName", "Email"));
      MappingConfig account =
          MappingConfig.of(Access.READ_ONLY, List.of("Id", "SystemModstamp", "Name"));
      MappingConfig badLead =
          MappingConfig.of(Access.READ_ONLY, List.of("Id", "SystemModstamp", "Nope__c"));
      List<MappingDefinition> withError =
          List.of(
              new MappingDefinition("Contact", moreContact),
              new MappingDefinition("Account", account),
              new MappingDefinition("Lead", badLead));
      assertThatThrownBy(() -> h.service.applyImport(h.connection, withError))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("Nope__c");
      assertThat(h.service.export(h.connection)).hasSize(1);
      assertThat(h.mapping(contact).config())
          .isEqualTo(MappingConfig.of(Access.READ_ONLY, CONTACT));

      List<MappingDefinition> valid = withError.subList(0, 2);
      ImportPlan plan = h.service.planImport(h.connection, valid);
      assertThat(plan.changes())
          .containsExactly(
              new ImportPlan.Change(
                  "Contact", ImportPlan.Action.UPDATE, List.of("Email"), List.of()),
              new ImportPlan.Change(
                  "Account", ImportPlan.Action.CREATE, account.fields(), List.of()));
      h.service.applyImport(h.connection, valid);
      assertThat(h.service.export(h.connection)).hasSize(2);
      assertThat(h.state(contact)).isEqualTo(SCHEMA_CHANGED);
      assertThat(h.service.connection(h.connection).connection().state())
          .isEqualTo(ConnectionState.IDLE);
      assertThat(h.events.events(ConnectionChanged.class))
          .extracting(ConnectionChanged::to)
          .contains(ConnectionState.IMPORT_CONFIGURATION);
      assertThat(h.service.planImport(h.connection, valid).changes())
          .extracting(ImportPlan.Change::action)
          .containsOnly(ImportPlan.Action.UNCHANGED);
    }
  }

  @Test
  void aMappingThatUsedItsDailyApiCallsWaitsForTheNextDay() throws Exception {
    try (SyncHarness h = harness().start()) {
      MappingId id =
          h.map("Contact", MappingConfig.of(Access.READ_ONLY, CONTACT).withMaxDailyApiCalls(8));
      h.advance(Duration.ofSeconds(3));
      h.runUntil(id, DATA_SYNCED, 2);
      for (int i = 0; i < 12; i++) {
        h.advance(Duration.ofSeconds(3));
        h.run(id);
      }
      long polls = h.events.count(PollStarted.class, p -> p.mapping().equals(id));
      assertThat(polls).isLessThan(12);
      assertThat(
              h.stores
                  .sync
                  .apiBudget()
                  .mappingCalls(
                      id,
                      java.time.LocalDate.ofInstant(h.clock.instant(), java.time.ZoneOffset.UTC)))
          .isGreaterThanOrEqualTo(8);
      assertThat(h.stores.sync.notifications().recent(h.connection, 20))
          .anyMatch(n -> n.kind().equals("mapping_api_budget"));
      assertThat(h.state(id)).isEqualTo(DATA_SYNCED);
      var usage = h.service.apiUsage(h.connection);
      assertThat(usage.mappings()).hasSize(1);
      assertThat(usage.mappings().getFirst().objectName()).isEqualTo("Contact");
      assertThat(usage.mappings().getFirst().callsToday()).isGreaterThanOrEqualTo(8);
      assertThat(usage.mappings().getFirst().dailyLimit()).isEqualTo(8);
      var windows = h.service.recentPolls(id, 50);
      assertThat(windows).as("newest first").isNotEmpty();
      assertThat(windows.getFirst().kind()).isEqualTo(dev.ferry.core.store.PollKind.PRIMARY);
      assertThat(windows)
          .extracting(w -> w.startedAt())
          .isSortedAccordingTo(java.util.Comparator.reverseOrder());

      h.advance(Duration.ofDays(1));
      h.events.clear();
      h.run(id);
      assertThat(h.events.events(PollStarted.class)).hasSize(1);
    }
  }

  @Test
  void pollsWaitWhileTheOrgIsNearItsDailyAllowance() throws Exception {
    try (SyncHarness h =
        harness().set(dev.ferry.engine.env.EngineSettings.API_BUDGET_PERCENT, 90).start()) {
      MappingId id = h.map("Contact", MappingConfig.of(Access.READ_ONLY, CONTACT));
      h.advance(Duration.ofSeconds(3));
      h.runUntil(id, DATA_SYNCED, 2);
      h.controls.dailyApiRequests(1000);
      h.controls.apiRequestsUsed(950);
      h.advance(Duration.ofSeconds(3));
      h.run(id); // sees 95 % in Sforce-Limit-Info
      var org = h.service.apiUsage(h.connection).org();
      assertThat(org).isNotNull();
      assertThat(org.max()).isEqualTo(1000);
      assertThat(org.used()).isGreaterThanOrEqualTo(950);
      h.events.clear();
      h.advance(Duration.ofSeconds(3));
      h.run(id);
      assertThat(h.events.events(PollStarted.class)).isEmpty();
      assertThat(h.stores.sync.notifications().recent(h.connection, 20))
          .anyMatch(n -> n.kind().equals("api_budget"));
      // a reload is a user action: it runs
      h.service.reload(id);
      h.runUntil(id, DATA_SYNCED, 2);
    }
  }
}

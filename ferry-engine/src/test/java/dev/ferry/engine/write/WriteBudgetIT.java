package dev.ferry.engine.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.state.ConnectionState;
import dev.ferry.core.store.Connection;
import dev.ferry.engine.env.EngineSettings;
import dev.ferry.testkit.PostgresExtension;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Writes are charged to the API budget the read path obeys: each mapping's {@code
 * sf_max_daily_api_calls} counts its writes, and while the org's or the mapping's budget is spent
 * the changes wait NEW (nothing fails), the connection says why, and they go out once it frees.
 */
class WriteBudgetIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  static final List<String> ACCOUNT =
      List.of("Id", "IsDeleted", "SystemModstamp", "Name", "External_Id__c");

  @Test
  void writesWaitWhileTheOrgIsNearItsDailyAllowanceAndResumeWhenItFrees() throws Exception {
    try (WriteHarness h =
        WriteHarness.builder(PG).set(EngineSettings.API_BUDGET_PERCENT, 90).start()) {
      h.map("Contact", WritePathIT.contact());
      h.controls.dailyApiRequests(1000);
      h.controls.apiRequestsUsed(950);
      h.app.execute("INSERT INTO salesforce.contact (lastname) VALUES ('First')");
      h.write(); // goes out, and sees 95 % in Sforce-Limit-Info
      assertThat(h.app.value("SELECT _hc_lastop FROM salesforce.contact")).isEqualTo("INSERTED");

      h.app.execute("INSERT INTO salesforce.contact (lastname) VALUES ('Second')");
      long calls = h.apiCalls("composite");
      h.write();
      h.write();
      assertThat(h.apiCalls("composite")).isEqualTo(calls);
      assertThat(h.app.value("SELECT state FROM salesforce._trigger_log")).isEqualTo("NEW");
      assertThat(h.app.value("SELECT _hc_lastop FROM salesforce.contact WHERE lastname = 'Second'"))
          .isEqualTo("PENDING");
      Connection c = h.service.connection(h.connection).connection();
      assertThat(c.state()).isIn(ConnectionState.IDLE, ConnectionState.POLLING_DB_CHANGES);
      assertThat(c.stateDetail())
          .startsWith("Writes paused: org ")
          .contains("has used 9")
          .contains("of 1000 daily API requests (limit for writes: 90%)");
      assertThat(h.stores.sync.notifications().recent(h.connection, 20))
          .anyMatch(n -> n.kind().equals("api_budget") && n.message().endsWith("writes wait"));

      // the org's usage falls (Salesforce's window moves on); nothing else calls Salesforce, so
      // the waiting writer reads /limits itself once its last look is old enough
      h.controls.apiRequestsUsed(10);
      h.write();
      assertThat(h.app.value("SELECT state FROM salesforce._trigger_log")).isEqualTo("NEW");
      // (the client stamps usage with the wall clock, which may run a minute ahead of the test's)
      h.advance(WriteBudget.ORG_REFRESH.plusMinutes(2));
      h.writeAll(3); // (the writer lease lapsed meanwhile: the first pass takes it again)
      assertThat(h.app.value("SELECT _hc_lastop FROM salesforce.contact WHERE lastname = 'Second'"))
          .isEqualTo("INSERTED");
      assertThat(h.entries()).containsExactly("INSERT:SUCCESS", "INSERT:SUCCESS");
      assertThat(h.service.connection(h.connection).connection().stateDetail()).isNull();
    }
  }

  @Test
  void aMappingsWritesCountTowardsItsDailyCallsAndOnlyItsWritesWait() throws Exception {
    try (WriteHarness h = WriteHarness.builder(PG).start()) {
      MappingId contact = h.map("Contact", WritePathIT.contact().withMaxDailyApiCalls(1000));
      MappingId account = h.map("Account", MappingConfig.of(Access.READ_WRITE, ACCOUNT));
      long before = calls(h, contact);
      long accountBefore = calls(h, account);
      long composite = h.apiCalls("composite");
      h.app.execute(
          "INSERT INTO salesforce.contact (lastname) SELECT 'C' || g FROM generate_series(1, 250) g");
      h.write();
      assertThat(h.apiCalls("composite") - composite).isEqualTo(2); // 200 + 50
      assertThat(calls(h, contact) - before).isEqualTo(2);
      assertThat(calls(h, account)).isEqualTo(accountBefore);

      // spend the rest of the contact mapping's calls for today
      h.stores.sync.apiBudget().addMappingCalls(contact, today(h), 1000 - calls(h, contact));
      h.app.execute("UPDATE salesforce.contact SET firstname = 'Late' WHERE lastname = 'C1'");
      h.app.execute("INSERT INTO salesforce.account (name) VALUES ('Still written')");
      h.write();
      assertThat(h.app.value("SELECT _hc_lastop FROM salesforce.account")).isEqualTo("INSERTED");
      assertThat(
              h.app.value("SELECT state FROM salesforce._trigger_log WHERE table_name = 'contact'"))
          .isEqualTo("NEW");
      assertThat(h.service.connection(h.connection).connection().stateDetail())
          .isEqualTo(
              "Writes paused: mapping Contact made 1000 API calls today"
                  + " (sf_max_daily_api_calls 1000)");

      h.advance(Duration.ofDays(1)); // a new UTC day: a new allowance
      h.writeAll(3); // (the writer lease lapsed meanwhile: the first pass takes it again)
      assertThat(h.app.value("SELECT _hc_lastop FROM salesforce.contact WHERE lastname = 'C1'"))
          .isEqualTo("UPDATED");
      assertThat(
              h.query("SELECT FirstName FROM Contact WHERE LastName = 'C1'")
                  .get(0)
                  .get("FirstName"))
          .isEqualTo("Late");
      assertThat(h.service.connection(h.connection).connection().stateDetail()).isNull();
      assertThat(calls(h, contact)).isEqualTo(1);
    }
  }

  private static long calls(WriteHarness h, MappingId mapping) {
    return h.stores.sync.apiBudget().mappingCalls(mapping, today(h));
  }

  private static LocalDate today(WriteHarness h) {
    return LocalDate.ofInstant(h.clock.instant(), ZoneOffset.UTC);
  }
}

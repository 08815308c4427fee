package dev.ferry.engine.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.sf.SfRecord;
import dev.ferry.testkit.EmulatorControls.Fault;
import dev.ferry.testkit.PostgresExtension;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults at 10 % of the calls (503 refusals, and calls that Salesforce processes after the client
 * gave up waiting, so their answers are lost) while inserts, updates and deletes go through
 * collections and Bulk: the final state is the same as without faults — every record once, every
 * entry SUCCESS.
 */
class WriteFaultsIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  @Test
  void tenPercentOfCallsFailingChangesNothingInTheEnd() throws Exception {
    try (WriteHarness h =
        WriteHarness.builder(PG)
            .threaded()
            .set(WriteSettings.SETTLE, Duration.ofSeconds(3))
            .set(WriteSettings.BULK_THRESHOLD, 1000)
            .set(WriteSettings.BULK_JOB_ROWS, 400)
            .set(WriteSettings.RECORD_RETRIES, 5)
            .set(WriteSettings.COLLECTIONS_BATCH, 10)
            .client(
                c -> c.requestTimeout(Duration.ofMillis(1000)).callDeadline(Duration.ofSeconds(8)))
            .start()) {
      h.map(
          "Account",
          MappingConfig.of(
                  Access.READ_WRITE,
                  List.of("Id", "IsDeleted", "SystemModstamp", "Name", "External_Id__c"))
              .withUpsertField("External_Id__c")
              .withPolling(60, false));
      h.map("Contact", WritePathIT.contact());
      h.controls.faults(
          List.of(
              // the first two collections calls surely lose their answers, then 10 % at random
              new Fault("composite", 0, null, 1.0, 2, 1500),
              new Fault("any", 503, "SERVER_UNAVAILABLE", 0.05, null, 0),
              new Fault("composite", 0, null, 0.05, null, 1500),
              new Fault("bulk", 0, null, 0.05, null, 1500)));
      h.app.execute(
          "INSERT INTO salesforce.account (name, external_id__c)"
              + " SELECT 'Acct ' || g, 'acct-' || g FROM generate_series(1, 1200) g");
      h.app.execute(
          "INSERT INTO salesforce.contact (lastname) SELECT 'Faulty ' || g"
              + " FROM generate_series(1, 300) g");
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> h.waiting() == 0);
      h.app.execute("UPDATE salesforce.contact SET email = 'f' || id || '@example.com'");
      h.app.execute(
          "DELETE FROM salesforce.contact WHERE id IN (SELECT id FROM salesforce.contact"
              + " ORDER BY id LIMIT 50)");
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> h.waiting() == 0);
      h.controls.clearFaults();

      // one row per record even when a poll read a record before its write-back
      assertThat(h.app.count("SELECT count(*) FROM salesforce.contact")).isEqualTo(250);
      assertThat(h.entries()).hasSize(1200 + 300 + 300 + 50).allMatch(e -> e.endsWith(":SUCCESS"));
      assertUnique(
          h.query("SELECT External_Id__c FROM Account WHERE Name LIKE 'Acct %'"),
          "External_Id__c",
          1200);
      List<SfRecord> contacts =
          h.query("SELECT LastName, Email FROM Contact WHERE LastName LIKE 'Faulty %'");
      assertUnique(contacts, "LastName", 250);
      assertThat(contacts).allSatisfy(c -> assertThat(c.get("Email")).endsWith("@example.com"));
      assertThat(
              h.app.count("SELECT count(*) FROM salesforce.contact WHERE _hc_lastop = 'UPDATED'"))
          .isEqualTo(250);
    }
  }

  private static void assertUnique(List<SfRecord> records, String field, int n) {
    Set<String> seen = new HashSet<>();
    for (SfRecord r : records)
      assertThat(seen.add(r.get(field))).as("duplicate " + r.get(field)).isTrue();
    assertThat(seen).hasSize(n);
  }
}

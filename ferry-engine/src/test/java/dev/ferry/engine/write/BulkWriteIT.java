package dev.ferry.engine.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.store.WriteTransport;
import dev.ferry.testkit.PostgresExtension;
import dev.ferry.testkit.RecordingSyncEvents.WriteBatchFinished;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Large groups go through Bulk API 2.0 ingest jobs, split and run in parallel; their results are
 * matched back by key; failed inserts fall back to sObject Collections; a job that Salesforce fails
 * has its unprocessed rows sent in a new job.
 */
class BulkWriteIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  private static WriteHarness harness() {
    return WriteHarness.builder(PG)
        .set(WriteSettings.BULK_THRESHOLD, 1000)
        .set(WriteSettings.BULK_JOB_ROWS, 400)
        .start();
  }

  private static void insert(WriteHarness h, int n, String prefix) {
    h.app.execute(
        "INSERT INTO salesforce.contact (lastname, contact_uuid__c) SELECT '"
            + prefix
            + "' || g, '"
            + prefix
            + "-' || g FROM generate_series(1, "
            + n
            + ") g");
  }

  @Test
  void insertsUpdatesAndDeletesOfLargeGroupsRunAsParallelBulkJobs() throws Exception {
    try (WriteHarness h = harness()) {
      h.map("Contact", WritePathIT.contact().withUpsertField("Contact_UUID__c"));
      long composite = h.apiCalls("composite");
      insert(h, 1100, "bulk");
      h.write();
      assertThat(
              h.app.count(
                  "SELECT count(*) FROM salesforce.contact WHERE _hc_lastop = 'INSERTED'"
                      + " AND sfid IS NOT NULL"))
          .isEqualTo(1100);
      assertThat(h.sfCount("SELECT COUNT() FROM Contact WHERE LastName LIKE 'bulk%'"))
          .isEqualTo(1100);
      // each row's sfid is the record that carries its own key
      String uuid =
          (String)
              h.app.value(
                  "SELECT contact_uuid__c FROM salesforce.contact WHERE lastname = 'bulk777'");
      String sfid =
          (String) h.app.value("SELECT sfid FROM salesforce.contact WHERE lastname = 'bulk777'");
      assertThat(
              h.query("SELECT Contact_UUID__c FROM Contact WHERE Id = '" + sfid + "'")
                  .get(0)
                  .get("Contact_UUID__c"))
          .isEqualTo(uuid);
      List<WriteBatchFinished> jobs = bulk(h, SaveOperation.UPSERT);
      assertThat(jobs).hasSize(3);
      assertThat(jobs.stream().mapToInt(WriteBatchFinished::succeeded).sum()).isEqualTo(1100);
      assertThat(h.apiCalls("composite")).isEqualTo(composite);

      h.app.execute("UPDATE salesforce.contact SET email = lastname || '@bulk.example.com'");
      h.write();
      assertThat(bulk(h, SaveOperation.UPDATE)).hasSize(3);
      assertThat(h.sfCount("SELECT COUNT() FROM Contact WHERE Email LIKE '%@bulk.example.com'"))
          .isEqualTo(1100);
      assertThat(
              h.app.count("SELECT count(*) FROM salesforce.contact WHERE _hc_lastop = 'UPDATED'"))
          .isEqualTo(1100);

      h.app.execute("DELETE FROM salesforce.contact");
      h.write();
      assertThat(bulk(h, SaveOperation.DELETE)).hasSize(3);
      assertThat(h.sfCount("SELECT COUNT() FROM Contact WHERE LastName LIKE 'bulk%'")).isZero();
      assertThat(h.entries()).hasSize(3300).allMatch(e -> e.endsWith(":SUCCESS"));
      assertThat(h.apiCalls("composite")).isEqualTo(composite);
    }
  }

  @Test
  void failedInsertRowsFallBackToCollections() throws Exception {
    try (WriteHarness h = harness()) {
      h.map("Contact", WritePathIT.contact().withUpsertField("Contact_UUID__c"));
      insert(h, 1099, "fb");
      h.app.execute(
          "INSERT INTO salesforce.contact (lastname, contact_uuid__c) VALUES (NULL, 'fb-missing')");
      h.controls.recordErrors(5, "UNABLE_TO_LOCK_ROW");
      long composite = h.apiCalls("composite");
      h.write();
      assertThat(
              h.app.count("SELECT count(*) FROM salesforce.contact WHERE _hc_lastop = 'INSERTED'"))
          .isEqualTo(1099);
      assertThat(
              h.app.value("SELECT sf_message FROM salesforce._trigger_log WHERE state = 'FAILED'"))
          .asString()
          .startsWith("REQUIRED_FIELD_MISSING");
      assertThat(h.sfCount("SELECT COUNT() FROM Contact")).isEqualTo(1099);
      // the 5 locked rows and the invalid one were sent again through collections
      assertThat(h.apiCalls("composite")).isGreaterThan(composite);
      assertThat(
              h.events.events(WriteBatchFinished.class).stream()
                  .filter(e -> e.transport() == WriteTransport.COLLECTIONS)
                  .mapToInt(WriteBatchFinished::entries)
                  .sum())
          .isEqualTo(6);
    }
  }

  @Test
  void aJobSalesforceFailsHasItsUnprocessedRowsSentInANewJob() throws Exception {
    try (WriteHarness h =
        WriteHarness.builder(PG)
            .set(WriteSettings.BULK_THRESHOLD, 1000)
            .set(WriteSettings.BULK_JOB_ROWS, 5000)
            .start()) {
      h.map("Contact", WritePathIT.contact().withUpsertField("Contact_UUID__c"));
      insert(h, 1000, "retry");
      h.controls.failBatches(11); // the first attempt and the emulator's 10 retries
      h.write();
      List<WriteBatchFinished> jobs = bulk(h, SaveOperation.UPSERT);
      assertThat(jobs).extracting(WriteBatchFinished::succeeded).containsExactly(0, 1000);
      assertThat(h.sfCount("SELECT COUNT() FROM Contact WHERE LastName LIKE 'retry%'"))
          .isEqualTo(1000);
      assertThat(h.entries()).allMatch(e -> e.equals("INSERT:SUCCESS"));
    }
  }

  private static List<WriteBatchFinished> bulk(WriteHarness h, SaveOperation op) {
    return h.events.events(WriteBatchFinished.class).stream()
        .filter(e -> e.transport() == WriteTransport.BULK && e.operation() == op)
        .toList();
  }
}

package dev.ferry.engine.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.id.MappingId;
import dev.ferry.core.sf.BulkJob;
import dev.ferry.core.sf.IngestOperation;
import dev.ferry.core.sf.IngestSpec;
import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.sf.SaveRequest;
import dev.ferry.core.sf.SaveResult;
import dev.ferry.core.store.ChangeEntry;
import dev.ferry.core.store.WriteBatch;
import dev.ferry.core.store.WriteTransport;
import dev.ferry.testkit.PostgresExtension;
import dev.ferry.testkit.RecordingSyncEvents.WritesReconciled;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a writer that died leaves behind, state by state, and how the next one settles it before
 * sending anything again: nothing lost, nothing created twice. (The kill -9 tests do the same with
 * a real process; these build each state by hand so every branch is covered.)
 */
class ReconcileIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  private static final String DEAD = "dead-node/writer";

  @Test
  void aCreateWhoseAnswerWasLostIsFoundInsteadOfSentAgain() throws Exception {
    try (WriteHarness h = WriteHarness.builder(PG).start()) {
      h.map("Contact", WritePathIT.contact());
      // an earlier, finished write of the same values: its record must not be taken
      h.app.execute("INSERT INTO salesforce.contact (lastname, email) VALUES ('Twin', 't@x.org')");
      h.write();
      String earlier = (String) h.app.value("SELECT sfid FROM salesforce.contact");

      h.app.execute(
          "INSERT INTO salesforce.contact (lastname, email) VALUES ('Made', 'm@x.org'),"
              + " ('Also Made', NULL), ('Twin', 't@x.org'), ('Never Sent', 'n@x.org')");
      List<ChangeEntry> claimed = h.changeLog().claim(10, Set.of("contact"));
      record(h, SaveOperation.CREATE, WriteTransport.COLLECTIONS, claimed, null);
      // the dead writer's call reached Salesforce for the first two rows
      List<SaveResult> made =
          h.admin.save(
              SaveOperation.CREATE,
              "Contact",
              List.of(
                  new SaveRequest("Contact", null, Map.of("LastName", "Made", "Email", "m@x.org")),
                  new SaveRequest("Contact", null, Map.of("LastName", "Also Made"))),
              null);

      h.write();
      assertThat(h.app.value("SELECT sfid FROM salesforce.contact WHERE lastname = 'Made'"))
          .isEqualTo(made.get(0).id());
      assertThat(h.app.value("SELECT sfid FROM salesforce.contact WHERE lastname = 'Also Made'"))
          .isEqualTo(made.get(1).id());
      assertThat(h.sfCount("SELECT COUNT() FROM Contact WHERE LastName = 'Made'")).isEqualTo(1);
      assertThat(h.sfCount("SELECT COUNT() FROM Contact WHERE LastName = 'Also Made'"))
          .isEqualTo(1);
      assertThat(h.sfCount("SELECT COUNT() FROM Contact WHERE LastName = 'Never Sent'"))
          .isEqualTo(1);
      // two Twin rows, two Twin records: the new one was sent, the old one kept its row
      assertThat(h.sfCount("SELECT COUNT() FROM Contact WHERE LastName = 'Twin'")).isEqualTo(2);
      assertThat(
              h.app.count(
                  "SELECT count(DISTINCT sfid) FROM salesforce.contact WHERE lastname = 'Twin'"))
          .isEqualTo(2);
      assertThat(
              h.app.value("SELECT count(*) FROM salesforce.contact WHERE sfid = '" + earlier + "'"))
          .isEqualTo(1L);
      assertThat(h.entries()).hasSize(5).allMatch(e -> e.equals("INSERT:SUCCESS"));
      assertThat(h.events.events(WritesReconciled.class))
          .anySatisfy(r -> {
            assertThat(r.settled()).isEqualTo(2);
            assertThat(r.released()).isEqualTo(2);
          });
      assertThat(h.stores.jdbc.writeBatches().openBatches(h.connection)).isEmpty();
    }
  }

  @Test
  void aRecordTheReaderStoredBeforeItsWriteBackEndsAsTheApplicationsOneRow() throws Exception {
    try (WriteHarness h = WriteHarness.builder(PG).start()) {
      MappingId mapping = h.map("Contact", WritePathIT.contact());
      h.app.execute(
          "INSERT INTO salesforce.contact (lastname, email) VALUES ('Raced', 'r@x.org'),"
              + " ('Raced And Touched', 't@x.org')");
      int appRow =
          ((Number) h.app.value("SELECT id FROM salesforce.contact WHERE lastname = 'Raced'"))
              .intValue();
      List<ChangeEntry> claimed = h.changeLog().claim(10, Set.of("contact"));
      record(h, SaveOperation.CREATE, WriteTransport.COLLECTIONS, claimed, null);
      // the dead writer's call created both records, and a poll read them before any write-back
      List<SaveResult> made =
          h.admin.save(
              SaveOperation.CREATE,
              "Contact",
              List.of(
                  new SaveRequest("Contact", null, Map.of("LastName", "Raced", "Email", "r@x.org")),
                  new SaveRequest(
                      "Contact",
                      null,
                      Map.of("LastName", "Raced And Touched", "Email", "t@x.org"))),
              null);
      h.poll(mapping);
      assertThat(h.app.count("SELECT count(*) FROM salesforce.contact")).isEqualTo(4);
      // the application changes the reader's copy of the second record: that copy must stay
      h.app.execute(
          "UPDATE salesforce.contact SET email = 'touched@x.org'"
              + " WHERE lastname = 'Raced And Touched' AND sfid IS NOT NULL");

      h.write();

      assertThat(h.app.rows("SELECT id, sfid FROM salesforce.contact WHERE lastname = 'Raced'"))
          .containsExactly(Map.of("id", appRow, "sfid", made.get(0).id()));
      assertThat(
              h.app.count(
                  "SELECT count(*) FROM salesforce.contact WHERE lastname = 'Raced And Touched'"))
          .isEqualTo(2);
      assertThat(h.sfCount("SELECT COUNT() FROM Contact WHERE LastName LIKE 'Raced%'"))
          .isEqualTo(2);
      // the removed copy was Ferry's doing: nothing captured, nothing deleted in Salesforce
      assertThat(h.entries()).containsExactly("INSERT:SUCCESS", "INSERT:SUCCESS", "UPDATE:SUCCESS");
    }
  }

  @Test
  void aBulkJobThatRanIsReadBackAndAnOpenOneIsAbortedAndSentAgain() throws Exception {
    try (WriteHarness h = WriteHarness.builder(PG).start()) {
      h.map("Contact", WritePathIT.contact().withUpsertField("Contact_UUID__c"));
      h.app.execute(
          "INSERT INTO salesforce.contact (lastname, contact_uuid__c)"
              + " SELECT 'job' || g, 'job-' || g FROM generate_series(1, 30) g");
      List<ChangeEntry> ran = h.changeLog().claim(20, Set.of("contact"));
      List<ChangeEntry> open = h.changeLog().claim(10, Set.of("contact"));
      // job 1: the dead writer created, uploaded and closed it; it finished meanwhile
      BulkJob done = h.admin.createIngestJob(upsert());
      h.admin.upload(done.id(), csv(ran));
      h.admin.closeIngestJob(done.id());
      record(h, SaveOperation.UPSERT, WriteTransport.BULK, ran, done.id());
      // job 2: created and recorded, never closed
      BulkJob opened = h.admin.createIngestJob(upsert());
      record(h, SaveOperation.UPSERT, WriteTransport.BULK, open, opened.id());

      h.write();
      assertThat(h.admin.ingestJob(opened.id()).state().name()).isEqualTo("Aborted");
      assertThat(h.sfCount("SELECT COUNT() FROM Contact WHERE LastName LIKE 'job%'")).isEqualTo(30);
      assertThat(
              h.app.count("SELECT count(*) FROM salesforce.contact WHERE _hc_lastop = 'INSERTED'"))
          .isEqualTo(30);
      assertThat(h.app.count("SELECT count(*) FROM salesforce.contact c WHERE c.sfid IS NULL"))
          .isZero();
      assertThat(h.entries()).hasSize(30).allMatch(e -> e.equals("INSERT:SUCCESS"));
    }
  }

  @Test
  void claimedButUnsentEntriesAndBatchesWithoutAJobAreSentAgain() throws Exception {
    try (WriteHarness h = WriteHarness.builder(PG).start()) {
      h.map("Contact", WritePathIT.contact().withUpsertField("Contact_UUID__c"));
      h.app.execute(
          "INSERT INTO salesforce.contact (lastname, contact_uuid__c)"
              + " SELECT 'p' || g, 'p-' || g FROM generate_series(1, 6) g");
      h.changeLog().claim(3, Set.of("contact")); // claimed, nothing recorded
      record(h, SaveOperation.UPSERT, WriteTransport.BULK, h.changeLog().claim(3, Set.of()), null);
      h.write();
      assertThat(h.sfCount("SELECT COUNT() FROM Contact WHERE LastName LIKE 'p%'")).isEqualTo(6);
      assertThat(h.entries()).hasSize(6).allMatch(e -> e.equals("INSERT:SUCCESS"));
    }
  }

  private static IngestSpec upsert() {
    return new IngestSpec("Contact", IngestOperation.UPSERT, "Contact_UUID__c");
  }

  private static void record(
      WriteHarness h,
      SaveOperation op,
      WriteTransport transport,
      List<ChangeEntry> entries,
      String jobId) {
    h.stores
        .jdbc
        .writeBatches()
        .open(
            new WriteBatch(
                0,
                h.connection,
                DEAD,
                "contact",
                "Contact",
                op,
                transport,
                entries.stream().map(ChangeEntry::id).toList(),
                jobId,
                op == SaveOperation.UPSERT ? "Contact_UUID__c" : null,
                h.clock.instant()));
  }

  /** The CSV the dead writer uploaded for these inserts. */
  private static dev.ferry.core.sf.CsvSource csv(List<ChangeEntry> entries) {
    return new dev.ferry.core.sf.CsvSource() {
      @Override
      public dev.ferry.core.sf.RecordHeader header() {
        return dev.ferry.core.sf.RecordHeader.of("LastName", "Contact_UUID__c");
      }

      @Override
      public int rowCount() {
        return entries.size();
      }

      @Override
      public void writeRows(int from, int to, Writer out) throws IOException {
        for (int i = from; i < to; i++) {
          Map<String, String> v = new LinkedHashMap<>(entries.get(i).values());
          out.write(v.get("lastname") + "," + v.get("contact_uuid__c") + "\n");
        }
      }
    };
  }
}

package dev.ferry.engine.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.id.MappingId;
import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.sf.SaveRequest;
import dev.ferry.testkit.PostgresExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ferry's own writes come back from Salesforce (SystemModstamp moves) on the next poll: they are
 * read, never captured again, and never flip a row back to an older value — the "rapid multiple
 * updates" cases of Heroku Connect's documentation (spec §5.7), each checked end to end.
 */
class EchoIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  private static String synced(WriteHarness h, MappingId mapping, String name) {
    String id =
        h.admin
            .save(
                SaveOperation.CREATE,
                "Contact",
                List.of(
                    new SaveRequest("Contact", null, Map.of("LastName", name, "Email", "0@x.org"))),
                null)
            .get(0)
            .id();
    h.poll(mapping);
    return id;
  }

  private static Object email(WriteHarness h, String name) {
    return h.app.value("SELECT email FROM salesforce.contact WHERE lastname = '" + name + "'");
  }

  @Test
  void rapidUpdatesNeverFlipTheRowBack() throws Exception {
    try (WriteHarness h = WriteHarness.builder(PG).start()) {
      MappingId mapping = h.map("Contact", WritePathIT.contact());
      String id = synced(h, mapping, "Flip");
      h.advance(Duration.ofSeconds(5));
      h.app.execute("UPDATE salesforce.contact SET email = '1@x.org' WHERE lastname = 'Flip'");
      h.write();
      h.advance(Duration.ofSeconds(5));
      h.app.execute("UPDATE salesforce.contact SET email = '2@x.org' WHERE lastname = 'Flip'");
      // the echo of the first write (newer SystemModstamp) arrives before the second is written
      h.poll(mapping);
      assertThat(email(h, "Flip")).isEqualTo("2@x.org");
      h.write();
      h.poll(mapping);
      assertThat(email(h, "Flip")).isEqualTo("2@x.org");
      assertThat(h.app.value("SELECT _hc_lastop FROM salesforce.contact")).isEqualTo("SYNCED");
      assertThat(h.query("SELECT Email FROM Contact WHERE Id = '" + id + "'").get(0).get("Email"))
          .isEqualTo("2@x.org");
      // only the application's two changes were ever captured
      assertThat(h.entries()).containsExactly("UPDATE:SUCCESS", "UPDATE:SUCCESS");
    }
  }

  @Test
  void aDeletedRowIsNotRevivedBySalesforceChangesBeforeItsDeleteIsWritten() throws Exception {
    try (WriteHarness h = WriteHarness.builder(PG).start()) {
      MappingId mapping = h.map("Contact", WritePathIT.contact());
      String revived = synced(h, mapping, "Revived");
      String touched = synced(h, mapping, "Touched");
      h.advance(Duration.ofSeconds(5));
      // someone changes the record in Salesforce while the application deletes the row
      h.admin.save(
          SaveOperation.UPDATE,
          "Contact",
          List.of(new SaveRequest("Contact", revived, Map.of("Email", "sf@x.org"))),
          null);
      h.app.execute("DELETE FROM salesforce.contact WHERE lastname = 'Revived'");
      // update then delete before either is written
      h.app.execute("UPDATE salesforce.contact SET email = 'u@x.org' WHERE lastname = 'Touched'");
      h.app.execute("DELETE FROM salesforce.contact WHERE lastname = 'Touched'");
      h.poll(mapping);
      assertThat(h.app.count("SELECT count(*) FROM salesforce.contact")).isZero();
      h.write();
      h.poll(mapping);
      assertThat(h.app.count("SELECT count(*) FROM salesforce.contact")).isZero();
      assertThat(
              h.sfCount(
                  "SELECT COUNT() FROM Contact WHERE Id IN ('" + revived + "', '" + touched + "')"))
          .isZero();
      assertThat(h.entries()).containsExactly("DELETE:SUCCESS", "UPDATE:SUCCESS", "DELETE:SUCCESS");
    }
  }

  @Test
  void anInsertReadBackBeforeItsWriteBackIsLinkedNotDuplicated() throws Exception {
    try (WriteHarness h = WriteHarness.builder(PG).start()) {
      MappingId mapping =
          h.map("Contact", WritePathIT.contact().withUpsertField("Contact_UUID__c"));
      h.app.execute(
          "INSERT INTO salesforce.contact (lastname, contact_uuid__c) VALUES ('Early', 'early-1')");
      // the record reaches Salesforce (say, by another tool) and is polled before the write
      h.admin.save(
          SaveOperation.CREATE,
          "Contact",
          List.of(
              new SaveRequest(
                  "Contact", null, Map.of("LastName", "Early SF", "Contact_UUID__c", "early-1"))),
          null);
      h.app.execute("UPDATE salesforce.contact SET email = 'e@x.org' WHERE lastname = 'Early'");
      h.poll(mapping);
      assertThat(h.app.count("SELECT count(*) FROM salesforce.contact")).isEqualTo(1);
      assertThat(h.app.value("SELECT lastname FROM salesforce.contact")).isEqualTo("Early");
      h.write(); // the INSERT upserts onto that record, then the UPDATE
      h.poll(mapping);
      assertThat(h.app.rows("SELECT lastname, email FROM salesforce.contact"))
          .containsExactly(Map.of("lastname", "Early", "email", "e@x.org"));
      assertThat(h.sfCount("SELECT COUNT() FROM Contact WHERE Contact_UUID__c = 'early-1'"))
          .isEqualTo(1);
    }
  }
}

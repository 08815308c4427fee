package dev.ferry.engine.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.control.RetryResult;
import dev.ferry.core.control.WriteErrors;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.sf.SfRecord;
import dev.ferry.testkit.PostgresExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Postgres → Salesforce end to end (PostgreSQL + emulator over HTTP + the real client): an
 * application's plain SQL reaches Salesforce, the outcome is written back on the row and the entry,
 * and nothing Ferry writes is captured again.
 */
class WritePathIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  static final List<String> CONTACT =
      List.of(
          "Id",
          "IsDeleted",
          "SystemModstamp",
          "FirstName",
          "LastName",
          "Email",
          "Birthdate",
          "HasOptedOutOfEmail",
          "Score__c",
          "AccountId",
          "Account__External_Id__c",
          "Contact_UUID__c");

  static MappingConfig contact() {
    return MappingConfig.of(Access.READ_WRITE, CONTACT).withPolling(60, false);
  }

  @Test
  void insertUpdateDeleteRoundTripWithWriteBack() throws Exception {
    try (WriteHarness h = WriteHarness.builder(PG).start()) {
      MappingId mapping = h.map("Contact", contact());
      h.app.execute(
          "INSERT INTO salesforce.contact (lastname, firstname, email, birthdate, score__c,"
              + " hasoptedoutofemail) VALUES ('Lovelace', 'Ada', 'ada@example.com', '1815-12-10',"
              + " 12.5, true)");
      assertThat(h.app.value("SELECT _hc_lastop FROM salesforce.contact")).isEqualTo("PENDING");
      h.write();
      Map<String, Object> row = h.app.rows("SELECT * FROM salesforce.contact").get(0);
      assertThat(row.get("_hc_lastop")).isEqualTo("INSERTED");
      assertThat(row.get("_hc_err")).isNull();
      String sfid = (String) row.get("sfid");
      assertThat(sfid).startsWith("003").hasSize(18);
      SfRecord r =
          h.query(
                  "SELECT LastName, FirstName, Email, Birthdate, Score__c, HasOptedOutOfEmail"
                      + " FROM Contact WHERE Id = '"
                      + sfid
                      + "'")
              .get(0);
      assertThat(r.get("LastName")).isEqualTo("Lovelace");
      assertThat(r.get("Birthdate")).isEqualTo("1815-12-10");
      assertThat(r.get("Score__c")).isEqualTo("12.5");
      assertThat(r.get("HasOptedOutOfEmail")).isEqualTo("true");

      h.app.execute("UPDATE salesforce.contact SET email = 'ada@lovelace.org', firstname = NULL");
      h.write();
      assertThat(h.app.value("SELECT _hc_lastop FROM salesforce.contact")).isEqualTo("UPDATED");
      r = h.query("SELECT Email, FirstName FROM Contact WHERE Id = '" + sfid + "'").get(0);
      assertThat(r.get("Email")).isEqualTo("ada@lovelace.org");
      assertThat(r.get("FirstName")).isNull();

      // Salesforce's echo of Ferry's own write is read back, is not captured, ends SYNCED
      h.poll(mapping);
      assertThat(h.app.value("SELECT _hc_lastop FROM salesforce.contact")).isEqualTo("SYNCED");
      assertThat(h.app.value("SELECT email FROM salesforce.contact")).isEqualTo("ada@lovelace.org");

      h.app.execute("DELETE FROM salesforce.contact");
      h.write();
      assertThat(h.sfCount("SELECT COUNT() FROM Contact WHERE Id = '" + sfid + "'")).isZero();

      assertThat(h.entries()).containsExactly("INSERT:SUCCESS", "UPDATE:SUCCESS", "DELETE:SUCCESS");
      assertThat(h.app.count("SELECT count(*) FROM salesforce._trigger_log")).isZero(); // archived
      assertThat(
              h.app.rows(
                  "SELECT sf_result, sfid, processed_at IS NOT NULL AS done"
                      + " FROM salesforce._trigger_log_archive ORDER BY id"))
          .allSatisfy(e -> {
            assertThat(e.get("sf_result")).isEqualTo(0);
            assertThat(e.get("sfid")).isEqualTo(sfid);
            assertThat(e.get("done")).isEqualTo(true);
          });
    }
  }

  @Test
  void changesOfADeletedMappingEndIgnoredInsteadOfWaitingForever() throws Exception {
    try (WriteHarness h = WriteHarness.builder(PG).start()) {
      MappingId mapping = h.map("Contact", contact());
      h.app.execute("INSERT INTO salesforce.contact (lastname) VALUES ('Never sent')");
      h.service.deleteMapping(mapping);
      h.requireManual().runMapping(mapping); // SYNC_REMOVED: the table is dropped
      assertThat(h.app.value("SELECT to_regclass('salesforce.contact') IS NULL")).isEqualTo(true);
      h.write();
      assertThat(h.waiting()).isZero();
      assertThat(h.entries()).containsExactly("INSERT:IGNORED");
      assertThat(
              h.app.rows(
                  "SELECT sf_result, sf_message FROM salesforce._trigger_log"
                      + " UNION ALL SELECT sf_result, sf_message FROM salesforce._trigger_log_archive"))
          .containsExactly(
              Map.of(
                  "sf_result", 2, "sf_message", "not written: the mapping of contact was deleted"));
      assertThat(h.sfCount("SELECT COUNT() FROM Contact WHERE LastName = 'Never sent'")).isZero();
      // a mapping created again starts from a clean queue
      h.map("Contact", contact());
      h.app.execute("INSERT INTO salesforce.contact (lastname) VALUES ('Sent')");
      h.write();
      assertThat(h.entries()).containsExactly("INSERT:IGNORED", "INSERT:SUCCESS");
    }
  }

  @Test
  void parentAndChildInsertedInOneTransactionThroughExternalIds() throws Exception {
    try (WriteHarness h = WriteHarness.builder(PG).start()) {
      h.map(
          "Account",
          MappingConfig.of(
                  Access.READ_WRITE,
                  List.of("Id", "IsDeleted", "SystemModstamp", "Name", "External_Id__c"))
              .withUpsertField("External_Id__c"));
      h.map("Contact", contact());
      h.app.execute(
          "BEGIN;"
              + " INSERT INTO salesforce.account (name, external_id__c) VALUES ('Acme', 'ACME-1');"
              + " INSERT INTO salesforce.contact (lastname, account__external_id__c)"
              + " VALUES ('Coyote', 'ACME-1');"
              + " COMMIT;");
      h.write();
      String account = (String) h.app.value("SELECT sfid FROM salesforce.account");
      String contact = (String) h.app.value("SELECT sfid FROM salesforce.contact");
      assertThat(account).startsWith("001");
      assertThat(contact).startsWith("003");
      assertThat(
              h.query("SELECT AccountId FROM Contact WHERE Id = '" + contact + "'")
                  .get(0)
                  .get("AccountId"))
          .isEqualTo(account);
      assertThat(h.entries()).containsExactly("INSERT:SUCCESS", "INSERT:SUCCESS");
    }
  }

  @Test
  void rejectedRecordsFailWithSalesforcesMessageWhileTheOthersSucceed() throws Exception {
    try (WriteHarness h = WriteHarness.builder(PG).start()) {
      MappingId mapping = h.map("Contact", contact());
      h.app.execute(
          "INSERT INTO salesforce.contact (lastname, email) VALUES"
              + " ('Good One', 'one@example.com'), (NULL, 'two@example.com'),"
              + " ('Bad Email', 'not an address'), ('Good Two', NULL)");
      h.write();
      assertThat(
              h.app.rows(
                  "SELECT lastname, _hc_lastop, sfid IS NOT NULL AS synced FROM salesforce.contact"
                      + " ORDER BY id"))
          .extracting(r -> r.get("lastname") + "/" + r.get("_hc_lastop") + "/" + r.get("synced"))
          .containsExactly(
              "Good One/INSERTED/true",
              "null/FAILED/false",
              "Bad Email/FAILED/false",
              "Good Two/INSERTED/true");
      assertThat(h.sfCount("SELECT COUNT() FROM Contact WHERE LastName LIKE 'Good%'")).isEqualTo(2);
      String err =
          (String) h.app.value("SELECT _hc_err FROM salesforce.contact WHERE lastname IS NULL");
      assertThat(err)
          .startsWith("{\"code\":\"REQUIRED_FIELD_MISSING\",\"message\":")
          .contains("\"fields\":[\"LastName\"]");

      WriteErrors errors = h.service.writeErrors(h.connection);
      assertThat(errors.count()).isEqualTo(2);
      assertThat(errors.results())
          .extracting(e -> e.tableName() + ": " + e.message())
          .anyMatch(m -> m.startsWith("contact: REQUIRED_FIELD_MISSING"))
          .anyMatch(m -> m.startsWith("contact: INVALID_EMAIL_ADDRESS"));
      assertThat(h.service.writeErrors(mapping).count()).isEqualTo(2);

      // Ordered Writes: fixing the row retries its insert (the UPDATE goes out as an INSERT)
      h.app.execute("UPDATE salesforce.contact SET lastname = 'Fixed' WHERE lastname IS NULL");
      h.write();
      assertThat(h.app.value("SELECT _hc_lastop FROM salesforce.contact WHERE lastname = 'Fixed'"))
          .isEqualTo("INSERTED");
      assertThat(h.sfCount("SELECT COUNT() FROM Contact WHERE LastName = 'Fixed'")).isEqualTo(1);

      // the retry action re-captures the failed row as it is now
      h.app.execute(
          "UPDATE salesforce.contact SET email = 'bad@example.com'"
              + " WHERE lastname = 'Bad Email'");
      h.write(); // fixed by the update itself, too
      assertThat(h.sfCount("SELECT COUNT() FROM Contact WHERE LastName = 'Bad Email'"))
          .isEqualTo(1);
      h.controls.recordErrors(1, "FIELD_CUSTOM_VALIDATION_EXCEPTION");
      h.app.execute("INSERT INTO salesforce.contact (lastname) VALUES ('Validated')");
      h.write();
      assertThat(
              h.app.value("SELECT _hc_lastop FROM salesforce.contact WHERE lastname = 'Validated'"))
          .isEqualTo("FAILED");
      RetryResult retry = h.service.retryWrites(mapping);
      assertThat(retry.captured()).isEqualTo(3); // the three rows that failed once
      h.write();
      assertThat(
              h.app.value("SELECT _hc_lastop FROM salesforce.contact WHERE lastname = 'Validated'"))
          .isEqualTo("INSERTED");
      // rows already in Salesforce went out as updates: no duplicates
      assertThat(h.sfCount("SELECT COUNT() FROM Contact")).isEqualTo(5);
      assertThat(h.service.writeErrors(h.connection).count()).isZero();
    }
  }
}

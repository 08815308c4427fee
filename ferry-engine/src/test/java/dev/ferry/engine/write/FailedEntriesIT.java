package dev.ferry.engine.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.testkit.PostgresExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failed writes where applications written for Heroku Connect look for them, and the retries they
 * make by hand (PostgreSQL + the emulator over HTTP + the real client). Each test runs the SQL a
 * real application runs: Heroku Connect's documented query, a failure monitor copying FAILED
 * entries, an errors view, django-heroku-connect's {@code TriggerLog.redo()} and {@code
 * TriggerLogArchive.redo()}, and an entry set to REQUEUE.
 */
class FailedEntriesIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  static MappingConfig contact() {
    return MappingConfig.of(
            Access.READ_WRITE,
            List.of("Id", "IsDeleted", "SystemModstamp", "FirstName", "LastName", "Email"))
        .withPolling(60, false);
  }

  /** The failure monitor's copy (poc-heroku-connect-failure-monitor), verbatim. */
  static final String MONITOR_COPY =
      """
      INSERT INTO custom.failed_records
      (trigger_log_id, txid, created_at, updated_at, processed_at, processed_tx,
       state, action, table_name, record_id, sfid, old, values, sf_result, sf_message)
      SELECT id, txid, created_at, updated_at, processed_at, processed_tx,
             state, action, table_name, record_id, sfid, old, values,
             sf_result, sf_message
      FROM salesforce._trigger_log
      WHERE state = 'FAILED'
      ON CONFLICT (trigger_log_id) DO NOTHING;
      """;

  @Test
  void aFailureStaysInTheTriggerLogForADayThenMovesToTheArchive() throws Exception {
    try (WriteHarness h = WriteHarness.builder(PG).start()) {
      try {
        h.map("Contact", contact());
        h.controls.recordErrors(1, "FIELD_CUSTOM_VALIDATION_EXCEPTION");
        h.app.execute(
            "INSERT INTO salesforce.contact (lastname, email) VALUES"
                + " ('Validated', 'v@example.com'), ('Accepted', 'a@example.com')");
        h.write();

        // Heroku Connect's documentation (Write Errors) finds failures so
        List<Map<String, Object>> failures =
            h.app.rows(
                "SELECT table_name, record_id, action, sf_message FROM salesforce._trigger_log"
                    + " WHERE state = 'FAILED'");
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0))
            .containsEntry("table_name", "contact")
            .containsEntry("action", "INSERT");
        assertThat((String) failures.get(0).get("sf_message"))
            .startsWith("FIELD_CUSTOM_VALIDATION_EXCEPTION");

        // an application's errors view
        h.app.execute(
            "CREATE VIEW public.hc_errors AS SELECT id, table_name, record_id, action, sf_message,"
                + " created_at FROM salesforce._trigger_log WHERE state = 'FAILED'");
        assertThat(h.app.count("SELECT count(*) FROM public.hc_errors")).isEqualTo(1);

        // a failure monitor copying the failures to a table of its own
        h.app.execute(
            "CREATE SCHEMA custom; CREATE TABLE custom.failed_records (id BIGSERIAL PRIMARY KEY,"
                + " trigger_log_id BIGINT NOT NULL UNIQUE, txid BIGINT,"
                + " created_at TIMESTAMP WITH TIME ZONE, updated_at TIMESTAMP WITH TIME ZONE,"
                + " processed_at TIMESTAMP WITH TIME ZONE, processed_tx BIGINT, state VARCHAR(8),"
                + " action VARCHAR(7), table_name VARCHAR(128), record_id INTEGER,"
                + " sfid VARCHAR(18), old TEXT, values TEXT, sf_result INTEGER, sf_message TEXT,"
                + " notified BOOLEAN DEFAULT FALSE)");
        h.app.execute(MONITOR_COPY);
        assertThat(
                h.app.rows(
                    "SELECT state, action, table_name, processed_at IS NOT NULL AS processed,"
                        + " sf_result FROM custom.failed_records"))
            .containsExactly(
                Map.of(
                    "state",
                    "FAILED",
                    "action",
                    "INSERT",
                    "table_name",
                    "contact",
                    "processed",
                    true,
                    "sf_result",
                    1));

        // Ferry's own write-error queries see it as before
        assertThat(h.service.writeErrors(h.connection).count()).isEqualTo(1);

        // a day later the housekeeping archives it, still FAILED
        h.writeLater(Duration.ofHours(23));
        assertThat(h.app.count("SELECT count(*) FROM public.hc_errors")).isEqualTo(1);
        h.writeLater(Duration.ofHours(2));
        assertThat(h.app.count("SELECT count(*) FROM public.hc_errors")).isZero();
        long archived =
            h.app.count(
                "SELECT id FROM salesforce._trigger_log_archive WHERE state = 'FAILED'"
                    + " AND sf_message LIKE 'FIELD_CUSTOM_VALIDATION_EXCEPTION%'");

        // django-heroku-connect's TriggerLogArchive.redo(): copy it back as NEW, mark REQUEUED
        h.app.execute(
            "INSERT INTO salesforce._trigger_log (txid, created_at, updated_at, processed_at,"
                + " table_name, record_id, sfid, action, state, sf_message, \"values\", old)"
                + " SELECT txid, created_at, updated_at, processed_at, table_name, record_id, sfid,"
                + " action, 'NEW', sf_message, \"values\", old FROM salesforce._trigger_log_archive"
                + " WHERE id = "
                + archived);
        h.app.execute(
            "UPDATE salesforce._trigger_log_archive SET state = 'REQUEUED' WHERE id = " + archived);
        h.write();
        assertThat(
                h.app.value(
                    "SELECT _hc_lastop FROM salesforce.contact WHERE lastname = 'Validated'"))
            .isEqualTo("INSERTED");
        assertThat(h.sfCount("SELECT COUNT() FROM Contact WHERE LastName = 'Validated'"))
            .isEqualTo(1);
      } finally {
        h.app.execute("DROP VIEW IF EXISTS public.hc_errors; DROP SCHEMA IF EXISTS custom CASCADE");
      }
    }
  }

  @Test
  void anApplicationSettingAFailedEntryBackToNewRetriesIt() throws Exception {
    try (WriteHarness h = WriteHarness.builder(PG).start()) {
      h.map("Contact", contact());
      h.controls.recordErrors(1, "FIELD_CUSTOM_VALIDATION_EXCEPTION");
      h.app.execute("INSERT INTO salesforce.contact (lastname) VALUES ('Validated')");
      h.write();
      assertThat(h.app.value("SELECT _hc_lastop FROM salesforce.contact")).isEqualTo("FAILED");
      long failed = h.app.count("SELECT id FROM salesforce._trigger_log WHERE state = 'FAILED'");

      // django-heroku-connect's TriggerLog.redo() (Merged Writes), as Django sends it
      h.app.execute(
          "UPDATE \"salesforce\".\"_trigger_log\" SET \"state\" = 'NEW'"
              + " WHERE \"salesforce\".\"_trigger_log\".\"id\" = "
              + failed);
      h.write();
      Map<String, Object> row = h.app.rows("SELECT * FROM salesforce.contact").get(0);
      assertThat(row.get("_hc_lastop")).isEqualTo("INSERTED");
      assertThat(row.get("_hc_err")).isNull();
      assertThat((String) row.get("sfid")).startsWith("003");
      assertThat(h.sfCount("SELECT COUNT() FROM Contact WHERE LastName = 'Validated'"))
          .isEqualTo(1);
      assertThat(
              h.app.value("SELECT state FROM salesforce._trigger_log_archive WHERE id = " + failed))
          .isEqualTo("SUCCESS");
      assertThat(h.app.count("SELECT count(*) FROM salesforce._trigger_log")).isZero();
      assertThat(h.service.writeErrors(h.connection).count()).isZero();
    }
  }

  @Test
  void aRetryThatFailsAgainIsWrittenBackAgainAndStaysVisible() throws Exception {
    try (WriteHarness h = WriteHarness.builder(PG).start()) {
      h.map("Contact", contact());
      h.app.execute("INSERT INTO salesforce.contact (email) VALUES ('nameless@example.com')");
      h.write();
      long failed = h.app.count("SELECT id FROM salesforce._trigger_log WHERE state = 'FAILED'");
      Object firstTry =
          h.app.value("SELECT processed_at FROM salesforce._trigger_log WHERE id = " + failed);
      // an application clears the error: the row shows PENDING until the retry's outcome
      h.app.execute("UPDATE salesforce.contact SET _hc_err = NULL");
      assertThat(h.app.value("SELECT _hc_lastop FROM salesforce.contact")).isEqualTo("PENDING");

      h.app.execute("UPDATE salesforce._trigger_log SET state = 'NEW' WHERE id = " + failed);
      h.writeLater(Duration.ofMinutes(5));
      Map<String, Object> entry =
          h.app.rows("SELECT * FROM salesforce._trigger_log WHERE id = " + failed).get(0);
      assertThat(entry.get("state")).isEqualTo("FAILED");
      assertThat((String) entry.get("sf_message")).startsWith("REQUIRED_FIELD_MISSING");
      assertThat(entry.get("processed_at")).isNotEqualTo(firstTry);
      Map<String, Object> row = h.app.rows("SELECT * FROM salesforce.contact").get(0);
      assertThat(row.get("_hc_lastop")).isEqualTo("FAILED");
      assertThat((String) row.get("_hc_err")).contains("REQUIRED_FIELD_MISSING");
      assertThat(h.service.writeErrors(h.connection).count()).isEqualTo(1);
    }
  }

  @Test
  void anEntrySetToRequeueIsQueuedAgain() throws Exception {
    try (WriteHarness h = WriteHarness.builder(PG).start()) {
      h.map("Contact", contact());
      h.controls.recordErrors(1, "FIELD_CUSTOM_VALIDATION_EXCEPTION");
      h.app.execute("INSERT INTO salesforce.contact (lastname) VALUES ('Requeued')");
      h.write();
      long failed = h.app.count("SELECT id FROM salesforce._trigger_log WHERE state = 'FAILED'");

      h.app.execute("UPDATE salesforce._trigger_log SET state = 'REQUEUE' WHERE id = " + failed);
      h.write();
      // the original is marked REQUEUED (and archived); its copy at the end of the queue is sent
      assertThat(h.entries()).containsExactly("INSERT:REQUEUED", "INSERT:SUCCESS");
      assertThat(
              h.app.value("SELECT state FROM salesforce._trigger_log_archive WHERE id = " + failed))
          .isEqualTo("REQUEUED");
      assertThat(h.app.value("SELECT _hc_lastop FROM salesforce.contact")).isEqualTo("INSERTED");
      assertThat(h.sfCount("SELECT COUNT() FROM Contact WHERE LastName = 'Requeued'")).isEqualTo(1);
      assertThat(
              h.app.count(
                  "SELECT count(*) FROM salesforce._trigger_log"
                      + " WHERE state IN ('NEW', 'PENDING', 'REQUEUE')"))
          .isZero();
    }
  }
}

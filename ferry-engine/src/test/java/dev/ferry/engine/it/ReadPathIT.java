package dev.ferry.engine.it;

import static dev.ferry.core.state.MappingState.*;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.sf.BulkJob;
import dev.ferry.core.sf.CsvSource;
import dev.ferry.core.sf.IngestOperation;
import dev.ferry.core.sf.IngestSpec;
import dev.ferry.core.sf.RecordHeader;
import dev.ferry.core.sf.RecordStream;
import dev.ferry.core.soql.Soql;
import dev.ferry.core.state.MappingState;
import dev.ferry.core.store.DeleteMode;
import dev.ferry.core.store.PollKind;
import dev.ferry.core.store.PollWindow;
import dev.ferry.engine.env.EngineSettings;
import dev.ferry.testkit.PostgresExtension;
import dev.ferry.testkit.RecordingSyncEvents.DeletesApplied;
import dev.ferry.testkit.RecordingSyncEvents.LoadFinished;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * The read path end to end (PostgreSQL + emulator over HTTP + the real client): loads and polls
 * through REST and through Bulk API 2.0 with the states Heroku Connect shows for each, deletes by
 * queryAll and by getDeleted, compound, long-text, formula and relationship external-id fields; and
 * after every step a full comparison of Salesforce and Postgres finds no difference.
 */
class ReadPathIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  private static final List<String> CONTACT_FIELDS =
      List.of(
          "Id",
          "SystemModstamp",
          "IsDeleted",
          "CreatedDate",
          "Name",
          "FirstName",
          "LastName",
          "Email",
          "Birthdate",
          "HasOptedOutOfEmail",
          "Score__c",
          "AccountId",
          "MailingAddress",
          "Description",
          "Contact_UUID__c");

  private static Map<String, Integer> data(int accounts, int contacts) {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("Account", accounts);
    m.put("Contact", contacts);
    return m;
  }

  @Test
  void restLoadThenPollsThenDeletesKeepPostgresEqualToSalesforce() throws Exception {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Logger sync = (Logger) LoggerFactory.getLogger("dev.ferry.sync");
    sync.addAppender(log);
    try (SyncHarness h = SyncHarness.builder(PG).generate(data(5, 40)).start()) {
      MappingConfig config = MappingConfig.of(Access.READ_ONLY, CONTACT_FIELDS);
      MappingId id = h.map("Contact", config);
      h.advance(Duration.ofSeconds(5));
      h.run(id);
      assertThat(h.events.states(id)).containsExactly(INITIAL, RELOAD_TABLE, DATA_SYNCED);
      // logfmt lines in Heroku Connect's shape, and the history with timestamps
      assertThat(keyValues(log, "RELOAD TABLE contact"))
          .containsEntry("object_type", "mapping")
          .containsEntry("object_id", id.toString())
          .containsEntry("state", "RELOAD_TABLE")
          .containsEntry("connection", h.connection.toString());
      assertThat(keyValues(log, "Contact QUERY ↷SALESFORCE 40 rows"))
          .containsEntry("object_type", "sync");
      assertThat(h.service.mappingHistory(id, 10))
          .extracting(c -> c.to())
          .containsExactly("DATA_SYNCED", "RELOAD_TABLE", "INITIAL");
      assertThat(h.service.mappingHistory(id, 10)).allMatch(c -> c.at() != null);
      assertThat(h.events.events(LoadFinished.class))
          .singleElement()
          .satisfies(l -> {
            assertThat(l.api()).hasToString("REST");
            assertThat(l.rows()).isEqualTo(40);
          });
      assertThat(h.db.count("SELECT count(*) FROM salesforce.contact")).isEqualTo(40);
      assertThat(diff(h, config)).isEmpty();
      // Ferry's writes are not captured and end SYNCED
      assertThat(h.db.count("SELECT count(*) FROM salesforce._trigger_log")).isZero();
      assertThat(h.db.count("SELECT count(*) FROM salesforce.contact WHERE _hc_lastop <> 'SYNCED'"))
          .isZero();

      List<String> ids = ids(h, "Contact");
      h.update(
          "Contact", ids.get(0), Map.of("LastName", "Changed", "Description", "x".repeat(20_000)));
      h.update("Contact", ids.get(1), Map.of("MailingCity", "Reykjavík", "Score__c", 12.5));
      h.create("Contact", List.of(Map.of("LastName", "New One", "Email", "one@example.com")));
      h.delete("Contact", ids.get(2));
      h.advance(Duration.ofSeconds(5));
      h.events.clear();
      h.run(id);
      assertThat(h.events.states(id)).containsExactly(POLLING_SF_CHANGES, DATA_SYNCED);
      assertThat(
              h.db.count(
                  "SELECT count(*) FROM salesforce.contact WHERE sfid = '" + ids.get(2) + "'"))
          .isZero();
      assertThat(
              h.db.value(
                  "SELECT length(description) FROM salesforce.contact WHERE sfid = '"
                      + ids.get(0)
                      + "'"))
          .isEqualTo(20_000);
      assertThat(diff(h, config)).isEmpty();

      // a hard delete never shows up in queryAll: getDeleted finds it, at most once a minute
      hardDelete(h, "Contact", ids.get(3));
      h.advance(Duration.ofSeconds(61));
      h.events.clear();
      h.run(id);
      assertThat(h.events.states(id))
          .containsExactly(POLLING_SF_CHANGES, POLLING_SF_FOR_DELETES, DATA_SYNCED);
      assertThat(h.events.events(DeletesApplied.class))
          .singleElement()
          .satisfies(d -> assertThat(d.rows()).isEqualTo(1));
      assertThat(diff(h, config)).isEmpty();
      assertThat(h.db.count("SELECT count(*) FROM salesforce.contact")).isEqualTo(39);
    } finally {
      sync.detachAppender(log);
    }
  }

  @Test
  void deletesCanBeFlaggedInsteadOfRemoved() throws Exception {
    try (SyncHarness h =
        SyncHarness.builder(PG)
            .generate(data(2, 10))
            .set(EngineSettings.DELETE_MODE, DeleteMode.FLAG)
            .start()) {
      MappingId id = h.map("Contact", "Id", "SystemModstamp", "IsDeleted", "LastName");
      h.advance(Duration.ofSeconds(5));
      h.runUntil(id, DATA_SYNCED, 2);
      List<String> ids = ids(h, "Contact");
      h.delete("Contact", ids.get(0));
      hardDelete(h, "Contact", ids.get(1));
      h.advance(Duration.ofSeconds(61));
      h.run(id);
      assertThat(h.db.count("SELECT count(*) FROM salesforce.contact")).isEqualTo(10);
      assertThat(h.db.rows("SELECT sfid FROM salesforce.contact WHERE isdeleted ORDER BY sfid"))
          .extracting(r -> r.get("sfid"))
          .containsExactlyInAnyOrder(ids.get(0), ids.get(1));
    }
  }

  @Test
  void objectsWithoutIsDeletedLoseDeletedRowsThroughGetDeleted() throws Exception {
    // Group has no IsDeleted in real orgs: no isdeleted column, queryAll never returns its deleted
    // records, getDeleted does; the row goes even in flag mode (there is nothing to flag).
    Map<String, Integer> groups = new LinkedHashMap<>();
    groups.put("Group", 4);
    try (SyncHarness h =
        SyncHarness.builder(PG)
            .generate(groups)
            .set(EngineSettings.DELETE_MODE, DeleteMode.FLAG)
            .start()) {
      MappingId id = h.map("Group", "Id", "SystemModstamp", "Name");
      h.advance(Duration.ofSeconds(5));
      h.runUntil(id, DATA_SYNCED, 2);
      assertThat(h.db.count("SELECT count(*) FROM salesforce.\"group\"")).isEqualTo(4);
      assertThat(
              h.db.count(
                  "SELECT count(*) FROM information_schema.columns WHERE table_schema ="
                      + " 'salesforce' AND table_name = 'group' AND column_name = 'isdeleted'"))
          .isZero();
      String gone = ids(h, "Group").get(0);
      h.delete("Group", gone);
      h.advance(Duration.ofSeconds(61));
      h.events.clear();
      h.run(id);
      assertThat(h.events.states(id))
          .containsExactly(POLLING_SF_CHANGES, POLLING_SF_FOR_DELETES, DATA_SYNCED);
      assertThat(h.db.count("SELECT count(*) FROM salesforce.\"group\"")).isEqualTo(3);
      assertThat(
              h.db.count("SELECT count(*) FROM salesforce.\"group\" WHERE sfid = '" + gone + "'"))
          .isZero();
    }
  }

  /** The key-value pairs of the first log line whose message starts with {@code prefix}. */
  private static Map<String, String> keyValues(ListAppender<ILoggingEvent> log, String prefix) {
    ILoggingEvent e =
        log.list.stream()
            .filter(x -> x.getFormattedMessage().startsWith(prefix))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no log line starting with " + prefix));
    Map<String, String> kv = new LinkedHashMap<>();
    for (KeyValuePair p : e.getKeyValuePairs()) kv.put(p.key, String.valueOf(p.value));
    assertThat(kv.get("event")).startsWith(prefix);
    return kv;
  }

  @Test
  void bulkLoadAndChunkedBulkPollResolveExternalIds() throws Exception {
    try (SyncHarness h =
        SyncHarness.builder(PG)
            .generate(data(10, 60))
            .set(EngineSettings.LARGE_QUERY_THRESHOLD, 20)
            .set(EngineSettings.BULK_CHUNK_ROWS, 12)
            .start()) {
      List<String> fields = new ArrayList<>(CONTACT_FIELDS);
      fields.remove("MailingAddress"); // compound fields are not selectable through Bulk
      fields.addAll(
          List.of("MailingStreet", "MailingCity", "MailingLatitude", "Account__External_Id__c"));
      MappingConfig config = MappingConfig.of(Access.READ_ONLY, fields);
      MappingId id = h.map("Contact", config);
      h.advance(Duration.ofSeconds(5));
      h.run(id);
      assertThat(h.events.states(id))
          .containsExactly(
              INITIAL,
              RELOAD_TABLE,
              WAIT_BULK_LOAD,
              LOADING_BULK_JOB,
              RESOLVE_EXTERNAL_IDS,
              DATA_SYNCED);
      assertThat(
              h.db.count(
                  "SELECT count(*) FROM salesforce.contact WHERE account__external_id__c IS NOT NULL"))
          .isGreaterThan(0);
      assertThat(diff(h, config)).isEmpty();

      // 40 changes spread over 4 seconds: more than the threshold, three chunks of about 12
      List<String> ids = ids(h, "Contact");
      for (int s = 0; s < 4; s++) {
        for (int i = 0; i < 10; i++) {
          h.update(
              "Contact",
              ids.get(s * 10 + i),
              Map.of("Title", "T" + s, "LastName", "L" + s + "-" + i));
        }
        h.advance(Duration.ofSeconds(1));
      }
      h.advance(Duration.ofSeconds(5));
      h.events.clear();
      h.run(id);
      List<MappingState> states = h.events.states(id);
      assertThat(states.get(0)).isEqualTo(POLLING_SF_CHANGES);
      assertThat(states.get(1)).isEqualTo(POLLING_SF_BULK);
      assertThat(states).contains(WAIT_BULK_UPDATE, APPLYING_BULK_UPDATE, POLL_EXTERNAL_IDS);
      assertThat(states.get(states.size() - 1)).isEqualTo(DATA_SYNCED);
      List<PollWindow> windows = h.stores.sync.pollWindows().recent(id, 50);
      long chunks =
          windows.stream()
              .filter(w -> w.kind() == PollKind.PRIMARY && w.parentId() != null)
              .count();
      assertThat(chunks).isGreaterThanOrEqualTo(2);
      assertThat(diff(h, config)).isEmpty();
    }
  }

  @Test
  void formulaAndGeolocationFieldsAreRead() throws Exception {
    try (SyncHarness h = SyncHarness.builder(PG).generate(data(15, 0)).start()) {
      MappingConfig config =
          MappingConfig.of(
              Access.READ_ONLY,
              List.of(
                  "Id",
                  "SystemModstamp",
                  "Name",
                  "AnnualRevenue",
                  "NumberOfEmployees",
                  "Revenue_Per_Employee__c",
                  "HQ_Location__c",
                  "BillingAddress",
                  "Preferred_Call_Time__c",
                  "Last_Activity_At__c",
                  "Tags__c"));
      MappingId id = h.map("Account", config);
      h.advance(Duration.ofSeconds(5));
      h.runUntil(id, DATA_SYNCED, 3);
      assertThat(
              h.db.rows(
                  "SELECT hq_location__latitude__s, billingcity, revenue_per_employee__c FROM salesforce.account"))
          .hasSize(15);
      assertThat(diff(h, config)).isEmpty();
      String one = ids(h, "Account").get(0);
      h.update("Account", one, Map.of("AnnualRevenue", 1_000_000, "NumberOfEmployees", 8));
      h.advance(Duration.ofSeconds(5));
      h.run(id);
      assertThat(
              h.db.value(
                  "SELECT revenue_per_employee__c FROM salesforce.account WHERE sfid = '"
                      + one
                      + "'"))
          .isEqualTo(125_000.0);
      assertThat(diff(h, config)).isEmpty();
    }
  }

  static List<String> diff(SyncHarness h, MappingConfig config) {
    String object = config.hasField("Contact_UUID__c") ? "Contact" : "Account";
    return Comparison.differences(h.admin(), h.db, SyncHarness.SCHEMA, object, config);
  }

  static List<String> ids(SyncHarness h, String object) {
    List<String> ids = new ArrayList<>();
    try (RecordStream rs =
        h.admin().query(Soql.select("Id").from(object).orderBy("Id").build(), false)) {
      while (rs.hasNext()) ids.add(rs.next().id());
    }
    return ids;
  }

  /** Bulk API hardDelete: the record skips the recycle bin (queryAll never sees it again). */
  static void hardDelete(SyncHarness h, String object, String id) throws InterruptedException {
    BulkJob job =
        h.admin().createIngestJob(new IngestSpec(object, IngestOperation.HARD_DELETE, null));
    h.admin()
        .upload(
            job.id(),
            new CsvSource() {
              @Override
              public RecordHeader header() {
                return RecordHeader.of("Id");
              }

              @Override
              public int rowCount() {
                return 1;
              }

              @Override
              public void writeRows(int from, int to, Writer out) throws IOException {
                if (from == 0 && to >= 1) out.write(id + "\n");
              }
            });
    h.admin().closeIngestJob(job.id());
    for (int i = 0; i < 500 && !h.admin().ingestJob(job.id()).state().isTerminal(); i++)
      Thread.sleep(20);
    assertThat(h.admin().ingestJob(job.id()).numberRecordsProcessed()).isEqualTo(1);
  }
}

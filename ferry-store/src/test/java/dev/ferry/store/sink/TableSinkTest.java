package dev.ferry.store.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.error.DatabaseConstraintException;
import dev.ferry.core.model.Access;
import dev.ferry.core.store.DeleteMode;
import dev.ferry.core.store.DeleteResult;
import dev.ferry.core.store.MergeResult;
import dev.ferry.core.store.SinkBatch;
import dev.ferry.core.store.SinkOptions;
import dev.ferry.core.store.SinkTarget;
import dev.ferry.core.store.WatermarkKind;
import dev.ferry.store.Fixtures;
import dev.ferry.store.StoreHarness;
import dev.ferry.testkit.PostgresExtension;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TableSinkTest {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  static StoreHarness h;
  static SinkTarget contact;
  static SinkTarget flagged;
  static final Records REST =
      new Records(
          "Id",
          "SystemModstamp",
          "IsDeleted",
          "LastName",
          "Email",
          "Score__c",
          "Birthdate",
          "HasOptedOutOfEmail",
          "Contact_UUID__c",
          "Account.External_Id__c",
          "attributes");

  @BeforeAll
  static void setUp() {
    h = new StoreHarness(PG, "salesforce");
    contact =
        h.map(
            Fixtures.contact(Access.READ_WRITE),
            Fixtures.contactConfig(Access.READ_WRITE),
            DeleteMode.REMOVE);
    flagged = new SinkTarget(contact.mapping(), "salesforce", contact.table(), DeleteMode.FLAG);
  }

  @AfterAll
  static void close() {
    h.close();
  }

  @BeforeEach
  void clean() {
    h.empty(contact);
    h.app.exec("TRUNCATE salesforce._trigger_log");
  }

  @Test
  void loadsRecordsAsFerryConvertingValuesAndAdvancesTheWatermark() {
    MergeResult r;
    try (SinkBatch b = h.sink.open(contact)) {
      b.add(row("003A", "2024-01-02T03:04:05.000Z", "Ada", "1.5"));
      b.add(row("003B", "2024-01-02T05:00:00.000+0000", "Bob", null));
      b.add(
          REST.row(
              "003C",
              "2024-01-02T01:00:00.000-0800",
              "false",
              "Cé \"quoted\", line\nbreak",
              "#N/A",
              "",
              "1990-05-17",
              "true",
              "u-3",
              "EXT-1",
              "{\"type\":\"Contact\"}"));
      r = b.commit(Instant.parse("2024-01-02T09:00:00Z"));
    }
    assertThat(r.inserted()).isEqualTo(3);
    assertThat(r.maxModstamp()).isEqualTo(Instant.parse("2024-01-02T09:00:00Z"));
    assertThat(
            h.app.rows(
                "SELECT sfid, systemmodstamp::text AS m, lastname, email, score__c,"
                    + " birthdate::text AS b, hasoptedoutofemail AS o, account__external_id__c AS ext,"
                    + " _hc_lastop FROM salesforce.contact WHERE sfid = '003A'"))
        .containsExactly(
            ordered(
                "sfid",
                "003A",
                "m",
                "2024-01-02 03:04:05",
                "lastname",
                "Ada",
                "email",
                "ada@x",
                "score__c",
                "1.5",
                "b",
                "1990-05-17",
                "o",
                "f",
                "ext",
                "EXT-A",
                "_hc_lastop",
                "SYNCED"));
    assertThat(
            h.app.scalar("SELECT systemmodstamp::text FROM salesforce.contact WHERE sfid = '003B'"))
        .isEqualTo("2024-01-02 05:00:00");
    assertThat(
            h.app.rows(
                "SELECT systemmodstamp::text AS m, lastname, email, score__c, hasoptedoutofemail,"
                    + " contact_uuid__c, account__external_id__c FROM salesforce.contact WHERE sfid = '003C'"))
        .containsExactly(
            ordered(
                "m",
                "2024-01-02 09:00:00",
                "lastname",
                "Cé \"quoted\", line\nbreak",
                "email",
                null,
                "score__c",
                null,
                "hasoptedoutofemail",
                "t",
                "contact_uuid__c",
                "u-3",
                "account__external_id__c",
                "EXT-1"));
    assertThat(h.app.count("SELECT count(*) FROM salesforce._trigger_log")).isZero();
    assertThat(h.watermarks.read(contact.mapping(), WatermarkKind.CHANGES))
        .contains(Instant.parse("2024-01-02T09:00:00Z"));
  }

  @Test
  void mergeNeverMovesARowBackwardsAndLeavesIdenticalRowsAlone() {
    load(
        row("003A", "2024-01-02T10:00:00Z", "Ada", "1"),
        row("003B", "2024-01-02T10:00:00Z", "Bob", "1"),
        row("003C", "2024-01-02T10:00:00Z", "Cy", "1"));
    h.app.exec("UPDATE salesforce.contact SET _hc_lastop = 'marker' WHERE sfid = '003C'");
    h.ferry.exec("UPDATE salesforce.contact SET _hc_lastop = 'UPDATED' WHERE sfid = '003C'");
    MergeResult r =
        load(
            row("003A", "2024-01-02T09:00:00Z", "Ada (older)", "0"), // older: ignored
            row("003B", "2024-01-02T11:00:00Z", "Bob (newer)", "2"), // newer: applied
            row("003C", "2024-01-02T10:00:00Z", "Cy", "1"), // identical: untouched
            row("003D", "2024-01-02T08:00:00Z", "Dee", "1")); // new: inserted
    assertThat(r.inserted()).isEqualTo(1);
    assertThat(r.updated()).isEqualTo(1);
    assertThat(r.untouched()).isEqualTo(2);
    assertThat(names()).containsExactly("Ada", "Bob (newer)", "Cy", "Dee");
    assertThat(h.app.scalar("SELECT _hc_lastop FROM salesforce.contact WHERE sfid = '003C'"))
        .isEqualTo("UPDATED");
  }

  @Test
  void aLocallyChangedRowIsNotRevertedBySalesforceDataOfTheSameModstamp() {
    load(row("003A", "2024-01-02T10:00:00Z", "Ada", "1"));
    h.app.exec("UPDATE salesforce.contact SET lastname = 'Ada (local edit)'");
    load(row("003A", "2024-01-02T10:00:00Z", "Ada", "1"));
    assertThat(names()).containsExactly("Ada (local edit)");
    // newer Salesforce data waits while the edit is unsent (its write's echo brings the row in
    // line)
    load(row("003A", "2024-01-02T10:00:01Z", "Ada (changed in Salesforce)", "1"));
    assertThat(names()).containsExactly("Ada (local edit)");
    h.app.exec("UPDATE salesforce._trigger_log SET state = 'FAILED'");
    load(row("003A", "2024-01-02T10:00:01Z", "Ada (changed in Salesforce)", "1"));
    assertThat(names()).containsExactly("Ada (changed in Salesforce)");
  }

  @Test
  void matchesAnApplicationInsertedRowByTheUpsertField() {
    h.app.exec(
        "INSERT INTO salesforce.contact (lastname, contact_uuid__c) VALUES ('App', 'uuid-1')");
    String id = h.app.scalar("SELECT id FROM salesforce.contact");
    MergeResult r =
        load(
            REST.row(
                "003A",
                "2024-01-02T10:00:00Z",
                "false",
                "App",
                "app@x",
                null,
                null,
                null,
                "uuid-1",
                null,
                null));
    assertThat(r.matchedByUpsertField()).isEqualTo(1);
    assertThat(r.inserted()).isZero();
    assertThat(h.app.rows("SELECT id, sfid, _hc_lastop FROM salesforce.contact"))
        .containsExactly(ordered("id", id, "sfid", "003A", "_hc_lastop", "SYNCED"));
    assertThat(h.app.count("SELECT count(*) FROM salesforce._trigger_log"))
        .isEqualTo(1); // the app's
  }

  @Test
  void keepsTheNewestOfDuplicatesInOneBatch() {
    MergeResult r =
        load(
            row("003A", "2024-01-02T10:00:00Z", "second", "1"),
            row("003A", "2024-01-02T09:00:00Z", "first", "1"),
            row("003A", "2024-01-02T10:00:00Z", "third", "1"),
            row("003B", "2024-01-02T10:00:00Z", "Bob", "1"));
    assertThat(r.inserted()).isEqualTo(2);
    assertThat(r.untouched()).isEqualTo(2);
    assertThat(names()).containsExactly("third", "Bob");
  }

  @Test
  void readsRawBulkCsvPagesWithRelationshipPaths() {
    String page =
        "\"Id\",\"SystemModstamp\",\"LastName\",\"Email\",\"Account.External_Id__c\",\"Score__c\"\n"
            + "\"003A\",\"2024-01-02T03:04:05.000Z\",\"O'Neil, \"\"Jr\"\"\",\"\",\"EXT-9\",\"2.5\"\n"
            + "\"003B\",\"2024-01-02T03:04:06.000Z\",\"multi\r\nline ✓\",\"b@x\",\"#N/A\",\"\"\n";
    MergeResult r;
    try (SinkBatch b = h.sink.open(contact)) {
      assertThat(b.addCsv(new StringReader(page))).isEqualTo(2);
      r = b.commit(null);
    }
    assertThat(r.inserted()).isEqualTo(2);
    assertThat(
            h.app.rows(
                "SELECT sfid, lastname, email, account__external_id__c, score__c"
                    + " FROM salesforce.contact ORDER BY sfid"))
        .containsExactly(
            ordered(
                "sfid",
                "003A",
                "lastname",
                "O'Neil, \"Jr\"",
                "email",
                null,
                "account__external_id__c",
                "EXT-9",
                "score__c",
                "2.5"),
            ordered(
                "sfid",
                "003B",
                "lastname",
                "multi\r\nline ✓",
                "email",
                "b@x",
                "account__external_id__c",
                null,
                "score__c",
                null));
    assertThat(h.watermarks.read(contact.mapping(), WatermarkKind.CHANGES)).isEmpty();
  }

  @Test
  void aFailureMidMergeLeavesDataAndWatermarkUntouched() {
    load(
        REST.row(
            "003A",
            "2024-01-02T10:00:00Z",
            "false",
            "Ada",
            null,
            null,
            null,
            null,
            "u-1",
            null,
            null));
    Instant before = h.watermarks.read(contact.mapping(), WatermarkKind.CHANGES).orElseThrow();
    SinkBatch b = h.sink.open(contact);
    b.add(
        REST.row(
            "003A",
            "2024-01-02T11:00:00Z",
            "false",
            "Ada changed",
            null,
            null,
            null,
            null,
            "u-1",
            null,
            null));
    // two new records claiming the same unique identifier: the insert step fails
    b.add(
        REST.row(
            "003B",
            "2024-01-02T11:00:00Z",
            "false",
            "B",
            null,
            null,
            null,
            null,
            "u-2",
            null,
            null));
    b.add(
        REST.row(
            "003C",
            "2024-01-02T11:00:00Z",
            "false",
            "C",
            null,
            null,
            null,
            null,
            "u-2",
            null,
            null));
    assertThatThrownBy(() -> b.commit(Instant.parse("2024-01-02T12:00:00Z")))
        .isInstanceOf(DatabaseConstraintException.class)
        .hasMessageContaining("salesforce.contact")
        .hasMessageContaining(contact.mapping().toString())
        .hasMessageContaining("23505");
    b.close();
    assertThat(names()).containsExactly("Ada");
    assertThat(h.watermarks.read(contact.mapping(), WatermarkKind.CHANGES)).contains(before);
  }

  @Test
  void aBadValueFailsTheBatchWithTheColumnNamed() {
    try (SinkBatch b = h.sink.open(contact)) {
      b.add(
          REST.row(
              "003A",
              "2024-01-02T10:00:00Z",
              "false",
              "x",
              null,
              null,
              null,
              null,
              "u".repeat(37),
              null,
              null));
      assertThatThrownBy(() -> b.commit(null))
          .hasMessageContaining("character varying(36)")
          .hasMessageContaining("contact_uuid__c");
    }
    try (SinkBatch b = h.sink.open(contact)) {
      b.add(
          REST.row(
              "003A",
              "2024-01-02T10:00:00Z",
              "false",
              "x",
              null,
              "1.5.5",
              null,
              null,
              null,
              null,
              null));
      assertThatThrownBy(() -> b.commit(null)).hasMessageContaining("double precision");
    }
    try (SinkBatch b = h.sink.open(contact)) {
      assertThatThrownBy(() ->
              b.add(new Records("Id", "SystemModstamp").row("003A", "2024-13-45T00:00:00+0100")))
          .hasMessageContaining("systemmodstamp");
    }
    assertThat(names()).isEmpty();
  }

  @Test
  void watermarkNeverMovesBackwards() {
    try (SinkBatch b = h.sink.open(contact)) {
      b.commit(Instant.parse("2024-01-02T12:00:00Z"));
    }
    try (SinkBatch b = h.sink.open(contact)) {
      b.commit(Instant.parse("2024-01-01T00:00:00Z"));
    }
    assertThat(h.watermarks.read(contact.mapping(), WatermarkKind.CHANGES))
        .contains(Instant.parse("2024-01-02T12:00:00Z"));
  }

  @Test
  void deletesRemoveOrFlagRowsAndAdvanceTheDeletesWatermark() {
    load(
        row("003A", "2024-01-02T10:00:00Z", "Ada", "1"),
        row("003B", "2024-01-02T10:00:00Z", "Bob", "1"),
        row("003C", "2024-01-02T10:00:00Z", "Cy", "1"));
    DeleteResult removed =
        h.sink.delete(contact, List.of("003A", "003Z"), Instant.parse("2024-01-03T00:00:00Z"));
    assertThat(removed.affectedSfids()).containsExactly("003A");
    DeleteResult flaggedResult = h.sink.delete(flagged, List.of("003B"), null);
    assertThat(flaggedResult.affected()).isEqualTo(1);
    assertThat(
            h.app.rows("SELECT sfid, isdeleted, _hc_lastop FROM salesforce.contact ORDER BY sfid"))
        .containsExactly(
            ordered("sfid", "003B", "isdeleted", "t", "_hc_lastop", "SYNCED"),
            ordered("sfid", "003C", "isdeleted", "f", "_hc_lastop", "SYNCED"));
    assertThat(h.watermarks.read(contact.mapping(), WatermarkKind.DELETES))
        .contains(Instant.parse("2024-01-03T00:00:00Z"));
    assertThat(h.app.count("SELECT count(*) FROM salesforce._trigger_log")).isZero();
  }

  @Test
  void queryAllRowsMarkedDeletedAreRemovedUnlessPostgresHoldsANewerVersion() {
    load(
        row("003A", "2024-01-02T10:00:00Z", "Ada", "1"),
        row("003B", "2024-01-02T12:00:00Z", "Bob", "1"));
    MergeResult r =
        load(
            REST.row(
                "003A",
                "2024-01-02T11:00:00Z",
                "true",
                "Ada",
                null,
                null,
                null,
                null,
                null,
                null,
                null),
            REST.row(
                "003B",
                "2024-01-02T11:00:00Z",
                "true",
                "Bob",
                null,
                null,
                null,
                null,
                null,
                null,
                null),
            REST.row(
                "003Z",
                "2024-01-02T11:00:00Z",
                "true",
                "Zed",
                null,
                null,
                null,
                null,
                null,
                null,
                null));
    assertThat(r.deleted()).isEqualTo(1);
    assertThat(names()).containsExactly("Bob");
    try (SinkBatch b = h.sink.open(flagged)) {
      b.add(
          REST.row(
              "003B",
              "2024-01-02T13:00:00Z",
              "true",
              "Bob",
              null,
              null,
              null,
              null,
              null,
              null,
              null));
      b.commit(null);
    }
    assertThat(h.app.scalar("SELECT isdeleted FROM salesforce.contact")).isEqualTo("t");
  }

  @Test
  void collectsChangedSfidsForDriftRepair() {
    load(
        row("003A", "2024-01-02T10:00:00Z", "Ada", "1"),
        row("003B", "2024-01-02T10:00:00Z", "Bob", "1"));
    MergeResult r;
    try (SinkBatch b = h.sink.open(contact, SinkOptions.collecting(10))) {
      b.add(row("003A", "2024-01-02T10:00:00Z", "Ada", "1"));
      b.add(row("003B", "2024-01-02T10:30:00Z", "Bob (missed)", "1"));
      b.add(row("003C", "2024-01-02T10:10:00Z", "Cy (missed)", "1"));
      r = b.commit(null);
    }
    assertThat(r.changed()).isEqualTo(2);
    assertThat(r.changedSfids()).containsExactlyInAnyOrder("003B", "003C");
  }

  @Test
  void aReloadKeepsRowsAndIdsAndListsTheRowsItDidNotRead() {
    load(
        row("003A", "2024-01-02T10:00:00Z", "Ada", "1"),
        row("003B", "2024-01-02T10:00:00Z", "Bob", "1"));
    h.sink.delete(contact, List.of(), Instant.parse("2024-01-03T00:00:00Z"));
    // an application row without sfid, and one from before Ferry wrote the table (no _hc_lastop)
    h.app.exec("INSERT INTO salesforce.contact (lastname) VALUES ('app row')");
    h.app.exec(
        "ALTER TABLE salesforce.contact DISABLE TRIGGER USER",
        "INSERT INTO salesforce.contact (sfid, lastname) VALUES ('003Z', 'legacy')",
        "ALTER TABLE salesforce.contact ENABLE TRIGGER USER");
    Map<String, String> ids = idsBySfid();

    assertThat(h.sink.beginReload(contact)).isFalse();
    assertThat(h.watermarks.read(contact.mapping(), WatermarkKind.CHANGES)).isEmpty();
    assertThat(h.watermarks.read(contact.mapping(), WatermarkKind.DELETES)).isEmpty();
    assertThat(names()).containsExactly("Ada", "Bob", "legacy", "app row");
    try (SinkBatch b = h.sink.open(contact, SinkOptions.reload(false))) {
      b.add(row("003A", "2024-01-02T11:00:00Z", "Ada (newer)", "1"));
      b.add(row("003C", "2024-01-02T11:00:00Z", "Cy", "1"));
      b.commit(null);
    }
    assertThat(h.sink.noted(contact)).isEqualTo(2);
    assertThat(h.sink.unread(contact, null, 10)).containsExactly("003B");
    assertThat(h.sink.unread(contact, "003B", 10)).isEmpty();
    assertThat(idsBySfid()).containsAllEntriesOf(ids);
    assertThat(h.app.count("SELECT count(*) FROM salesforce._trigger_log WHERE state <> 'IGNORE'"))
        .isEqualTo(1); // the application's insert only
    h.sink.endReload(contact);
    assertThat(h.sink.noted(contact)).isZero();
  }

  @Test
  void aReloadOfAnEmptyTableSaysSoAndAppendsStraight() {
    assertThat(h.sink.beginReload(contact)).isTrue();
    assertThat(SinkOptions.reload(true).expectNewRows()).isTrue();
    assertThat(SinkOptions.reload(false).noteRead()).isTrue();
  }

  @Test
  void aDeleteKeepsARowAnApplicationForeignKeyStillRefersTo() {
    load(
        row("003A", "2024-01-02T10:00:00Z", "Ada", "1"),
        row("003B", "2024-01-02T10:00:00Z", "Bob", "1"));
    h.app.exec(
        "CREATE TABLE public.app_ref (contact_id integer REFERENCES salesforce.contact (id))",
        "INSERT INTO public.app_ref SELECT id FROM salesforce.contact WHERE sfid = '003A'");
    try {
      var r = h.sink.delete(contact, List.of("003A", "003B"), null);
      assertThat(r.affectedSfids()).containsExactly("003B");
      assertThat(names()).containsExactly("Ada");
    } finally {
      h.app.exec("DROP TABLE public.app_ref");
    }
  }

  @Test
  void anUpdateSetsOnlyTheColumnsThatChanged() {
    load(row("003A", "2024-01-02T10:00:00Z", "Ada", "1"));
    h.app.exec(
        "CREATE TABLE public.fired (col text)",
        "CREATE FUNCTION public.count_fired() RETURNS trigger LANGUAGE plpgsql AS $$"
            + " BEGIN INSERT INTO public.fired VALUES (TG_ARGV[0]); RETURN NULL; END $$",
        "CREATE TRIGGER app_lastname AFTER UPDATE OF lastname ON salesforce.contact"
            + " FOR EACH ROW EXECUTE FUNCTION public.count_fired('lastname')",
        "CREATE TRIGGER app_score AFTER UPDATE OF score__c ON salesforce.contact"
            + " FOR EACH ROW EXECUTE FUNCTION public.count_fired('score__c')",
        "CREATE TRIGGER app_any AFTER UPDATE ON salesforce.contact"
            + " FOR EACH ROW EXECUTE FUNCTION public.count_fired('any')");
    try {
      load(row("003A", "2024-01-02T10:00:00Z", "Ada", "1")); // the same: no update at all
      assertThat(h.app.column("SELECT col FROM public.fired")).isEmpty();
      load(row("003A", "2024-01-02T11:00:00Z", "Ada", "2")); // score and modstamp changed
      assertThat(h.app.column("SELECT col FROM public.fired ORDER BY col"))
          .containsExactly("any", "score__c");
    } finally {
      h.app.exec(
          "DROP TRIGGER app_lastname ON salesforce.contact",
          "DROP TRIGGER app_score ON salesforce.contact",
          "DROP TRIGGER app_any ON salesforce.contact",
          "DROP FUNCTION public.count_fired()",
          "DROP TABLE public.fired");
    }
  }

  @Test
  void rowsChangedInManyDifferentWaysAreAllUpdated() {
    List<dev.ferry.core.sf.SfRecord> before = new java.util.ArrayList<>();
    List<dev.ferry.core.sf.SfRecord> after = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String id = String.format("003%03d", i);
      before.add(
          REST.row(
              id,
              "2024-01-02T10:00:00Z",
              "false",
              "n",
              "e@x",
              "1",
              "1990-05-17",
              "false",
              null,
              null,
              null));
      // each row changes a different subset of columns: more ways than UPDATE statements
      after.add(
          REST.row(
              id,
              "2024-01-02T11:00:00Z",
              "false",
              (i & 1) == 0 ? "n" : "n" + i,
              (i & 2) == 0 ? "e@x" : i + "@x",
              (i & 4) == 0 ? "1" : "" + i,
              (i & 8) == 0 ? "1990-05-17" : "1991-01-" + (10 + i % 18),
              (i & 16) == 0 ? "false" : "true",
              (i & 32) == 0 ? null : "u" + i,
              null,
              null));
    }
    load(before.toArray(dev.ferry.core.sf.SfRecord[]::new));
    MergeResult r = load(after.toArray(dev.ferry.core.sf.SfRecord[]::new));
    assertThat(r.updated()).isEqualTo(40);
    assertThat(
            h.app.count(
                "SELECT count(*) FROM salesforce.contact"
                    + " WHERE systemmodstamp = '2024-01-02 11:00:00'"))
        .isEqualTo(40);
    assertThat(
            h.app.count(
                "SELECT count(*) FROM salesforce.contact WHERE sfid = '003039'"
                    + " AND lastname = 'n39' AND email = '39@x' AND score__c = 39 AND contact_uuid__c = 'u39'"))
        .isEqualTo(1);
  }

  @Test
  void refusesRowsWithoutIdOrModstamp() {
    try (SinkBatch b = h.sink.open(contact)) {
      assertThatThrownBy(() -> b.add(new Records("Id", "LastName").row("003A", "x")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must carry Id and SystemModstamp");
    }
    try (SinkBatch b = h.sink.open(contact)) {
      assertThatThrownBy(() -> b.add(row(null, "2024-01-02T10:00:00Z", "x", "1")))
          .hasMessageContaining("has no Id");
    }
  }

  @Test
  void reloadPagesAreAppendedStraightIntoTheTable() {
    MergeResult r;
    try (SinkBatch b = h.sink.open(contact, SinkOptions.newRows())) {
      b.add(row("003A", "2024-01-02T10:00:00Z", "Ada", "1"));
      b.add(row("003B", "2024-01-02T11:00:00Z", "Bob", "2"));
      r = b.commit(Instant.parse("2024-01-02T12:00:00Z"));
    }
    assertThat(r.inserted()).isEqualTo(2);
    assertThat(r.maxModstamp()).isEqualTo(Instant.parse("2024-01-02T11:00:00Z"));
    assertThat(names()).containsExactly("Ada", "Bob");
    assertThat(h.app.column("SELECT DISTINCT _hc_lastop FROM salesforce.contact"))
        .containsExactly("SYNCED");
    assertThat(h.app.count("SELECT count(*) FROM salesforce._trigger_log")).isZero();
    assertThat(h.watermarks.read(contact.mapping(), WatermarkKind.CHANGES))
        .contains(Instant.parse("2024-01-02T12:00:00Z"));
  }

  @Test
  void appendFallsBackToTheMergeWhenARowExistsAlready() {
    load(
        row("003B", "2024-01-02T09:00:00Z", "Bob (old)", "1"),
        row("003C", "2024-01-02T12:00:00Z", "Cy (newer)", "1"));
    MergeResult r;
    try (SinkBatch b = h.sink.open(contact, SinkOptions.newRows())) {
      for (int i = 0; i < 3000; i++)
        b.add(row(String.format("003X%05d", i), "2024-01-02T10:00:00Z", "x" + i, "1"));
      b.add(row("003B", "2024-01-02T10:00:00Z", "Bob", "1"));
      b.add(row("003C", "2024-01-02T10:00:00Z", "Cy (older)", "1"));
      r = b.commit(null);
    }
    assertThat(r.inserted()).isEqualTo(3000);
    assertThat(r.updated()).isEqualTo(1);
    assertThat(r.untouched()).isEqualTo(1);
    assertThat(
            h.app.column(
                "SELECT lastname FROM salesforce.contact WHERE sfid IN ('003B', '003C') ORDER BY sfid"))
        .containsExactly("Bob", "Cy (newer)");
    assertThat(h.app.count("SELECT count(*) FROM salesforce.contact")).isEqualTo(3002);
  }

  @Test
  void appendFallsBackWhenTheConflictIsReportedWhileRowsAreStillStreaming() {
    load(row("003A", "2024-01-02T09:00:00Z", "Ada (old)", "1"));
    MergeResult r;
    try (SinkBatch b = h.sink.open(contact, SinkOptions.newRows())) {
      b.add(row("003A", "2024-01-02T10:00:00Z", "Ada", "1"));
      for (int i = 0; i < 30_000; i++) {
        b.add(row(String.format("003Y%06d", i), "2024-01-02T10:00:00Z", "y" + i, "1"));
      }
      r = b.commit(null);
    }
    assertThat(r.inserted()).isEqualTo(30_000);
    assertThat(r.updated()).isEqualTo(1);
    assertThat(h.app.count("SELECT count(*) FROM salesforce.contact")).isEqualTo(30_001);
    assertThat(h.app.scalar("SELECT lastname FROM salesforce.contact WHERE sfid = '003A'"))
        .isEqualTo("Ada");
  }

  @Test
  void appendFallsBackForRepeatedRecordsDeletesAndUpsertMatches() {
    h.app.exec(
        "INSERT INTO salesforce.contact (lastname, contact_uuid__c) VALUES ('App', 'uuid-9')");
    try (SinkBatch b = h.sink.open(contact, SinkOptions.newRows())) {
      b.add(
          REST.row(
              "003A",
              "2024-01-02T10:00:00Z",
              "false",
              "App",
              null,
              null,
              null,
              null,
              "uuid-9",
              null,
              null));
      assertThat(b.commit(null).matchedByUpsertField()).isEqualTo(1);
    }
    try (SinkBatch b = h.sink.open(contact, SinkOptions.newRows())) {
      b.add(row("003D", "2024-01-02T10:00:00Z", "first", "1"));
      b.add(row("003D", "2024-01-02T11:00:00Z", "second", "1"));
      b.add(
          REST.row(
              "003A",
              "2024-01-02T12:00:00Z",
              "true",
              "App",
              null,
              null,
              null,
              null,
              "uuid-9",
              null,
              null));
      MergeResult r = b.commit(null);
      assertThat(r.inserted()).isEqualTo(1);
      assertThat(r.deleted()).isEqualTo(1);
    }
    assertThat(h.app.rows("SELECT sfid, lastname FROM salesforce.contact"))
        .containsExactly(ordered("sfid", "003D", "lastname", "second"));
  }

  private static MergeResult load(dev.ferry.core.sf.SfRecord... rows) {
    try (SinkBatch b = h.sink.open(contact)) {
      for (var r : rows) b.add(r);
      return b.commit(Instant.parse("2024-01-02T00:00:00Z"));
    }
  }

  private static dev.ferry.core.sf.SfRecord row(
      String id, String modstamp, String name, String score) {
    return REST.row(
        id,
        modstamp,
        "false",
        name,
        name == null ? null : name.toLowerCase().replace(" ", "") + "@x",
        score,
        "1990-05-17",
        "false",
        null,
        id == null ? null : "EXT-" + id.substring(3),
        null);
  }

  private static Map<String, String> idsBySfid() {
    Map<String, String> m = new java.util.TreeMap<>();
    for (var r : h.app.rows("SELECT sfid, id FROM salesforce.contact WHERE sfid IS NOT NULL")) {
      m.put(r.get("sfid"), r.get("id"));
    }
    return m;
  }

  private static List<String> names() {
    return h.app.column("SELECT lastname FROM salesforce.contact ORDER BY sfid");
  }

  private static Map<String, String> ordered(String... kv) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
    return m;
  }
}

package dev.ferry.store.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.control.RetryResult;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.model.Access;
import dev.ferry.core.port.ChangeLog;
import dev.ferry.core.port.TriggerLogArchive;
import dev.ferry.core.port.WriteErrorLog;
import dev.ferry.core.sf.RecordHeader;
import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.sf.SfRecord;
import dev.ferry.core.store.ChangeEntry;
import dev.ferry.core.store.DeleteMode;
import dev.ferry.core.store.EntryOutcome;
import dev.ferry.core.store.EntryState;
import dev.ferry.core.store.RowState;
import dev.ferry.core.store.RowWriteBack;
import dev.ferry.core.store.SinkBatch;
import dev.ferry.core.store.SinkTarget;
import dev.ferry.core.store.WriteBatch;
import dev.ferry.core.store.WriteTransport;
import dev.ferry.store.Fixtures;
import dev.ferry.store.StoreHarness;
import dev.ferry.testkit.PostgresExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the write path needs from the store beyond claiming: see ChangeLog and WriteBatchStore. */
class WritePathStoreTest {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  static final InstantSource clock = InstantSource.fixed(Instant.parse("2024-06-01T00:00:00Z"));
  static StoreHarness h;
  static ChangeLog log;
  static WriteErrorLog errors;
  static TriggerLogArchive archive;
  static SinkTarget contact;

  @BeforeAll
  static void setUp() {
    h = new StoreHarness(PG, "salesforce", clock);
    contact =
        h.map(
            Fixtures.contact(Access.READ_WRITE),
            Fixtures.contactConfig(Access.READ_WRITE),
            DeleteMode.REMOVE);
    log = new JdbcChangeLog(h.ferryPool, "salesforce", clock);
    errors = new JdbcWriteErrorLog(h.ferryPool, "salesforce", clock);
    archive = new JdbcTriggerLogArchive(h.ferryPool, "salesforce");
  }

  @AfterAll
  static void close() {
    h.close();
  }

  @BeforeEach
  void clean() {
    h.app.exec(
        "TRUNCATE salesforce.contact, salesforce._trigger_log, salesforce._trigger_log_archive");
  }

  @Test
  void aSuccessfulWriteRecordsItsSfidOnTheEntryAndRowStatesFallBackToIt() {
    h.app.exec("INSERT INTO salesforce.contact (lastname) VALUES ('A'), ('B')");
    List<ChangeEntry> e = log.claim(10, Set.of());
    int a = e.get(0).recordId();
    int b = e.get(1).recordId();
    // another row already holds B's new sfid (a reader got there first): B keeps no sfid
    h.ferry.exec("INSERT INTO salesforce.contact (lastname, sfid) VALUES ('B copy', '003B')");
    log.complete(
        List.of(
            success(e.get(0), new RowWriteBack("contact", a, "003A", "INSERTED", null)),
            success(e.get(1), new RowWriteBack("contact", b, "003B", "INSERTED", null))));
    assertThat(h.app.column("SELECT sfid FROM salesforce._trigger_log_archive ORDER BY id"))
        .containsExactly("003A", "003B");
    Map<Integer, RowState> states = log.rowStates("contact", List.of(a, b, 999_999));
    assertThat(states.get(a)).isEqualTo(new RowState(a, true, "003A"));
    assertThat(states.get(b)).isEqualTo(new RowState(b, true, "003B")); // from its entry
    assertThat(states.get(999_999)).isEqualTo(new RowState(999_999, false, null));
    archive.archiveDone(); // still known once archived
    assertThat(log.rowStates("contact", List.of(b)).get(b).sfid()).isEqualTo("003B");
  }

  @Test
  void anInsertWhoseRowWasDeletedMeanwhileQueuesTheDeleteOfTheNewRecord() {
    h.app.exec("INSERT INTO salesforce.contact (lastname) VALUES ('gone'), ('truncated')");
    List<ChangeEntry> e = log.claim(10, Set.of());
    h.app.exec("DELETE FROM salesforce.contact WHERE lastname = 'gone'");
    // captured without an sfid, so IGNORE
    assertThat(h.app.scalar("SELECT state FROM salesforce._trigger_log WHERE action = 'DELETE'"))
        .isEqualTo("IGNORE");
    archive.archiveDone();
    h.ferry.exec("DELETE FROM salesforce.contact"); // as a reload's clear would: nothing captured
    log.complete(
        List.of(
            success(
                e.get(0),
                new RowWriteBack("contact", e.get(0).recordId(), "003G", "INSERTED", null)),
            success(
                e.get(1),
                new RowWriteBack("contact", e.get(1).recordId(), "003T", "INSERTED", null))));
    List<ChangeEntry> next = log.claim(10, Set.of());
    assertThat(next).hasSize(1);
    assertThat(next.get(0).action().name()).isEqualTo("DELETE");
    assertThat(next.get(0).sfid()).isEqualTo("003G");
    assertThat(next.get(0).recordId()).isEqualTo(e.get(0).recordId());
  }

  @Test
  void requeueCapturesEachFailedRowAsItIsNow() {
    h.app.exec(
        "INSERT INTO salesforce.contact (lastname, email) VALUES ('new', 'n@x'), ('old', 'o@x'),"
            + " ('gone', 'g@x')");
    List<ChangeEntry> inserts = log.claim(10, Set.of());
    int fresh = inserts.get(0).recordId();
    int old = inserts.get(1).recordId();
    int gone = inserts.get(2).recordId();
    log.complete(
        List.of(
            failed(inserts.get(0), fresh),
            success(inserts.get(1), new RowWriteBack("contact", old, "003O", "INSERTED", null)),
            success(inserts.get(2), new RowWriteBack("contact", gone, "003X", "INSERTED", null))));
    h.app.exec(
        "UPDATE salesforce.contact SET email = 'o2@x' WHERE id = " + old,
        "DELETE FROM salesforce.contact WHERE id = " + gone,
        "UPDATE salesforce.contact SET firstname = 'F' WHERE id = " + fresh);
    List<ChangeEntry> second = log.claim(10, Set.of());
    assertThat(second).hasSize(3);
    log.complete(second.stream().map(x -> failed(x, x.recordId())).toList());
    archive.archiveDone();
    h.app.exec("UPDATE salesforce.contact SET email = 'o3@x' WHERE id = " + old);
    log.complete(List.of(failed(log.claim(1, Set.of()).get(0), old))); // stays live

    assertThat(errors.countFailedSince(Instant.EPOCH, null)).isEqualTo(5);
    RetryResult r = errors.requeueFailed("contact", null);
    assertThat(r).isEqualTo(new RetryResult(5, 3));
    assertThat(errors.countFailedSince(Instant.EPOCH, null)).isZero();
    assertThat(
            h.app.count(
                "SELECT (SELECT count(*) FROM salesforce._trigger_log WHERE state = 'REQUEUED')"
                    + " + (SELECT count(*) FROM salesforce._trigger_log_archive"
                    + " WHERE state = 'REQUEUED')"))
        .isEqualTo(5);
    List<ChangeEntry> queued = log.claim(10, Set.of());
    assertThat(queued).hasSize(3);
    ChangeEntry insert = byRecord(queued, fresh);
    assertThat(insert.action().name()).isEqualTo("INSERT");
    assertThat(insert.values()).containsEntry("firstname", "F").containsEntry("lastname", "new");
    ChangeEntry update = byRecord(queued, old);
    assertThat(update.action().name()).isEqualTo("UPDATE");
    assertThat(update.sfid()).isEqualTo("003O");
    assertThat(update.values()).containsOnlyKeys("email").containsEntry("email", "o3@x");
    ChangeEntry delete = byRecord(queued, gone);
    assertThat(delete.action().name()).isEqualTo("DELETE");
    assertThat(delete.sfid()).isEqualTo("003X");
    assertThat(h.app.column("SELECT _hc_lastop FROM salesforce.contact ORDER BY id"))
        .containsOnly("PENDING");
  }

  @Test
  void requeueOfOneEntryTakesItsRowOnlyAndNothingWhenItDidNotFail() {
    h.app.exec("INSERT INTO salesforce.contact (lastname) VALUES ('a'), ('b')");
    List<ChangeEntry> e = log.claim(10, Set.of());
    log.complete(
        List.of(failed(e.get(0), e.get(0).recordId()), failed(e.get(1), e.get(1).recordId())));
    assertThat(errors.requeueFailed(null, 123_456L)).isEqualTo(new RetryResult(0, 0));
    assertThat(errors.requeueFailed(null, e.get(1).id())).isEqualTo(new RetryResult(1, 1));
    assertThat(errors.countFailedSince(Instant.EPOCH, "contact")).isEqualTo(1);
  }

  @Test
  void wakeNotifiesListeners() {
    try (ChangeLog.Wakeups w = log.listen()) {
      assertThat(w.await(Duration.ofMillis(50))).isFalse();
      log.wake();
      assertThat(w.await(Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  void writeBatchesAreRecordedWithTheirJobAndForgottenWhenClosed() {
    JdbcWriteBatchStore batches = new JdbcWriteBatchStore(h.ferryPool);
    ConnectionId other = h.connections.create("other", "other_schema", Map.of()).id();
    WriteBatch b =
        batches.open(
            new WriteBatch(
                0,
                h.connection,
                "node-1/writer",
                "contact",
                "Contact",
                SaveOperation.UPSERT,
                WriteTransport.BULK,
                List.of(3L, 1L, 2L),
                null,
                "Contact_UUID__c",
                Instant.parse("2024-06-01T00:00:00Z")));
    assertThat(b.id()).isPositive();
    batches.attachJob(b.id(), "750X");
    assertThat(batches.openBatches(other)).isEmpty();
    List<WriteBatch> open = batches.openBatches(h.connection);
    assertThat(open).hasSize(1);
    assertThat(open.get(0).jobId()).isEqualTo("750X");
    assertThat(open.get(0).entryIds()).containsExactly(3L, 1L, 2L);
    assertThat(open.get(0).withId(0)).isEqualTo(b.withId(0).withJob("750X"));
    batches.close(b.id());
    assertThat(batches.openBatches(h.connection)).isEmpty();
  }

  @Test
  void theReaderNeverRevertsAnUnsentChangeNorRevivesARecordWhoseDeleteIsQueued() {
    load(
        rec("003A", "2024-01-02T10:00:00Z", "Ada", null),
        rec("003B", "2024-01-02T10:00:00Z", "Bob", null));
    h.app.exec(
        "UPDATE salesforce.contact SET lastname = 'Ada 2' WHERE sfid = '003A'",
        "DELETE FROM salesforce.contact WHERE sfid = '003B'");
    // Salesforce's newer versions (e.g. the echo of an earlier write) arrive before both are sent
    load(
        rec("003A", "2024-01-02T10:00:05Z", "Ada 1", null),
        rec("003B", "2024-01-02T10:00:05Z", "Bob 1", null));
    assertThat(h.app.column("SELECT lastname FROM salesforce.contact ORDER BY sfid"))
        .containsExactly("Ada 2");
    // once written, Salesforce's data applies again
    h.app.exec("UPDATE salesforce._trigger_log SET state = 'SUCCESS'");
    load(
        rec("003A", "2024-01-02T10:00:06Z", "Ada 2", null),
        rec("003B", "2024-01-02T10:00:06Z", "Bob 1", null));
    assertThat(h.app.column("SELECT lastname FROM salesforce.contact ORDER BY sfid"))
        .containsExactly("Ada 2", "Bob 1");
  }

  @Test
  void anInsertInFlightMatchedByItsUpsertFieldOnlyReceivesItsSfid() {
    h.app.exec(
        "INSERT INTO salesforce.contact (lastname, contact_uuid__c) VALUES ('App', 'u-1')",
        "UPDATE salesforce.contact SET lastname = 'App 2'");
    load(rec("003A", "2024-01-02T10:00:00Z", "App", "u-1"));
    assertThat(h.app.rows("SELECT sfid, lastname FROM salesforce.contact"))
        .containsExactly(Map.of("sfid", "003A", "lastname", "App 2"));
    assertThat(h.app.count("SELECT count(*) FROM salesforce.contact")).isEqualTo(1);
  }

  private static void load(SfRecord... records) {
    try (SinkBatch b = h.sink.open(contact)) {
      for (SfRecord r : records) b.add(r);
      b.commit(Instant.parse("2024-01-02T00:00:00Z"));
    }
  }

  private static SfRecord rec(String id, String modstamp, String lastname, String uuid) {
    return new SfRecord(
        RecordHeader.of("Id", "SystemModstamp", "IsDeleted", "LastName", "Contact_UUID__c"),
        new String[] {id, modstamp, "false", lastname, uuid});
  }

  private static ChangeEntry byRecord(List<ChangeEntry> entries, int recordId) {
    return entries.stream().filter(x -> x.recordId() == recordId).findFirst().orElseThrow();
  }

  private static EntryOutcome success(ChangeEntry e, RowWriteBack w) {
    return new EntryOutcome(e.id(), EntryState.SUCCESS, 0, null, w);
  }

  private static EntryOutcome failed(ChangeEntry e, int recordId) {
    return new EntryOutcome(
        e.id(),
        EntryState.FAILED,
        1,
        "REQUIRED_FIELD_MISSING: missing",
        e.action().name().equals("DELETE")
            ? null
            : new RowWriteBack("contact", recordId, null, "FAILED", "{\"code\":\"X\"}"));
  }
}

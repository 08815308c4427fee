package dev.ferry.store.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.model.Access;
import dev.ferry.core.port.ChangeLog;
import dev.ferry.core.port.TriggerLogArchive;
import dev.ferry.core.port.WriteErrorLog;
import dev.ferry.core.store.ChangeEntry;
import dev.ferry.core.store.DeleteMode;
import dev.ferry.core.store.EntryAction;
import dev.ferry.core.store.EntryOutcome;
import dev.ferry.core.store.EntryState;
import dev.ferry.core.store.RowWriteBack;
import dev.ferry.store.Fixtures;
import dev.ferry.store.StoreHarness;
import dev.ferry.testkit.PostgresExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ChangeLogTest {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  static final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2024-06-01T00:00:00Z"));
  static final InstantSource clock = () -> now.get();
  static StoreHarness h;
  static ChangeLog log;
  static WriteErrorLog errors;
  static TriggerLogArchive archive;

  @BeforeAll
  static void setUp() {
    h = new StoreHarness(PG, "salesforce", clock);
    h.map(
        Fixtures.contact(Access.READ_WRITE),
        Fixtures.contactConfig(Access.READ_WRITE),
        DeleteMode.REMOVE);
    h.map(
        Fixtures.account(Access.READ_WRITE),
        dev.ferry.core.model.MappingConfig.of(
            Access.READ_WRITE,
            List.of(
                "Id", "IsDeleted", "SystemModstamp", "Name", "AnnualRevenue", "External_Id__c")),
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
        "TRUNCATE salesforce.contact, salesforce.account, salesforce._trigger_log,"
            + " salesforce._trigger_log_archive");
  }

  @Test
  void claimsNewEntriesInCaptureOrderAndMarksThemPending() {
    h.app.exec(
        "INSERT INTO salesforce.contact (lastname) VALUES ('A'), ('B')",
        "INSERT INTO salesforce.account (name) VALUES ('Acme')",
        "INSERT INTO salesforce.contact (lastname) VALUES ('C')");
    List<ChangeEntry> first = log.claim(3, Set.of());
    assertThat(first)
        .extracting(ChangeEntry::tableName)
        .containsExactly("contact", "contact", "account");
    assertThat(first)
        .allMatch(e -> e.state() == EntryState.PENDING && e.action() == EntryAction.INSERT);
    assertThat(first.get(0).values()).containsEntry("lastname", "A").containsKey("id");
    assertThat(log.claim(10, Set.of("account"))).isEmpty();
    assertThat(log.claim(10, Set.of("contact")))
        .extracting(e -> e.values().get("lastname"))
        .containsExactly("C");
    assertThat(errors.countNew()).isZero();
  }

  @Test
  void holdsBackLaterEntriesOfARecordWithAnEntryInFlight() {
    h.app.exec("INSERT INTO salesforce.contact (lastname) VALUES ('A')");
    List<ChangeEntry> insert = log.claim(1, Set.of());
    h.app.exec("UPDATE salesforce.contact SET lastname = 'A2'");
    h.app.exec("INSERT INTO salesforce.contact (lastname) VALUES ('B')");
    List<ChangeEntry> next = log.claim(10, Set.of());
    assertThat(next)
        .extracting(e -> e.action() + ":" + e.values().get("lastname"))
        .containsExactly("INSERT:B");
    log.complete(
        List.of(new EntryOutcome(insert.get(0).id(), EntryState.SUCCESS, null, null, null)));
    assertThat(log.claim(10, Set.of()))
        .extracting(ChangeEntry::action)
        .containsExactly(EntryAction.UPDATE);
  }

  @Test
  void twoConcurrentClaimersNeverGetTheSameEntry() throws Exception {
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < 2000; i++)
      values.append(i == 0 ? "" : ",").append("('n").append(i).append("')");
    h.app.exec("INSERT INTO salesforce.contact (lastname) VALUES " + values);
    List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<Integer> claimer =
          () -> {
            int n = 0;
            List<ChangeEntry> got;
            while (!(got = log.claim(7, Set.of())).isEmpty()) {
              got.forEach(e -> claimed.add(e.id()));
              n += got.size();
            }
            return n;
          };
      Future<Integer> a = pool.submit(claimer);
      Future<Integer> b = pool.submit(claimer);
      assertThat(a.get() + b.get()).isEqualTo(2000);
    } finally {
      pool.shutdownNow();
    }
    assertThat(new HashSet<>(claimed)).hasSize(2000);
    assertThat(h.app.count("SELECT count(*) FROM salesforce._trigger_log WHERE state = 'PENDING'"))
        .isEqualTo(2000);
  }

  @Test
  void completeWritesOutcomesAndRowWriteBackTogether() {
    h.app.exec(
        "INSERT INTO salesforce.contact (lastname, contact_uuid__c) VALUES ('A', 'u1'), ('B', 'u2')");
    List<ChangeEntry> e = log.claim(10, Set.of());
    int a = e.get(0).recordId();
    int b = e.get(1).recordId();
    int done =
        log.complete(
            List.of(
                new EntryOutcome(
                    e.get(0).id(),
                    EntryState.SUCCESS,
                    null,
                    null,
                    new RowWriteBack("contact", a, "003000000000001AAA", "INSERTED", null)),
                new EntryOutcome(
                    e.get(1).id(),
                    EntryState.FAILED,
                    400,
                    "REQUIRED_FIELD_MISSING: Required fields are missing: [LastName]",
                    new RowWriteBack(
                        "contact",
                        b,
                        null,
                        "FAILED",
                        "{\"code\":\"REQUIRED_FIELD_MISSING\",\"message\":\"Required fields are missing\",\"fields\":[\"LastName\"]}"))));
    assertThat(done).isEqualTo(2);
    assertThat(
            h.app.rows(
                "SELECT sfid, _hc_lastop, _hc_err IS NOT NULL AS err FROM salesforce.contact ORDER BY id"))
        .extracting(r -> r.get("sfid") + "/" + r.get("_hc_lastop") + "/" + r.get("err"))
        .containsExactly("003000000000001AAA/INSERTED/f", "null/FAILED/t");
    assertThat(
            h.app.rows(
                "SELECT state, sf_result, sf_message, processed_at IS NOT NULL AS p FROM salesforce._trigger_log_archive ORDER BY id"))
        .extracting(r -> r.get("state") + "/" + r.get("sf_result") + "/" + r.get("p"))
        .containsExactly("SUCCESS/null/t");
    // the failure stays in the log with its outcome, where applications look for it
    assertThat(
            h.app.rows(
                "SELECT id, state, sf_result, sf_message, processed_at IS NOT NULL AS p FROM salesforce._trigger_log ORDER BY id"))
        .extracting(
            r -> r.get("id") + "/" + r.get("state") + "/" + r.get("sf_result") + "/" + r.get("p"))
        .containsExactly(e.get(1).id() + "/FAILED/400/t");
    // the success moved to the archive with its outcome, and the write-back itself was not
    // captured
    assertThat(h.app.count("SELECT count(*) FROM salesforce._trigger_log WHERE state <> 'FAILED'"))
        .isZero();
    // a second identical outcome for a retried entry still shows FAILED
    h.app.exec(
        "SELECT salesforce.hc_capture_insert_from_row(hstore(c.*), 'contact') FROM salesforce.contact c WHERE id = "
            + b);
    List<ChangeEntry> retry = log.claim(10, Set.of());
    log.complete(
        List.of(
            new EntryOutcome(
                retry.get(0).id(),
                EntryState.FAILED,
                400,
                "again",
                new RowWriteBack("contact", b, null, "FAILED", "{\"message\":\"again\"}"))));
    assertThat(
            h.app.scalar(
                "SELECT _hc_lastop || ' ' || _hc_err FROM salesforce.contact WHERE id = " + b))
        .isEqualTo("FAILED {\"message\":\"again\"}");
  }

  @Test
  void completeFoldsTheReadersUntouchedCopyIntoTheApplicationsRowAndSkipsLateOutcomes() {
    h.ferry.exec(
        "INSERT INTO salesforce.contact (sfid, lastname) VALUES ('003000000000009AAA', 'read back first')");
    h.app.exec("INSERT INTO salesforce.contact (lastname) VALUES ('App')");
    List<ChangeEntry> e = log.claim(10, Set.of());
    int app = e.get(0).recordId();
    log.complete(
        List.of(
            new EntryOutcome(
                e.get(0).id(),
                EntryState.SUCCESS,
                null,
                null,
                new RowWriteBack("contact", app, "003000000000009AAA", "INSERTED", null))));
    assertThat(h.app.scalar("SELECT string_agg(id || ' ' || sfid, ',') FROM salesforce.contact"))
        .isEqualTo(app + " 003000000000009AAA");
    assertThat(
            log.complete(
                List.of(new EntryOutcome(e.get(0).id(), EntryState.FAILED, null, "late", null))))
        .isZero();
    // the copy's removal was Ferry's: not captured
    assertThat(
            h.app.scalar(
                "SELECT string_agg(action || ':' || state, ',') FROM (SELECT action, state FROM"
                    + " salesforce._trigger_log UNION ALL SELECT action, state FROM"
                    + " salesforce._trigger_log_archive) e"))
        .isEqualTo("INSERT:SUCCESS");
  }

  @Test
  void aCopyTheApplicationChangedIsKeptAndTheApplicationsRowKeepsANullSfid() {
    h.ferry.exec(
        "INSERT INTO salesforce.contact (sfid, lastname) VALUES ('003000000000009AAA', 'read back first')");
    h.app.exec("INSERT INTO salesforce.contact (lastname) VALUES ('App')");
    List<ChangeEntry> e = log.claim(10, Set.of());
    int app = e.get(0).recordId();
    h.app.exec("UPDATE salesforce.contact SET email = 'x@y.org' WHERE sfid IS NOT NULL");
    log.complete(
        List.of(
            new EntryOutcome(
                e.get(0).id(),
                EntryState.SUCCESS,
                null,
                null,
                new RowWriteBack("contact", app, "003000000000009AAA", "INSERTED", null))));
    assertThat(
            h.app.scalar(
                "SELECT coalesce(sfid, 'null') || ' ' || _hc_lastop FROM salesforce.contact WHERE id = "
                    + app))
        .isEqualTo("null INSERTED");
    assertThat(h.app.scalar("SELECT count(*) FROM salesforce.contact")).isEqualTo("2");
  }

  @Test
  void archivesDoneEntriesAndPurgesOldArchive() {
    h.app.exec("INSERT INTO salesforce.contact (lastname) VALUES ('A'), ('B'), ('C')");
    h.app.exec("DELETE FROM salesforce.contact WHERE lastname = 'C'"); // IGNORE
    List<ChangeEntry> e = log.claim(2, Set.of());
    log.complete(List.of(new EntryOutcome(e.get(0).id(), EntryState.SUCCESS, null, null, null)));
    // complete moved the SUCCESS entry; archiveDone the trigger's IGNORE; PENDING and NEW stay
    assertThat(archive.archiveDone()).isEqualTo(1);
    assertThat(h.app.column("SELECT state FROM salesforce._trigger_log ORDER BY id"))
        .containsExactly("PENDING", "NEW");
    assertThat(h.app.column("SELECT state FROM salesforce._trigger_log_archive ORDER BY id"))
        .containsExactly("SUCCESS", "IGNORE");
    h.app.exec(
        "UPDATE salesforce._trigger_log_archive SET created_at = '2024-04-01T00:00:00Z'"
            + " WHERE state = 'SUCCESS'");
    assertThat(archive.purgeArchive(now.get().minus(Duration.ofDays(31)))).isEqualTo(1);
    assertThat(h.app.column("SELECT state FROM salesforce._trigger_log_archive"))
        .containsExactly("IGNORE");
  }

  @Test
  void mergedAndIgnoredOutcomesAreFinalAndArchived() {
    h.app.exec("INSERT INTO salesforce.contact (lastname) VALUES ('A')");
    h.app.exec("UPDATE salesforce.contact SET lastname = 'B'");
    h.app.exec("UPDATE salesforce.contact SET lastname = 'C'");
    List<ChangeEntry> e = log.claim(10, Set.of());
    assertThat(e).hasSize(3);
    log.complete(
        List.of(
            new EntryOutcome(e.get(0).id(), EntryState.SUCCESS, null, null, null),
            new EntryOutcome(e.get(1).id(), EntryState.MERGED, null, null, null),
            new EntryOutcome(e.get(2).id(), EntryState.IGNORED, null, "skipped by a user", null)));
    assertThat(archive.archiveDone()).isZero(); // complete moved them already
    assertThat(h.app.column("SELECT state FROM salesforce._trigger_log_archive ORDER BY id"))
        .containsExactly("SUCCESS", "MERGED", "IGNORED");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new EntryOutcome(1, EntryState.PENDING, null, null, null))
        .hasMessageContaining("must be final");
  }

  @Test
  void claimInOrderStopsBeforeTheFirstEntryOfARecordInFlight() {
    h.app.exec("INSERT INTO salesforce.contact (lastname) VALUES ('A')");
    h.app.exec("INSERT INTO salesforce.contact (lastname) VALUES ('B')");
    h.app.exec("UPDATE salesforce.contact SET lastname = 'A2' WHERE lastname = 'A'");
    h.app.exec("INSERT INTO salesforce.contact (lastname) VALUES ('C')");
    List<ChangeEntry> first = log.claim(1, Set.of()); // A's INSERT, in flight
    assertThat(first).extracting(ChangeEntry::action).containsExactly(EntryAction.INSERT);
    List<ChangeEntry> ahead = log.claimInOrder(10, Set.of("contact"));
    // B's INSERT only: A's UPDATE waits for A's INSERT, and C (captured after it) waits too
    assertThat(ahead)
        .extracting(ChangeEntry::recordId)
        .containsExactly(first.get(0).recordId() + 1);
    assertThat(log.claimInOrder(10, Set.of("account"))).isEmpty();
    log.release(ahead.stream().map(ChangeEntry::id).toList());
    // the plain claim steps over the held entry instead
    assertThat(log.claim(10, Set.of()))
        .extracting(ChangeEntry::action)
        .containsExactly(EntryAction.INSERT, EntryAction.INSERT);
    log.complete(
        List.of(new EntryOutcome(first.get(0).id(), EntryState.SUCCESS, null, null, null)));
    assertThat(log.claimInOrder(10, Set.of()))
        .extracting(ChangeEntry::action)
        .containsExactly(EntryAction.UPDATE);
  }

  @Test
  void findsAndReleasesPendingEntriesLeftByACrashedWriter() {
    h.app.exec("INSERT INTO salesforce.contact (lastname) VALUES ('A'), ('B')");
    List<ChangeEntry> e = log.claim(1, Set.of());
    now.set(now.get().plus(Duration.ofMinutes(10)));
    log.claim(1, Set.of());
    List<ChangeEntry> stale = log.stalePending(now.get().minus(Duration.ofMinutes(5)));
    assertThat(stale).extracting(ChangeEntry::id).containsExactly(e.get(0).id());
    assertThat(log.release(List.of(e.get(0).id()))).isEqualTo(1);
    assertThat(log.claim(10, Set.of())).extracting(ChangeEntry::id).containsExactly(e.get(0).id());
  }

  @Test
  void reportsFailuresFromLogAndArchive() {
    h.app.exec("INSERT INTO salesforce.contact (lastname) VALUES ('A'), ('B')");
    List<ChangeEntry> e = log.claim(2, Set.of());
    log.complete(
        List.of(
            new EntryOutcome(e.get(0).id(), EntryState.FAILED, null, "first", null),
            new EntryOutcome(e.get(1).id(), EntryState.FAILED, null, "second", null)));
    // failures stay in the log until they are a day old; the first one is, and is archived
    assertThat(archive.archiveDone()).isZero();
    h.app.exec(
        "UPDATE salesforce._trigger_log SET processed_at = processed_at - interval '2 days'"
            + " WHERE id = "
            + e.get(0).id());
    assertThat(archive.archiveFailed(now.get().minus(Duration.ofDays(1)))).isEqualTo(1);
    assertThat(h.app.column("SELECT state FROM salesforce._trigger_log_archive"))
        .containsExactly("FAILED");
    h.app.exec(
        "INSERT INTO salesforce._trigger_log (state, action, table_name, record_id, sf_message)"
            + " VALUES ('FAILED', 'INSERT', 'account', 1, 'other table')");
    assertThat(errors.failedSince(Instant.EPOCH, "contact", 10))
        .extracting(ChangeEntry::sfMessage)
        .containsExactlyInAnyOrder("first", "second");
    assertThat(errors.failedSince(Instant.EPOCH, null, 10)).hasSize(3);
  }

  @Test
  void entriesSetToRequeueAreQueuedAgainAtTheEndAndTheOriginalsArchived() {
    h.app.exec("INSERT INTO salesforce.contact (lastname) VALUES ('A'), ('B')");
    List<ChangeEntry> e = log.claim(1, Set.of());
    log.complete(List.of(new EntryOutcome(e.get(0).id(), EntryState.FAILED, 1, "no", null)));
    assertThat(log.requeueMarked()).isZero();
    h.app.exec("UPDATE salesforce._trigger_log SET state = 'REQUEUE' WHERE id = " + e.get(0).id());
    assertThat(log.requeueMarked()).isEqualTo(1);
    assertThat(archive.archiveDone()).isEqualTo(1); // the REQUEUED original
    assertThat(h.app.column("SELECT state FROM salesforce._trigger_log_archive"))
        .containsExactly("REQUEUED");
    // the copy comes after B's INSERT, captured later than the original
    List<ChangeEntry> next = log.claim(10, Set.of());
    assertThat(next)
        .extracting(ChangeEntry::recordId)
        .containsExactly(e.get(0).recordId() + 1, e.get(0).recordId());
    ChangeEntry copy = next.get(1);
    assertThat(copy.action()).isEqualTo(EntryAction.INSERT);
    assertThat(copy.values()).isEqualTo(e.get(0).values());
    assertThat(copy.sfResult()).isNull();
  }

  @Test
  void listenWakesOnCaptureAndTimesOutOtherwise() {
    try (ChangeLog.Wakeups w = log.listen()) {
      assertThat(w.await(Duration.ofMillis(50))).isFalse();
      h.app.exec("INSERT INTO salesforce.contact (lastname) VALUES ('A'), ('B')");
      assertThat(w.await(Duration.ofSeconds(10))).isTrue();
      assertThat(w.await(Duration.ofMillis(50))).isFalse(); // drained
    }
  }
}

package dev.ferry.engine.it;

import static dev.ferry.core.state.MappingState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.control.ConflictException;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.sf.BulkJobState;
import dev.ferry.core.state.MappingState;
import dev.ferry.core.store.PollStatus;
import dev.ferry.core.store.WatermarkKind;
import dev.ferry.engine.env.EngineSettings;
import dev.ferry.testkit.PostgresExtension;
import dev.ferry.testkit.RecordingSyncEvents.BulkJobCreated;
import dev.ferry.testkit.RecordingSyncEvents.Hold;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The seed's abort table, row by row, with the work really stopped: the worker is held right after
 * it entered the state, the abort is requested, the worker is released and must notice at its next
 * checkpoint — the Bulk job is aborted in Salesforce, the open transaction rolled back, the
 * watermark untouched. Poll-phase aborts return to DATA_SYNCED and the next poll does the work;
 * load-phase aborts stay ABORTED until a reload.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AbortIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  private static final List<String> FIELDS =
      List.of(
          "Id",
          "SystemModstamp",
          "IsDeleted",
          "LastName",
          "Title",
          "AccountId",
          "Account__External_Id__c");

  private SyncHarness h;
  private MappingId contact;
  private List<String> ids;
  private List<String> accounts;
  private int round;

  @BeforeAll
  void start() {
    Map<String, Integer> data = new LinkedHashMap<>();
    data.put("Account", 5);
    data.put("Contact", 60);
    h =
        SyncHarness.builder(PG)
            .generate(data)
            .set(EngineSettings.LARGE_QUERY_THRESHOLD, 20)
            .start();
    contact = h.map("Contact", MappingConfig.of(Access.READ_ONLY, FIELDS));
    h.advance(Duration.ofSeconds(5));
    h.runUntil(contact, DATA_SYNCED, 2);
    ids = ReadPathIT.ids(h, "Contact");
    accounts = ReadPathIT.ids(h, "Account");
  }

  @AfterAll
  void stop() throws Exception {
    h.close();
  }

  @BeforeEach
  void synced() {
    h.controls.holdBulk(false);
    if (h.state(contact) != DATA_SYNCED) {
      if (h.state(contact) == ABORTED) h.service.reload(contact);
      h.advance(Duration.ofSeconds(2));
      h.runUntil(contact, DATA_SYNCED, 4);
    }
    h.events.clear();
    round++;
  }

  // ---- poll phase: back to DATA_SYNCED, polls resume

  @Test
  void pollingSfChanges() {
    String title = change(3);
    Instant mark = watermark();
    abortWhileHeldAt(POLLING_SF_CHANGES, DATA_SYNCED);
    assertThat(titles(title)).isZero();
    assertThat(watermark()).isEqualTo(mark);
    assertThat(h.stores.sync.pollWindows().recent(contact, 1).get(0).status())
        .isEqualTo(PollStatus.ABORTED);
    h.run(contact); // the next poll does it
    assertThat(titles(title)).isEqualTo(3);
  }

  @Test
  void pollingSfBulk() {
    String title = change(25);
    Instant mark = watermark();
    abortWhileHeldAt(POLLING_SF_BULK, DATA_SYNCED);
    assertThat(h.events.events(BulkJobCreated.class)).isEmpty();
    assertThat(titles(title)).isZero();
    assertThat(watermark()).isEqualTo(mark);
    h.run(contact);
    assertThat(titles(title)).isEqualTo(25);
  }

  @Test
  void pollingSfForDeletes() throws Exception {
    String gone = ids.get(59 - round);
    ReadPathIT.hardDelete(h, "Contact", gone);
    h.advance(Duration.ofSeconds(61));
    Optional<Instant> mark = h.stores.sync.watermarks().read(contact, WatermarkKind.DELETES);
    abortWhileHeldAt(POLLING_SF_FOR_DELETES, DATA_SYNCED);
    assertThat(rows(gone)).isEqualTo(1);
    assertThat(h.stores.sync.watermarks().read(contact, WatermarkKind.DELETES)).isEqualTo(mark);
    h.run(contact);
    assertThat(rows(gone)).isZero();
  }

  @Test
  void waitBulkUpdate() {
    String title = change(25);
    h.controls.holdBulk(true); // the job stays InProgress
    abortWhileHeldAt(WAIT_BULK_UPDATE, DATA_SYNCED);
    assertThat(jobState()).isEqualTo(BulkJobState.Aborted);
    h.controls.holdBulk(false);
    assertThat(titles(title)).isZero();
    h.run(contact);
    assertThat(titles(title)).isEqualTo(25);
  }

  @Test
  void applyingBulkUpdate() {
    String title = change(25);
    Instant mark = watermark();
    abortWhileHeldAt(APPLYING_BULK_UPDATE, DATA_SYNCED);
    assertThat(titles(title)).isZero();
    assertThat(watermark()).isEqualTo(mark);
    h.run(contact);
    assertThat(titles(title)).isEqualTo(25);
  }

  @Test
  void pollExternalIds() {
    // 25 contacts move to another account: the bulk chunk updates accountid, the external-id
    // pass would update account__external_id__c; the abort stops it. The changes are older than
    // the poll overlap, so no later primary poll reads them again (and drift is off here).
    String target = accounts.get(round % accounts.size());
    for (int i = 0; i < 25; i++) h.update("Contact", ids.get(i), Map.of("AccountId", target));
    h.advance(Duration.ofSeconds(15));
    abortWhileHeldAt(POLL_EXTERNAL_IDS, DATA_SYNCED);
    long moved =
        h.db.count("SELECT count(*) FROM salesforce.contact WHERE accountid = '" + target + "'");
    assertThat(moved).isGreaterThanOrEqualTo(25);
    assertThat(resolvedTo(target))
        .as("rows whose external id was resolved after the abort")
        .isLessThan(moved);

    h.events.clear();
    h.run(contact); // the next poll resolves what the aborted step left
    assertThat(resolvedTo(target)).as("rows whose external id was resolved").isEqualTo(moved);
    assertThat(h.events.states(contact)).startsWith(POLL_EXTERNAL_IDS, POLLING_SF_CHANGES);
    h.run(contact); // nothing owed any more
    assertThat(h.events.states(contact)).containsOnlyOnce(POLL_EXTERNAL_IDS);
  }

  private long resolvedTo(String account) {
    return h.db.count(
        "SELECT count(*) FROM salesforce.contact WHERE accountid = '"
            + account
            + "' AND account__external_id__c IS NOT DISTINCT FROM '"
            + externalIdOf(account)
            + "'");
  }

  // ---- load phase: ABORTED until a reload

  @Test
  void schemaChanged() {
    MappingConfig more = withField("Department");
    h.service.updateMapping(contact, more); // enters SCHEMA_CHANGED
    assertThat(h.state(contact)).isEqualTo(SCHEMA_CHANGED);
    h.service.abort(contact);
    assertThat(h.state(contact)).isEqualTo(ABORTED);
    h.run(contact);
    h.run(contact);
    assertThat(h.state(contact)).isEqualTo(ABORTED);
    assertThat(h.stores.sync.schemaAdmin().columns("salesforce", "contact"))
        .doesNotContainKey("department");
    h.service.updateMapping(contact, MappingConfig.of(Access.READ_ONLY, FIELDS));
  }

  @Test
  void resync() {
    h.service.updateMapping(contact, withField("Phone"));
    abortWhileHeldAt(RESYNC, ABORTED);
    assertThat(h.stores.sync.schemaAdmin().columns("salesforce", "contact")).containsKey("phone");
    assertThat(h.db.count("SELECT count(*) FROM salesforce.contact WHERE phone IS NOT NULL"))
        .isZero();
    h.run(contact);
    assertThat(h.state(contact)).isEqualTo(ABORTED);
    h.service.updateMapping(contact, MappingConfig.of(Access.READ_ONLY, FIELDS));
  }

  @Test
  void waitBulkLoad() {
    long before = h.db.count("SELECT count(*) FROM salesforce.contact");
    h.service.reload(contact);
    h.controls.holdBulk(true);
    abortWhileHeldAt(WAIT_BULK_LOAD, ABORTED);
    assertThat(jobState()).isEqualTo(BulkJobState.Aborted);
    h.controls.holdBulk(false);
    // a reload never empties the table: the rows stay, only the watermark is gone
    assertThat(h.db.count("SELECT count(*) FROM salesforce.contact")).isEqualTo(before);
    assertThat(watermark()).isNull();
  }

  @Test
  void loadingBulkJob() {
    long before = h.db.count("SELECT count(*) FROM salesforce.contact");
    h.service.reload(contact);
    abortWhileHeldAt(LOADING_BULK_JOB, ABORTED);
    assertThat(h.db.count("SELECT count(*) FROM salesforce.contact")).isEqualTo(before);
    assertThat(watermark()).isNull();
    h.run(contact);
    assertThat(h.state(contact)).isEqualTo(ABORTED);
  }

  @Test
  void resolveExternalIds() {
    String resolved =
        "SELECT count(*) FROM salesforce.contact WHERE account__external_id__c IS NOT NULL";
    long before = h.db.count(resolved);
    h.service.reload(contact);
    abortWhileHeldAt(RESOLVE_EXTERNAL_IDS, ABORTED);
    long inSalesforce = ReadPathIT.ids(h, "Contact").size();
    assertThat(h.db.count("SELECT count(*) FROM salesforce.contact")).isEqualTo(inSalesforce);
    // the reload's pages carry no relationship paths: the values resolved before are kept
    assertThat(h.db.count(resolved)).isEqualTo(before);
  }

  @Test
  void reloadTable() {
    long before = h.db.count("SELECT count(*) FROM salesforce.contact");
    h.service.reload(contact); // enters RELOAD_TABLE
    h.service.abort(contact);
    assertThat(h.state(contact)).isEqualTo(ABORTED);
    h.run(contact);
    assertThat(h.state(contact)).isEqualTo(ABORTED);
    assertThat(h.db.count("SELECT count(*) FROM salesforce.contact"))
        .isEqualTo(before); // never cleared

    // a new mapping's worker entering RELOAD_TABLE itself
    MappingId lead = h.map("Lead", "Id", "SystemModstamp", "LastName", "Company");
    Hold hold = h.events.holdAt(lead, RELOAD_TABLE);
    CompletableFuture<Void> run = CompletableFuture.runAsync(() -> h.run(lead));
    hold.awaitReached();
    h.service.abort(lead);
    hold.release();
    run.join();
    assertThat(h.state(lead)).isEqualTo(ABORTED);
    assertThat(h.stores.sync.watermarks().read(lead, WatermarkKind.CHANGES)).isEmpty();
  }

  @Test
  void aStateWithNothingRunningRefusesAnAbort() {
    assertThatThrownBy(() -> h.service.abort(contact))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("DATA_SYNCED");
    assertThat(h.state(contact)).isEqualTo(DATA_SYNCED);
  }

  // ---- helpers

  /** Runs the mapping on another thread, holds it at {@code state}, aborts, releases it. */
  private void abortWhileHeldAt(MappingState state, MappingState expected) {
    Hold hold = h.events.holdAt(contact, state);
    CompletableFuture<Void> run = CompletableFuture.runAsync(() -> h.run(contact));
    try {
      hold.awaitReached();
      h.service.abort(contact);
      assertThat(h.state(contact)).isEqualTo(expected);
    } finally {
      hold.release();
    }
    run.orTimeout(60, TimeUnit.SECONDS).join();
    assertThat(h.state(contact)).as("after the worker noticed the abort").isEqualTo(expected);
    assertThat(h.mapping(contact).stateChangedAt()).isNotNull();
    List<MappingState> seen = h.events.states(contact);
    assertThat(seen.get(seen.size() - 1)).isEqualTo(expected);
  }

  /** Changes the title of {@code n} contacts to a value unique to this round; returns it. */
  private String change(int n) {
    String title = "round-" + round;
    for (int i = 0; i < n; i++) h.update("Contact", ids.get(i), Map.of("Title", title));
    h.advance(Duration.ofSeconds(3));
    return title;
  }

  private long titles(String title) {
    return h.db.count("SELECT count(*) FROM salesforce.contact WHERE title = '" + title + "'");
  }

  private long rows(String sfid) {
    return h.db.count("SELECT count(*) FROM salesforce.contact WHERE sfid = '" + sfid + "'");
  }

  private Instant watermark() {
    return h.stores.sync.watermarks().read(contact, WatermarkKind.CHANGES).orElse(null);
  }

  private BulkJobState jobState() {
    List<BulkJobCreated> jobs = h.events.events(BulkJobCreated.class);
    assertThat(jobs).isNotEmpty();
    return h.admin().queryJob(jobs.get(jobs.size() - 1).jobId()).state();
  }

  private String externalIdOf(String account) {
    var rs =
        h.admin()
            .query(
                dev.ferry.core.soql.Soql.select("External_Id__c")
                    .from("Account")
                    .where(dev.ferry.core.soql.Condition.eq("Id", account))
                    .build(),
                false);
    try (rs) {
      return rs.next().get("External_Id__c");
    }
  }

  private MappingConfig withField(String field) {
    List<String> f = new ArrayList<>(FIELDS);
    f.add(field);
    return MappingConfig.of(Access.READ_ONLY, f);
  }
}

package dev.ferry.salesforce.contract;

import static dev.ferry.core.soql.Condition.in;
import static dev.ferry.core.soql.Condition.like;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.error.SalesforceAuthException;
import dev.ferry.core.error.SalesforceFailure;
import dev.ferry.core.error.SalesforceRequestException;
import dev.ferry.core.sf.BulkJob;
import dev.ferry.core.sf.BulkJobState;
import dev.ferry.core.sf.DeletedRecords;
import dev.ferry.core.sf.ExternalRef;
import dev.ferry.core.sf.FieldDescribe;
import dev.ferry.core.sf.FieldType;
import dev.ferry.core.sf.IngestOperation;
import dev.ferry.core.sf.IngestResultKind;
import dev.ferry.core.sf.IngestSpec;
import dev.ferry.core.sf.IngestUpload;
import dev.ferry.core.sf.OrgIdentity;
import dev.ferry.core.sf.QueryResultPage;
import dev.ferry.core.sf.RecordStream;
import dev.ferry.core.sf.SObjectDescribe;
import dev.ferry.core.sf.SObjectSummary;
import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.sf.SaveRequest;
import dev.ferry.core.sf.SaveResult;
import dev.ferry.core.sf.SfRecord;
import dev.ferry.core.sf.UpdatedIds;
import dev.ferry.core.soql.Soql;
import dev.ferry.salesforce.HttpSalesforceApi;
import dev.ferry.salesforce.SalesforceConfig;
import dev.ferry.salesforce.auth.Credentials;
import dev.ferry.salesforce.bulk.SaveRequestCsv;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link dev.ferry.core.port.SalesforceApi} must do, run against the emulator over
 * loopback and against a real org when credentials are given. Tests create their own records (names
 * start with a per-test run id) and delete them afterwards, so they can share an org.
 *
 * <p>The org needs the standard Account and Contact objects and an external id text field on
 * Account ({@link #accountExternalId()}, {@code External_Id__c} by default).
 */
public abstract class SalesforceApiContract {
  protected HttpSalesforceApi api;
  protected String run;
  private final List<String> createdAccounts = new ArrayList<>();
  private final List<String> createdContacts = new ArrayList<>();
  private final List<Runnable> cleanups = new ArrayList<>();

  /** Login URL, credentials and timing for the org under test. */
  protected abstract SalesforceConfig.Builder settings();

  /** Credentials the org refuses. */
  protected abstract Credentials wrongCredentials();

  protected String accountExternalId() {
    return "External_Id__c";
  }

  /** The org's current time (getUpdated/getDeleted windows are in org time). */
  protected Instant orgNow() {
    return Instant.now();
  }

  /** Lets org time pass; getUpdated only covers whole minutes that are over. */
  protected void letOrgTimePass(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @BeforeEach
  void openClient() {
    api = HttpSalesforceApi.create(settings().build());
    run = "ferryct" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void cleanUp() {
    try {
      for (Runnable r : cleanups) {
        try {
          r.run();
        } catch (RuntimeException ignored) {
          // best effort: a failed test may have left the org half-way
        }
      }
      deleteQuietly("Contact", createdContacts);
      deleteQuietly("Account", createdAccounts);
    } finally {
      api.close();
    }
  }

  private void deleteQuietly(String sobject, List<String> ids) {
    if (ids.isEmpty()) return;
    try {
      List<SaveRequest> deletes = ids.stream().map(id -> SaveRequest.delete(sobject, id)).toList();
      api.save(SaveOperation.DELETE, sobject, deletes, null);
    } catch (RuntimeException ignored) {
      // the org may be unreachable on purpose (inactive-org tests)
    }
  }

  // ---- helpers

  protected List<String> createAccounts(int n) {
    List<SaveRequest> requests = new ArrayList<>();
    for (int i = 0; i < n; i++) requests.add(account(i));
    List<SaveResult> results = api.save(SaveOperation.CREATE, "Account", requests, null);
    List<String> ids = new ArrayList<>();
    for (SaveResult r : results) {
      assertThat(r.success()).as("create Account: %s", r.errors()).isTrue();
      ids.add(r.id());
    }
    createdAccounts.addAll(ids);
    return ids;
  }

  protected SaveRequest account(int i) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("Name", run + " account " + i);
    f.put(accountExternalId(), run + "-A" + i);
    f.put("NumberOfEmployees", 10 + i);
    f.put("AnnualRevenue", new BigDecimal("1500"));
    f.put("Description", "line one\nline \"two\", three");
    return new SaveRequest("Account", null, f);
  }

  protected List<String> createContacts(int n, String accountExternalIdValue) {
    List<SaveRequest> requests = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("LastName", run + " contact " + String.format("%04d", i));
      f.put("AccountId", new ExternalRef("Account", accountExternalId(), accountExternalIdValue));
      f.put("Birthdate", LocalDate.of(1980, 2, 29));
      f.put("DoNotCall", i % 2 == 0);
      requests.add(new SaveRequest("Contact", null, f));
    }
    List<String> ids = new ArrayList<>();
    for (SaveResult r : api.save(SaveOperation.CREATE, "Contact", requests, null)) {
      assertThat(r.success()).as("create Contact: %s", r.errors()).isTrue();
      ids.add(r.id());
    }
    createdContacts.addAll(ids);
    return ids;
  }

  protected Soql contactsOfRun(String... fields) {
    return Soql.select(fields)
        .from("Contact")
        .where(like("LastName", run + "%"))
        .orderBy("LastName")
        .build();
  }

  protected static List<SfRecord> drain(RecordStream stream) {
    List<SfRecord> out = new ArrayList<>();
    try (stream) {
      stream.forEachRemaining(out::add);
    }
    return out;
  }

  protected List<SfRecord> bulkQuery(Soql soql, Integer maxRecords) {
    BulkJob job = api.createQueryJob(soql, false);
    cleanups.add(() -> api.deleteQueryJob(job.id()));
    BulkJob done = api.awaitQueryJob(job.id(), Duration.ofMinutes(5), () -> false);
    assertThat(done.state()).isEqualTo(BulkJobState.JobComplete);
    List<SfRecord> rows = new ArrayList<>();
    String locator = null;
    do {
      try (QueryResultPage page = api.queryResults(job.id(), locator, maxRecords)) {
        page.forEachRemaining(rows::add);
        locator = page.nextLocator();
      }
    } while (locator != null);
    return rows;
  }

  protected void afterTest(Runnable cleanup) {
    cleanups.add(cleanup);
  }

  protected static String errorCode(Throwable e) {
    return ((SalesforceFailure) e).salesforceError().errorCode();
  }

  // ---- identity and metadata

  @Test
  void identityNamesTheOrgAndTheUser() {
    OrgIdentity me = api.identity();
    assertThat(me.organizationId()).startsWith("00D").hasSize(18);
    assertThat(me.userId()).startsWith("005").hasSize(18);
    assertThat(me.username()).contains("@");
    assertThat(me.instanceUrl()).startsWith("http");
  }

  @Test
  void describeGlobalListsTheStandardObjects() {
    List<SObjectSummary> all = api.describeGlobal();
    assertThat(all)
        .filteredOn(o -> o.name().equals("Account"))
        .singleElement()
        .satisfies(a -> {
          assertThat(a.keyPrefix()).isEqualTo("001");
          assertThat(a.queryable()).isTrue();
          assertThat(a.custom()).isFalse();
        });
    assertThat(all).extracting(SObjectSummary::name).contains("Contact");
  }

  @Test
  void describeGivesFullFieldMetadata() {
    SObjectDescribe account = api.describe("Account");
    assertThat(account.field("Id").orElseThrow().type()).isEqualTo(FieldType.ID);
    FieldDescribe name = account.field("Name").orElseThrow();
    assertThat(name.type()).isEqualTo(FieldType.STRING);
    assertThat(name.length()).isPositive();
    assertThat(name.nillable()).isFalse();
    assertThat(account.field(accountExternalId()).orElseThrow().externalId()).isTrue();
    assertThat(account.field("Industry").orElseThrow().picklistValues()).isNotEmpty();
    FieldDescribe revenue = account.field("AnnualRevenue").orElseThrow();
    assertThat(revenue.type()).isEqualTo(FieldType.CURRENCY);
    assertThat(revenue.precision()).isPositive();
    assertThat(account.modstampField()).isEqualTo("SystemModstamp");

    SObjectDescribe contact = api.describe("Contact");
    FieldDescribe accountId = contact.field("AccountId").orElseThrow();
    assertThat(accountId.type()).isEqualTo(FieldType.REFERENCE);
    assertThat(accountId.referenceTo()).contains("Account");
    assertThat(accountId.relationshipName()).isEqualTo("Account");
    assertThat(contact.field("MailingAddress").orElseThrow().type()).isEqualTo(FieldType.ADDRESS);
  }

  @Test
  void describeOfAnUnknownObjectIsNotFound() {
    assertThatThrownBy(() -> api.describe("No_Such_Object__c"))
        .isInstanceOf(SalesforceRequestException.class)
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NOT_FOUND"));
  }

  @Test
  void limitsReportTheDailyApiRequests() {
    var daily = api.limits().dailyApiRequests().orElseThrow();
    assertThat(daily.max()).isPositive();
    assertThat(daily.remaining()).isBetween(0L, daily.max());
    assertThat(api.apiUsage()).isPresent();
    assertThat(api.apiUsage().orElseThrow().max()).isEqualTo(daily.max());
  }

  // ---- sObject Collections

  @Test
  void createsInChunksOf200WithResultsInRequestOrder() {
    List<SaveRequest> requests = new ArrayList<>();
    for (int i = 0; i < 205; i++) requests.add(account(i));
    Map<String, Object> noName = new LinkedHashMap<>(account(150).fields());
    noName.remove("Name");
    requests.set(150, new SaveRequest("Account", null, noName));

    List<SaveResult> results = api.save(SaveOperation.CREATE, "Account", requests, null);
    results.stream().filter(SaveResult::success).forEach(r -> createdAccounts.add(r.id()));

    assertThat(results).hasSize(205);
    assertThat(results.get(150).success()).isFalse();
    assertThat(results.get(150).firstError().statusCode()).isEqualTo("REQUIRED_FIELD_MISSING");
    assertThat(results.get(150).firstError().fields()).contains("Name");
    assertThat(results).filteredOn(SaveResult::success).hasSize(204);

    List<Optional<SfRecord>> back =
        api.retrieve(
            "Account",
            List.of(results.get(0).id(), results.get(204).id()),
            List.of("Id", "Name", "NumberOfEmployees", "AnnualRevenue", "Description"));
    assertThat(back.get(0).orElseThrow().get("Name")).isEqualTo(run + " account 0");
    assertThat(back.get(1).orElseThrow().get("NumberOfEmployees")).isEqualTo("214");
    assertThat(back.get(1).orElseThrow().get("AnnualRevenue")).isEqualTo("1500");
    assertThat(back.get(1).orElseThrow().get("Description"))
        .isEqualTo("line one\nline \"two\", three");
  }

  @Test
  void updatesUpsertsByExternalIdAndDeletes() {
    List<String> ids = createAccounts(2);
    List<SaveResult> updated =
        api.save(
            SaveOperation.UPDATE,
            "Account",
            List.of(
                new SaveRequest("Account", ids.get(0), Map.of("Description", "changed")),
                new SaveRequest("Account", "001000000000000AAA", Map.of("Description", "x"))),
            null);
    assertThat(updated.get(0).success()).isTrue();
    assertThat(updated.get(1).success()).isFalse();

    Map<String, Object> existing = new LinkedHashMap<>();
    existing.put(accountExternalId(), run + "-A1");
    existing.put("Description", "upserted");
    Map<String, Object> fresh = new LinkedHashMap<>();
    fresh.put(accountExternalId(), run + "-NEW");
    fresh.put("Name", run + " new");
    List<SaveResult> upserted =
        api.save(
            SaveOperation.UPSERT,
            "Account",
            List.of(
                new SaveRequest("Account", null, existing),
                new SaveRequest("Account", null, fresh)),
            accountExternalId());
    assertThat(upserted).allMatch(SaveResult::success);
    assertThat(upserted.get(0).id()).isEqualTo(ids.get(1));
    assertThat(upserted.get(0).created()).isFalse();
    assertThat(upserted.get(1).created()).isTrue();
    createdAccounts.add(upserted.get(1).id());

    List<SfRecord> rows =
        drain(
            api.query(
                Soql.select("Id", "Description")
                    .from("Account")
                    .where(in("Id", ids))
                    .orderBy("Name")
                    .build(),
                false));
    assertThat(rows).extracting(r -> r.get("Description")).containsExactly("changed", "upserted");

    List<SaveResult> deleted =
        api.save(
            SaveOperation.DELETE,
            "Account",
            List.of(SaveRequest.delete("Account", ids.get(0))),
            null);
    assertThat(deleted.get(0).success()).isTrue();
    assertThat(api.count(Soql.count().from("Account").where(in("Id", ids)).build(), false))
        .isEqualTo(1);
  }

  // ---- REST reads

  @Test
  void queriesPageLazilyAndFlattenParentsToCanonicalText() {
    createAccounts(1);
    List<String> contacts = createContacts(450, run + "-A0");

    RecordStream stream =
        api.query(
            contactsOfRun(
                "Id",
                "LastName",
                "Account.Name",
                "Birthdate",
                "DoNotCall",
                "SystemModstamp",
                "MailingAddress"),
            false);
    assertThat(stream.totalSize()).isEqualTo(450);
    assertThat(stream.header().names())
        .containsExactly(
            "Id",
            "LastName",
            "Account.Name",
            "Birthdate",
            "DoNotCall",
            "SystemModstamp",
            "MailingAddress");
    List<SfRecord> rows = drain(stream);

    assertThat(rows).hasSize(450);
    assertThat(rows).extracting(SfRecord::id).containsExactlyInAnyOrderElementsOf(contacts);
    SfRecord first = rows.get(0);
    assertThat(first.get("LastName")).isEqualTo(run + " contact 0000");
    assertThat(first.get("Account.Name")).isEqualTo(run + " account 0");
    assertThat(first.get("Birthdate")).isEqualTo("1980-02-29");
    assertThat(first.get("DoNotCall")).isEqualTo("true");
    assertThat(rows.get(1).get("DoNotCall")).isEqualTo("false");
    assertThat(first.get("SystemModstamp"))
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(first.get("MailingAddress")).as("a compound value reads as null").isNull();
    assertThat(api.callCounts().get("query")).isGreaterThanOrEqualTo(3);
  }

  @Test
  void countsWithCountQueries() {
    createAccounts(3);
    Soql count = Soql.count().from("Account").where(like("Name", run + "%")).build();
    assertThat(api.count(count, false)).isEqualTo(3);
  }

  @Test
  void queryAllAndGetDeletedSeeDeletedRecordsAndGetUpdatedSeesChanges() {
    Instant before = orgNow().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(2));
    List<String> ids = createAccounts(3);
    api.save(
        SaveOperation.UPDATE,
        "Account",
        List.of(new SaveRequest("Account", ids.get(2), Map.of("Description", "touched"))),
        null);
    api.save(
        SaveOperation.DELETE, "Account", List.of(SaveRequest.delete("Account", ids.get(0))), null);
    letOrgTimePass(Duration.ofSeconds(61));
    Instant after = orgNow();

    Soql byId =
        Soql.select("Id", "IsDeleted").from("Account").where(in("Id", ids)).orderBy("Id").build();
    assertThat(drain(api.query(byId, false))).hasSize(2);
    List<SfRecord> all = drain(api.query(byId, true));
    assertThat(all).hasSize(3);
    assertThat(all)
        .filteredOn(r -> "true".equals(r.get("IsDeleted")))
        .extracting(SfRecord::id)
        .containsExactly(ids.get(0));

    DeletedRecords deleted = api.getDeleted("Account", before, after);
    assertThat(deleted.deleted()).extracting(DeletedRecords.Deleted::id).contains(ids.get(0));
    assertThat(deleted.latestDateCovered()).isAfterOrEqualTo(before);

    UpdatedIds updated = api.getUpdated("Account", before, after);
    assertThat(updated.ids()).contains(ids.get(2));
  }

  @Test
  void requestErrorsAreClassifiedWithTheirCodes() {
    assertThatThrownBy(() -> drain(api.query(Soql.ofText("SELEC Id FROM Account"), false)))
        .isInstanceOf(SalesforceRequestException.class)
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("MALFORMED_QUERY"));
    assertThatThrownBy(
            () -> drain(api.query(Soql.ofText("SELECT Id, No_Such_Field__c FROM Account"), false)))
        .isInstanceOf(SalesforceRequestException.class)
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("INVALID_FIELD"))
        .satisfies(
            e -> assertThat(((SalesforceFailure) e).salesforceError().httpStatus()).isEqualTo(400));
  }

  @Test
  void refusedCredentialsAreAnAuthError() {
    try (HttpSalesforceApi wrong =
        HttpSalesforceApi.create(settings().credentials(wrongCredentials()).build())) {
      assertThatThrownBy(wrong::limits).isInstanceOf(SalesforceAuthException.class);
    }
  }

  // ---- Bulk API 2.0

  @Test
  void bulkQueryPagesByLocatorAndAgreesWithRest() {
    createAccounts(1);
    createContacts(450, run + "-A0");
    Soql soql =
        contactsOfRun(
            "Id",
            "LastName",
            "Account.Name",
            "Account.NumberOfEmployees",
            "Birthdate",
            "DoNotCall",
            "SystemModstamp",
            "CreatedDate");

    List<SfRecord> bulk = bulkQuery(soql, 100);
    List<SfRecord> rest = drain(api.query(soql, false));

    assertThat(bulk).hasSize(450);
    for (int i = 0; i < rest.size(); i++) {
      SfRecord b = bulk.get(i);
      for (String column : rest.get(i).header().names()) {
        assertThat(b.get(column))
            .as("row %d column %s", i, column)
            .isEqualTo(rest.get(i).get(column));
      }
    }
  }

  @Test
  void bulkQueryJobInfoCountsTheRows() {
    createAccounts(3);
    BulkJob job =
        api.createQueryJob(
            Soql.select("Id").from("Account").where(like("Name", run + "%")).build(), false);
    afterTest(() -> api.deleteQueryJob(job.id()));
    assertThat(job.isQuery()).isTrue();
    assertThat(job.object()).isEqualTo("Account");
    BulkJob done = api.awaitQueryJob(job.id(), Duration.ofMinutes(5), () -> false);
    assertThat(done.numberRecordsProcessed()).isEqualTo(3);
    assertThat(api.queryJob(job.id()).state()).isEqualTo(BulkJobState.JobComplete);
  }

  @Test
  void deletedJobsAreGone() {
    BulkJob job = api.createQueryJob(Soql.select("Id").from("Account").limit(1).build(), false);
    api.awaitQueryJob(job.id(), Duration.ofMinutes(5), () -> false);
    api.deleteQueryJob(job.id());
    assertThatThrownBy(() -> api.queryJob(job.id()))
        .isInstanceOf(SalesforceRequestException.class)
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NOT_FOUND"));
    api.deleteQueryJob(job.id()); // nothing left to delete is fine
  }

  @Test
  void bulkIngestReportsSuccessfulAndFailedRowsAsRecords() {
    createAccounts(1);
    List<SaveRequest> rows = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("LastName", i == 3 ? null : run + " bulk " + i);
      f.put("AccountId", new ExternalRef("Account", accountExternalId(), run + "-A0"));
      f.put("Birthdate", LocalDate.of(2000, 1, 1 + i));
      rows.add(new SaveRequest("Contact", null, f));
    }
    List<IngestUpload> uploads =
        api.ingest(
            new IngestSpec("Contact", IngestOperation.INSERT, null),
            SaveRequestCsv.of(IngestOperation.INSERT, rows));
    assertThat(uploads).hasSize(1);
    String jobId = uploads.get(0).job().id();
    afterTest(() -> api.deleteIngestJob(jobId));

    BulkJob done = api.awaitIngestJob(jobId, Duration.ofMinutes(5), () -> false);
    assertThat(done.state()).isEqualTo(BulkJobState.JobComplete);
    assertThat(done.numberRecordsProcessed()).isEqualTo(5);
    assertThat(done.numberRecordsFailed()).isEqualTo(1);

    List<SfRecord> ok = drain(api.ingestResults(jobId, IngestResultKind.SUCCESSFUL));
    assertThat(ok).hasSize(4).allSatisfy(r -> assertThat(r.get("sf__Created")).isEqualTo("true"));
    ok.forEach(r -> createdContacts.add(r.get("sf__Id")));
    assertThat(ok).extracting(r -> r.get("LastName")).contains(run + " bulk 0");

    List<SfRecord> failed = drain(api.ingestResults(jobId, IngestResultKind.FAILED));
    assertThat(failed)
        .singleElement()
        .satisfies(r -> assertThat(r.get("sf__Error")).startsWith("REQUIRED_FIELD_MISSING"));

    List<SfRecord> created =
        drain(api.query(contactsOfRun("Id", "Account.Name", "Birthdate"), false));
    assertThat(created)
        .hasSize(4)
        .allSatisfy(r -> assertThat(r.get("Account.Name")).isEqualTo(run + " account 0"));
  }

  @Test
  void aSingleJobGoesThroughEveryIngestState() {
    BulkJob job =
        api.createIngestJob(new IngestSpec("Account", IngestOperation.UPSERT, accountExternalId()));
    afterTest(() -> api.deleteIngestJob(job.id()));
    assertThat(job.state()).isEqualTo(BulkJobState.Open);
    assertThat(job.operation()).isEqualTo("upsert");
    List<SaveRequest> rows = new ArrayList<>();
    for (int i = 0; i < 3; i++) rows.add(account(i));
    api.upload(job.id(), SaveRequestCsv.of(IngestOperation.UPSERT, rows));
    assertThat(api.ingestJob(job.id()).state()).isEqualTo(BulkJobState.Open);
    assertThat(api.closeIngestJob(job.id()).state())
        .isIn(BulkJobState.UploadComplete, BulkJobState.InProgress, BulkJobState.JobComplete);
    BulkJob done = api.awaitIngestJob(job.id(), Duration.ofMinutes(5), () -> false);
    assertThat(done.numberRecordsProcessed()).isEqualTo(3);
    List<SfRecord> ok = drain(api.ingestResults(job.id(), IngestResultKind.SUCCESSFUL));
    ok.forEach(r -> createdAccounts.add(r.get("sf__Id")));
    assertThat(ok).hasSize(3).allSatisfy(r -> assertThat(r.get("sf__Created")).isEqualTo("true"));
    assertThat(drain(api.ingestResults(job.id(), IngestResultKind.UNPROCESSED))).isEmpty();

    api.deleteIngestJob(job.id());
    assertThatThrownBy(() -> api.ingestJob(job.id()))
        .isInstanceOf(SalesforceRequestException.class)
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NOT_FOUND"));
  }

  @Test
  void largeIngestDataIsSplitOverSeveralJobs() {
    List<SaveRequest> rows = new ArrayList<>();
    for (int i = 0; i < 60; i++) rows.add(account(i));
    try (HttpSalesforceApi small =
        HttpSalesforceApi.create(settings().uploadLimitBytes(2_000).build())) {
      List<IngestUpload> uploads =
          small.ingest(
              new IngestSpec("Account", IngestOperation.UPSERT, accountExternalId()),
              SaveRequestCsv.of(IngestOperation.UPSERT, rows));
      assertThat(uploads.size()).isGreaterThan(1);
      assertThat(uploads.getLast().toRow()).isEqualTo(60);
      for (IngestUpload u : uploads) {
        afterTest(() -> api.deleteIngestJob(u.job().id()));
        BulkJob done = small.awaitIngestJob(u.job().id(), Duration.ofMinutes(5), () -> false);
        assertThat(done.numberRecordsProcessed()).isEqualTo(u.rowCount());
        assertThat(done.numberRecordsFailed()).isZero();
      }
    }
    List<SfRecord> created =
        drain(
            api.query(
                Soql.select("Id").from("Account").where(like("Name", run + "%")).build(), false));
    created.forEach(r -> createdAccounts.add(r.id()));
    assertThat(created).hasSize(60);
  }

  @Test
  void jobsCanBeAborted() {
    BulkJob ingest = api.createIngestJob(new IngestSpec("Account", IngestOperation.INSERT, null));
    afterTest(() -> api.deleteIngestJob(ingest.id()));
    assertThat(ingest.state()).isEqualTo(BulkJobState.Open);
    assertThat(api.abortIngestJob(ingest.id()).state()).isEqualTo(BulkJobState.Aborted);
    assertThat(api.awaitIngestJob(ingest.id(), Duration.ofMinutes(1), () -> false).state())
        .isEqualTo(BulkJobState.Aborted);

    BulkJob query = api.createQueryJob(Soql.select("Id").from("Account").build(), false);
    afterTest(() -> api.deleteQueryJob(query.id()));
    // it may finish before the abort arrives: then it stays JobComplete
    assertThat(api.abortQueryJob(query.id()).state())
        .isIn(BulkJobState.Aborted, BulkJobState.JobComplete);
  }

  @Test
  void everyCallIsCountedByKind() {
    api.limits();
    drain(api.query(Soql.select("Id").from("Account").limit(1).build(), false));
    assertThat(api.callCounts())
        .containsEntry("limits", 1L)
        .containsEntry("query", 1L)
        .containsEntry("auth", 1L);
  }
}

package dev.ferry.salesforce.contract;

import static dev.ferry.core.soql.Condition.like;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.error.ApiLimitExceededException;
import dev.ferry.core.error.BulkJobFailedException;
import dev.ferry.core.error.BulkJobTimeoutException;
import dev.ferry.core.error.InactiveOrgException;
import dev.ferry.core.error.SalesforceAuthException;
import dev.ferry.core.error.SalesforceFailure;
import dev.ferry.core.error.SalesforceUnavailableException;
import dev.ferry.core.sf.BulkJob;
import dev.ferry.core.sf.BulkJobState;
import dev.ferry.core.sf.IngestOperation;
import dev.ferry.core.sf.IngestResultKind;
import dev.ferry.core.sf.IngestSpec;
import dev.ferry.core.sf.IngestUpload;
import dev.ferry.core.sf.QueryResultPage;
import dev.ferry.core.sf.RecordStream;
import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.sf.SaveRequest;
import dev.ferry.core.sf.SaveResult;
import dev.ferry.core.sf.SfRecord;
import dev.ferry.core.soql.Soql;
import dev.ferry.salesforce.HttpSalesforceApi;
import dev.ferry.salesforce.SalesforceConfig;
import dev.ferry.salesforce.auth.Credentials;
import dev.ferry.salesforce.bulk.SaveRequestCsv;
import dev.ferry.salesforce.testing.Fixtures;
import dev.ferry.testkit.EmulatorControls;
import dev.ferry.testkit.EmulatorControls.Fault;
import dev.ferry.testkit.EmulatorExtension;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract against the emulator over loopback, plus what only the emulator can provoke on
 * demand: expired sessions mid-stream, injected faults, failing Bulk batches, exhausted limits and
 * an inactive org.
 */
class EmulatorSalesforceApiTest extends SalesforceApiContract {
  @RegisterExtension
  static final EmulatorExtension EMULATOR =
      EmulatorExtension.withOptions(o -> o.jwtCertificate(fixturePath("rsa-public.pem")));

  private final EmulatorControls controls = EMULATOR.controls();

  @Override
  protected SalesforceConfig.Builder settings() {
    return SalesforceConfig.builder()
        .loginUrl(EMULATOR.baseUrl())
        .credentials(
            new Credentials.UsernamePassword(
                "emulator-client", "emulator-secret", "admin@example.com", "password"))
        .queryBatchSize(200)
        .initialBackoff(Duration.ofMillis(20))
        .maxBackoff(Duration.ofMillis(200))
        .jobPollInitial(Duration.ofMillis(50))
        .jobPollMax(Duration.ofMillis(250));
  }

  @Override
  protected Credentials wrongCredentials() {
    return new Credentials.UsernamePassword(
        "emulator-client", "emulator-secret", "admin@example.com", "wrong-password");
  }

  @Override
  protected Instant orgNow() {
    return controls.clockNow();
  }

  @Override
  protected void letOrgTimePass(Duration d) {
    controls.advanceClock(d);
  }

  @AfterEach
  void restoreOrg() {
    controls.clearFaults();
    controls.orgActive(true);
    controls.dailyApiRequests(1_000_000);
    controls.apiRequestsUsed(0);
    controls.failBatches(0);
    controls.holdBulk(false);
  }

  // ---- typed values the emulator's custom fields allow

  @Test
  void typedValuesRoundTripAsCanonicalText() {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("Name", run + " typed");
    // Salesforce keeps datetimes to the second
    f.put("Last_Activity_At__c", Instant.parse("2024-01-02T03:04:05Z"));
    f.put("Customer_Since__c", java.time.LocalDate.of(2001, 2, 3));
    f.put("Is_Key_Account__c", true);
    f.put("Health_Score__c", new BigDecimal("87.5"));
    f.put("Preferred_Call_Time__c", LocalTime.of(8, 30));
    f.put("Tags__c", null);
    SaveResult r =
        api.save(
                SaveOperation.CREATE, "Account", List.of(new SaveRequest("Account", null, f)), null)
            .get(0);
    assertThat(r.success()).as("%s", r.errors()).isTrue();
    afterTest(() ->
        api.save(
            SaveOperation.DELETE, "Account", List.of(SaveRequest.delete("Account", r.id())), null));

    SfRecord back =
        api.retrieve(
                "Account",
                List.of(r.id()),
                List.of(
                    "Last_Activity_At__c",
                    "Customer_Since__c",
                    "Is_Key_Account__c",
                    "Health_Score__c",
                    "Preferred_Call_Time__c",
                    "Tags__c"))
            .get(0)
            .orElseThrow();
    assertThat(back.get("Last_Activity_At__c")).isEqualTo("2024-01-02T03:04:05.000Z");
    assertThat(back.get("Customer_Since__c")).isEqualTo("2001-02-03");
    assertThat(back.get("Is_Key_Account__c")).isEqualTo("true");
    assertThat(new BigDecimal(back.get("Health_Score__c"))).isEqualByComparingTo("87.5");
    assertThat(back.get("Preferred_Call_Time__c")).isEqualTo("08:30:00.000Z");
    assertThat(back.get("Tags__c")).isNull();
  }

  // ---- sessions

  @Test
  void aSessionExpiringBetweenRestPagesIsRenewedAndTheStreamGoesOn() {
    createAccounts(1);
    createContacts(450, run + "-A0");
    long renewals = api.sessionRenewals();
    List<SfRecord> rows = new ArrayList<>();
    try (RecordStream stream = api.query(contactsOfRun("Id", "LastName"), false)) {
      for (int i = 0; i < 150; i++) rows.add(stream.next());
      controls.expireSessions();
      stream.forEachRemaining(rows::add);
    }
    assertThat(rows).hasSize(450);
    assertThat(rows).extracting(SfRecord::id).doesNotHaveDuplicates();
    assertThat(api.sessionRenewals()).isEqualTo(renewals + 1);
  }

  @Test
  void aSessionExpiringBetweenBulkPagesIsRenewed() {
    createAccounts(1);
    createContacts(450, run + "-A0");
    BulkJob job = api.createQueryJob(contactsOfRun("Id"), false);
    afterTest(() -> api.deleteQueryJob(job.id()));
    api.awaitQueryJob(job.id(), Duration.ofMinutes(1), () -> false);
    long renewals = api.sessionRenewals();
    int rows = 0;
    int pages = 0;
    String locator = null;
    do {
      try (QueryResultPage page = api.queryResults(job.id(), locator, 100)) {
        while (page.hasNext()) {
          page.next();
          rows++;
        }
        locator = page.nextLocator();
        pages++;
      }
      if (locator != null) controls.expireSessions();
    } while (locator != null);
    assertThat(rows).isEqualTo(450);
    assertThat(pages).isEqualTo(5);
    assertThat(api.sessionRenewals()).isEqualTo(renewals + 4);
  }

  // ---- faults

  @Test
  void transientFaultsOnReadsAreRetried() {
    createAccounts(2);
    controls.fault(Fault.of("query", 503, "SERVER_UNAVAILABLE", 2));
    long before = api.callCounts().getOrDefault("query", 0L);
    assertThat(
            api.count(Soql.count().from("Account").where(like("Name", run + "%")).build(), false))
        .isEqualTo(2);
    assertThat(api.callCounts().get("query") - before).isEqualTo(3);
  }

  @Test
  void aThrottledCreateIsResentBecauseItWasRefusedBeforeProcessing() {
    controls.fault(Fault.of("composite", 429, "SERVER_UNAVAILABLE", 1));
    List<String> ids = createAccounts(1);
    assertThat(ids).hasSize(1);
    assertThat(
            api.count(Soql.count().from("Account").where(like("Name", run + "%")).build(), false))
        .isEqualTo(1);
  }

  @Test
  void aCreateThatMayHaveBeenProcessedIsNotResent() {
    controls.fault(Fault.of("composite", 500, "UNKNOWN_EXCEPTION", 1));
    long before = api.callCounts().getOrDefault("composite", 0L);
    assertThatThrownBy(() -> createAccounts(1))
        .isInstanceOf(SalesforceUnavailableException.class)
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("UNKNOWN_EXCEPTION"));
    assertThat(api.callCounts().get("composite") - before).isEqualTo(1);
  }

  @Test
  void lockedRowsAreRetriedOnUpdates() {
    List<String> ids = createAccounts(1);
    controls.fault(Fault.of("composite", 400, "UNABLE_TO_LOCK_ROW", 1));
    List<SaveResult> r =
        api.save(
            SaveOperation.UPDATE,
            "Account",
            List.of(new SaveRequest("Account", ids.get(0), Map.of("Description", "after lock"))),
            null);
    assertThat(r.get(0).success()).isTrue();
  }

  @Test
  void perRecordLockFailuresComeBackAsResultsNotExceptions() {
    controls.recordErrors(1, "UNABLE_TO_LOCK_ROW");
    List<SaveResult> r =
        api.save(SaveOperation.CREATE, "Account", List.of(account(0), account(1)), null);
    r.stream()
        .filter(SaveResult::success)
        .forEach(s ->
            afterTest(() ->
                api.save(
                    SaveOperation.DELETE,
                    "Account",
                    List.of(SaveRequest.delete("Account", s.id())),
                    null)));
    assertThat(r.get(0).success()).isFalse();
    assertThat(r.get(0).firstError().statusCode()).isEqualTo("UNABLE_TO_LOCK_ROW");
    assertThat(r.get(1).success()).isTrue();
  }

  @Test
  void aSlowResponseTimesOutAndTheIdempotentCallIsRetried() {
    try (HttpSalesforceApi impatient =
        HttpSalesforceApi.create(settings().requestTimeout(Duration.ofMillis(700)).build())) {
      impatient.limits();
      controls.fault(new Fault("other", 0, "SERVER_UNAVAILABLE", 1.0, 1, 2_000));
      impatient.limits();
      assertThat(impatient.callCounts().get("limits")).isEqualTo(3);
    }
  }

  @Test
  void bulkBatchFailuresAreRetriedByTheOrg() {
    controls.failBatches(2);
    List<IngestUpload> uploads = ingestAccounts(5);
    BulkJob done =
        api.awaitIngestJob(uploads.get(0).job().id(), Duration.ofMinutes(2), () -> false);
    assertThat(done.state()).isEqualTo(BulkJobState.JobComplete);
    assertThat(done.numberRecordsProcessed()).isEqualTo(5);
  }

  @Test
  void aFailedBulkJobIsReportedAndItsUnprocessedRowsCanBeRead() {
    controls.failBatches(11);
    List<IngestUpload> uploads = ingestAccounts(5);
    String jobId = uploads.get(0).job().id();
    assertThatThrownBy(() -> api.awaitIngestJob(jobId, Duration.ofMinutes(2), () -> false))
        .isInstanceOf(BulkJobFailedException.class)
        .satisfies(
            e -> assertThat(((SalesforceFailure) e).salesforceError().jobId()).isEqualTo(jobId));
    assertThat(api.ingestJob(jobId).errorMessage()).isNotBlank();
    assertThat(drain(api.ingestResults(jobId, IngestResultKind.UNPROCESSED))).hasSize(5);
  }

  private List<IngestUpload> ingestAccounts(int n) {
    List<SaveRequest> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) rows.add(account(i));
    List<IngestUpload> uploads =
        api.ingest(
            new IngestSpec("Account", IngestOperation.UPSERT, accountExternalId()),
            SaveRequestCsv.of(IngestOperation.UPSERT, rows));
    for (IngestUpload u : uploads) afterTest(() -> api.deleteIngestJob(u.job().id()));
    afterTest(() -> {
      List<SaveRequest> deletes = new ArrayList<>();
      for (SfRecord r :
          drain(
              api.query(
                  Soql.select("Id").from("Account").where(like("Name", run + "%")).build(),
                  false))) {
        deletes.add(SaveRequest.delete("Account", r.id()));
      }
      if (!deletes.isEmpty()) api.save(SaveOperation.DELETE, "Account", deletes, null);
    });
    return uploads;
  }

  @Test
  void waitingForAHeldJobTimesOutOrIsCancelled() {
    controls.holdBulk(true);
    try {
      BulkJob job = api.createQueryJob(Soql.select("Id").from("Account").limit(1).build(), false);
      afterTest(() -> api.deleteQueryJob(job.id()));
      assertThatThrownBy(() -> api.awaitQueryJob(job.id(), Duration.ofMillis(600), () -> false))
          .isInstanceOf(BulkJobTimeoutException.class)
          .satisfies(e ->
              assertThat(((SalesforceFailure) e).salesforceError().jobId()).isEqualTo(job.id()));
      java.util.concurrent.atomic.AtomicInteger polls =
          new java.util.concurrent.atomic.AtomicInteger();
      assertThatThrownBy(() ->
              api.awaitQueryJob(
                  job.id(), Duration.ofMinutes(10), () -> polls.incrementAndGet() > 2))
          .isInstanceOf(java.util.concurrent.CancellationException.class);
      assertThat(api.abortQueryJob(job.id()).state()).isEqualTo(BulkJobState.Aborted);
    } finally {
      controls.holdBulk(false);
    }
  }

  // ---- limits and org state

  @Test
  void anExhaustedApiLimitIsItsOwnErrorAndTheUsageIsVisible() {
    api.limits();
    controls.dailyApiRequests(500);
    controls.apiRequestsUsed(499);
    api.limits(); // the 500th request
    assertThat(api.apiUsage().orElseThrow().used()).isEqualTo(500);
    assertThat(api.apiUsage().orElseThrow().max()).isEqualTo(500);
    assertThatThrownBy(api::limits)
        .isInstanceOf(ApiLimitExceededException.class)
        .satisfies(
            e -> assertThat(((SalesforceFailure) e).salesforceError().httpStatus()).isEqualTo(403));
  }

  @Test
  void anInactiveOrgIsItsOwnError() {
    api.limits();
    controls.orgActive(false);
    assertThatThrownBy(api::limits).isInstanceOf(InactiveOrgException.class);
    try (HttpSalesforceApi fresh = HttpSalesforceApi.create(settings().build())) {
      assertThatThrownBy(fresh::identity).isInstanceOf(InactiveOrgException.class);
    }
  }

  // ---- OAuth flows

  @Test
  void jwtBearerLogsIn() {
    Credentials jwt =
        Credentials.JwtBearer.fromPem(
            "emulator-client", "admin@example.com", Fixtures.text("rsa-pkcs8.pem"));
    try (HttpSalesforceApi client = HttpSalesforceApi.create(settings().credentials(jwt).build())) {
      assertThat(client.identity().username()).isEqualTo("admin@example.com");
    }
  }

  @Test
  void aJwtSignedWithAnotherKeyIsRefused() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    Credentials jwt =
        new Credentials.JwtBearer(
            "emulator-client", "admin@example.com", g.generateKeyPair().getPrivate(), null);
    try (HttpSalesforceApi client = HttpSalesforceApi.create(settings().credentials(jwt).build())) {
      assertThatThrownBy(client::limits)
          .isInstanceOf(SalesforceAuthException.class)
          .satisfies(e -> assertThat(errorCode(e)).isEqualTo("invalid_grant"));
    }
  }

  @Test
  void clientCredentialsLogIn() {
    try (HttpSalesforceApi client =
        HttpSalesforceApi.create(
            settings()
                .credentials(
                    new Credentials.ClientCredentials("emulator-client", "emulator-secret"))
                .build())) {
      assertThat(client.limits().dailyApiRequests()).isPresent();
    }
  }

  @Test
  void aRefreshTokenLogsInAndRenewsAnExpiredSession() {
    Credentials refresh =
        new Credentials.RefreshToken("emulator-client", "emulator-secret", controls.refreshToken());
    try (HttpSalesforceApi client =
        HttpSalesforceApi.create(settings().credentials(refresh).build())) {
      client.limits();
      controls.expireSessions();
      client.limits();
      assertThat(client.sessionRenewals()).isEqualTo(2);
      assertThat(client.callCounts().get("auth")).isEqualTo(2);
    }
  }

  private static Path fixturePath(String name) {
    try {
      return Path.of(
          Objects.requireNonNull(EmulatorSalesforceApiTest.class.getResource("/fixtures/" + name))
              .toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.ferry.salesforce.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.error.SalesforceRequestException;
import dev.ferry.core.error.SalesforceUnavailableException;
import dev.ferry.core.sf.BulkJob;
import dev.ferry.core.sf.BulkJobState;
import dev.ferry.core.sf.IngestOperation;
import dev.ferry.core.sf.IngestResultKind;
import dev.ferry.core.sf.IngestSpec;
import dev.ferry.core.sf.IngestUpload;
import dev.ferry.core.sf.QueryResultPage;
import dev.ferry.core.sf.RecordStream;
import dev.ferry.core.sf.SfRecord;
import dev.ferry.salesforce.HttpSalesforceApi;
import dev.ferry.salesforce.testing.FakeTime;
import dev.ferry.salesforce.testing.Fixtures;
import dev.ferry.salesforce.testing.StubClients;
import dev.ferry.salesforce.testing.StubSalesforce;
import dev.ferry.salesforce.testing.StubSalesforce.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bulk API 2.0 behaviour of the client that the emulator cannot provoke on demand. */
class BulkStubTest {
  private static final String JOB = "750R0000000zlh9IAA";
  private static final String RESULTS = "/services/data/v62.0/jobs/query/" + JOB + "/results";

  private final StubSalesforce stub = new StubSalesforce().tokens();
  private final FakeTime time = new FakeTime();
  private HttpSalesforceApi api = StubClients.client(stub, time);

  @AfterEach
  void close() {
    api.close();
    stub.close();
  }

  @Test
  void resultPagesCarryLocatorCountAndTheirOwnHeader() {
    stub.on(
        "GET",
        RESULTS,
        Response.csv(
            Fixtures.text("bulk-results-page.csv"),
            Map.of("Sforce-Locator", "MTAwMDA", "Sforce-NumberOfRecords", "2")),
        Response.csv(
                "\"Id\",\"Name\",\"Account.Name\",\"Description\",\"SystemModstamp\",\"IsDeleted\"\n"
                    + "\"003RO0000035WQiYAM\",\"Lin\",\"\",\"\",\"\",\"false\"\n",
                Map.of("Sforce-Locator", "null", "Sforce-NumberOfRecords", "1"))
            .gzipped());

    List<SfRecord> all = new ArrayList<>();
    String locator = null;
    int pages = 0;
    do {
      try (QueryResultPage page = api.queryResults(JOB, locator, 50000)) {
        assertThat(page.header().names())
            .containsExactly(
                "Id", "Name", "Account.Name", "Description", "SystemModstamp", "IsDeleted");
        page.forEachRemaining(all::add);
        locator = page.nextLocator();
        pages++;
      }
    } while (locator != null);

    assertThat(pages).isEqualTo(2);
    assertThat(all).hasSize(3);
    assertThat(all.get(0).get("Description")).isEqualTo("line one\nline \"two\"");
    assertThat(all.get(0).get("SystemModstamp")).isEqualTo("2024-01-02T03:04:05.000Z");
    assertThat(all.get(1).get("Name")).isEqualTo("Jane, Jr.");
    assertThat(all.get(1).get("Account.Name")).isNull();
    assertThat(all.get(1).get("SystemModstamp")).isEqualTo("2024-01-03T00:00:00.000Z");
    assertThat(all.get(2).get("IsDeleted")).isEqualTo("false");

    List<StubSalesforce.Request> calls = stub.requests("GET", RESULTS);
    assertThat(calls.get(0).uri().getQuery()).isEqualTo("maxRecords=50000");
    assertThat(calls.get(1).uri().getQuery()).isEqualTo("locator=MTAwMDA&maxRecords=50000");
    assertThat(calls.get(0).header("Accept")).isEqualTo("text/csv");
  }

  @Test
  void aPageWhoseConnectionBreaksIsFetchedAgainAndResumedWhereItStopped() {
    StringBuilder csv = new StringBuilder("\"Id\",\"Name\"\n");
    for (int i = 0; i < 5000; i++)
      csv.append("\"").append(i).append("\",\"name ").append(i).append("\"\n");
    Response full =
        Response.csv(
            csv.toString(), Map.of("Sforce-Locator", "null", "Sforce-NumberOfRecords", "5000"));
    stub.on("GET", RESULTS, full.brokenAfter(20_000), full.brokenAfter(50_000), full);

    List<String> ids = new ArrayList<>();
    try (QueryResultPage page = api.queryResults(JOB, null, null)) {
      page.forEachRemaining(r -> ids.add(r.get("Id")));
      assertThat(page.nextLocator()).isNull();
    }
    assertThat(ids).hasSize(5000);
    for (int i = 0; i < 5000; i++) assertThat(ids.get(i)).isEqualTo(Integer.toString(i));
    assertThat(stub.requests("GET", RESULTS)).hasSize(3);
  }

  @Test
  void aPageWhoseConnectionStallsIsDroppedAndFetchedAgain() {
    api.close();
    api =
        HttpSalesforceApi.create(
            StubClients.settings(stub, time)
                .bodyIdleTimeout(java.time.Duration.ofMillis(300))
                .build());
    StringBuilder csv = new StringBuilder("\"Id\"\n");
    for (int i = 0; i < 5000; i++) csv.append(i).append('\n');
    Response full = Response.csv(csv.toString(), Map.of("Sforce-Locator", "null"));
    stub.on("GET", RESULTS, full.stallAfter(10_000), full);
    List<String> ids = new ArrayList<>();
    try (QueryResultPage page = api.queryResults(JOB, null, null)) {
      page.forEachRemaining(r -> ids.add(r.get("Id")));
    }
    assertThat(ids).hasSize(5000).doesNotHaveDuplicates();
    assertThat(stub.requests("GET", RESULTS)).hasSize(2);
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void aPageThatKeepsBreakingFailsRetriably() {
    StringBuilder csv = new StringBuilder("\"Id\"\n");
    for (int i = 0; i < 5000; i++) csv.append(i).append('\n');
    stub.on("GET", RESULTS, Response.csv(csv.toString(), Map.of()).brokenAfter(10_000));
    try (QueryResultPage page = api.queryResults(JOB, null, null)) {
      assertThatThrownBy(() -> page.forEachRemaining(r -> {}))
          .isInstanceOf(SalesforceUnavailableException.class)
          .hasMessageContaining("job " + JOB);
    }
    assertThat(stub.requests("GET", RESULTS)).hasSize(5);
  }

  @Test
  void aRaggedCsvIsAMalformedResponse() {
    stub.on(
        "GET", RESULTS, Response.csv("\"Id\",\"Name\"\n\"1\"\n", Map.of("Sforce-Locator", "null")));
    try (QueryResultPage page = api.queryResults(JOB, null, null)) {
      assertThatThrownBy(page::hasNext).hasMessageContaining("MALFORMED_RESPONSE");
    }
  }

  @Test
  void ingestResultsAreParsedBackToRecords() {
    String path = "/services/data/v62.0/jobs/ingest/" + JOB + "/";
    stub.on(
        "GET",
        path + "successfulResults",
        Response.csv(Fixtures.text("ingest-successful.csv"), Map.of()));
    stub.on(
        "GET", path + "failedResults", Response.csv(Fixtures.text("ingest-failed.csv"), Map.of()));
    stub.on("GET", path + "unprocessedrecords", Response.csv("Name\n", Map.of()));
    try (RecordStream ok = api.ingestResults(JOB, IngestResultKind.SUCCESSFUL)) {
      SfRecord r = ok.next();
      assertThat(r.get("sf__Id")).isEqualTo("0018c00002FInboAAD");
      assertThat(r.get("sf__Created")).isEqualTo("true");
      assertThat(r.get("AnnualRevenue")).isEqualTo("9.12260031E8");
      assertThat(ok.hasNext()).isFalse();
    }
    try (RecordStream failed = api.ingestResults(JOB, IngestResultKind.FAILED)) {
      SfRecord first = failed.next();
      assertThat(first.get("sf__Id")).isNull();
      assertThat(first.get("sf__Error")).startsWith("REQUIRED_FIELD_MISSING:");
      assertThat(failed.next().get("Phone")).isEqualTo("555");
    }
    try (RecordStream none = api.ingestResults(JOB, IngestResultKind.UNPROCESSED)) {
      assertThat(none.header().names()).containsExactly("Name");
      assertThat(none.hasNext()).isFalse();
    }
  }

  @Test
  void ingestSplitsOverSeveralJobsAndClosesThemOnlyAfterEveryUpload() {
    api.close();
    api = HttpSalesforceApi.create(StubClients.settings(stub, time).uploadLimitBytes(40).build());
    AtomicInteger ids = new AtomicInteger();
    List<String> order = new ArrayList<>();
    stub.on(
        "POST",
        "/services/data/v62.0/jobs/ingest",
        r -> {
          String id = "7500000000000" + (10 + ids.incrementAndGet());
          order.add("create " + id);
          return Response.json(200, job(id, "Open"));
        });
    for (int i = 1; i <= 3; i++) {
      String id = "7500000000000" + (10 + i);
      stub.on(
          "PUT",
          "/services/data/v62.0/jobs/ingest/" + id + "/batches",
          r -> {
            order.add("put " + id);
            return Response.empty(201);
          });
      stub.on(
          "PATCH",
          "/services/data/v62.0/jobs/ingest/" + id,
          r -> {
            order.add("patch " + id + " " + r.bodyText());
            return Response.json(200, job(id, "UploadComplete"));
          });
    }
    // header "Name\n" = 5 bytes; rows of 11 bytes: three rows per 40-byte upload
    SaveRequestCsv csv =
        CsvUploadBodyTest.rows(
            "row-0001-x",
            "row-0002-x",
            "row-0003-x",
            "row-0004-x",
            "row-0005-x",
            "row-0006-x",
            "row-0007-x");

    List<IngestUpload> uploads =
        api.ingest(new IngestSpec("Account", IngestOperation.INSERT, null), csv);

    assertThat(uploads).extracting(IngestUpload::fromRow).containsExactly(0, 3, 6);
    assertThat(uploads).extracting(IngestUpload::toRow).containsExactly(3, 6, 7);
    assertThat(uploads).allMatch(u -> u.job().state() == BulkJobState.UploadComplete);
    assertThat(order)
        .containsExactly(
            "create 750000000000011",
            "put 750000000000011",
            "create 750000000000012",
            "put 750000000000012",
            "create 750000000000013",
            "put 750000000000013",
            "patch 750000000000011 {\"state\":\"UploadComplete\"}",
            "patch 750000000000012 {\"state\":\"UploadComplete\"}",
            "patch 750000000000013 {\"state\":\"UploadComplete\"}");
    assertThat(
            stub.requests("PUT", "/services/data/v62.0/jobs/ingest/750000000000012/batches")
                .get(0)
                .bodyText())
        .isEqualTo("Name\nrow-0004-x\nrow-0005-x\nrow-0006-x\n");
    assertThat(
            stub.requests("PUT", "/services/data/v62.0/jobs/ingest/750000000000012/batches")
                .get(0)
                .header("Content-Type"))
        .isEqualTo("text/csv");
  }

  @Test
  void aFailedUploadAbortsEveryJobCreatedSoFar() {
    api.close();
    api = HttpSalesforceApi.create(StubClients.settings(stub, time).uploadLimitBytes(40).build());
    AtomicInteger ids = new AtomicInteger();
    stub.on(
        "POST",
        "/services/data/v62.0/jobs/ingest",
        r -> Response.json(200, job("7500000000000" + (10 + ids.incrementAndGet()), "Open")));
    stub.on("PUT", "/services/data/v62.0/jobs/ingest/750000000000011/batches", Response.empty(201));
    stub.on("PUT", "/services/data/v62.0/jobs/ingest/750000000000012/batches", Response.empty(500));
    for (String id : List.of("750000000000011", "750000000000012")) {
      stub.on(
          "PATCH",
          "/services/data/v62.0/jobs/ingest/" + id,
          Response.json(200, job(id, "Aborted")));
    }
    SaveRequestCsv csv =
        CsvUploadBodyTest.rows("row-0001-x", "row-0002-x", "row-0003-x", "row-0004-x");
    assertThatThrownBy(
            () -> api.ingest(new IngestSpec("Account", IngestOperation.INSERT, null), csv))
        .isInstanceOf(SalesforceUnavailableException.class);
    // the upload that may have reached Salesforce is not resent
    assertThat(stub.requests("PUT", "/services/data/v62.0/jobs/ingest/750000000000012/batches"))
        .hasSize(1);
    assertThat(
            stub.requests("PATCH", "/services/data/v62.0/jobs/ingest/750000000000011")
                .get(0)
                .bodyText())
        .isEqualTo("{\"state\":\"Aborted\"}");
    assertThat(
            stub.requests("PATCH", "/services/data/v62.0/jobs/ingest/750000000000012")
                .get(0)
                .bodyText())
        .isEqualTo("{\"state\":\"Aborted\"}");
  }

  @Test
  void aSingleUploadOverTheLimitSendsNothingComplete() {
    api.close();
    api = HttpSalesforceApi.create(StubClients.settings(stub, time).uploadLimitBytes(20).build());
    stub.on("PUT", "/services/data/v62.0/jobs/ingest/" + JOB + "/batches", Response.empty(201));
    assertThatThrownBy(
            () -> api.upload(JOB, CsvUploadBodyTest.rows("row-0001-x", "row-0002-x", "row-0003-x")))
        .isInstanceOf(SalesforceRequestException.class)
        .hasMessageContaining("UPLOAD_TOO_LARGE")
        .hasMessageContaining("use ingest()");
  }

  @Test
  void closeThatAlreadyHappenedIsReadBack() {
    String path = "/services/data/v62.0/jobs/ingest/" + JOB;
    stub.on(
        "PATCH",
        path,
        Response.json(
            400,
            "[{\"errorCode\":\"INVALIDJOBSTATE\",\"message\":\"Closing already Closed Job not allowed\"}]"));
    stub.on("GET", path, Response.json(200, job(JOB, "InProgress")));
    BulkJob job = api.closeIngestJob(JOB);
    assertThat(job.state()).isEqualTo(BulkJobState.InProgress);
  }

  @Test
  void deletingAGoneJobIsDone() {
    api.deleteQueryJob(JOB); // the stub answers 404 NOT_FOUND for unknown routes
    assertThat(stub.requests("DELETE", "/services/data/v62.0/jobs/query/" + JOB)).hasSize(1);
  }

  private static String job(String id, String state) {
    return "{\"id\":\""
        + id
        + "\",\"operation\":\"insert\",\"object\":\"Account\",\"state\":\""
        + state
        + "\",\"apiVersion\":62.0}";
  }
}

package dev.ferry.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.emulator.TestOrg.Res;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BulkQueryTest {
  private static final String Q = TestOrg.V + "/jobs/query";
  private static TestOrg org;

  @BeforeAll
  static void start() {
    org =
        TestOrg.start(
            b -> b.generate(Map.of("Account", 10, "Contact", 2500)).bulkQueryPageSize(1000));
  }

  @AfterAll
  static void stop() {
    org.close();
  }

  @BeforeEach
  void reset() {
    org.control("POST", "/bulk/hold", "{\"hold\":false}");
    org.reset();
  }

  private String job(String body) {
    Res r = org.post(Q, body);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().path("id").asString();
  }

  @Test
  void jobLifecycleAndLocatorPaging() {
    Res created =
        org.post(
            Q,
            "{\"operation\":\"query\",\"query\":\"SELECT Id, LastName, Account.Name, Birthdate, SystemModstamp FROM Contact\"}");
    JsonNode info = created.json();
    assertThat(info.path("state").asString()).isEqualTo("UploadComplete");
    assertThat(info.path("object").asString()).isEqualTo("Contact");
    assertThat(info.path("apiVersion").asDouble()).isEqualTo(59.0);
    String id = info.path("id").asString();
    JsonNode done = org.awaitJob(Q + "/" + id);
    assertThat(done.path("state").asString()).isEqualTo("JobComplete");
    assertThat(done.path("jobType").asString()).isEqualTo("V2Query");
    assertThat(done.path("numberRecordsProcessed").asLong()).isEqualTo(2500);
    assertThat(done.path("isPkChunkingSupported").asBoolean()).isTrue();

    Set<String> ids = new HashSet<>();
    String locator = null;
    List<String> locators = new ArrayList<>();
    do {
      Res page =
          org.get(
              Q + "/" + id + "/results" + (locator == null ? "" : "?locator=" + locator),
              "Accept",
              "text/csv");
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.header("Content-Type")).startsWith("text/csv");
      List<String> lines = page.csvLines();
      assertThat(lines.get(0))
          .isEqualTo("\"Id\",\"LastName\",\"Account.Name\",\"Birthdate\",\"SystemModstamp\"");
      assertThat(page.header("Sforce-NumberOfRecords"))
          .isEqualTo(Integer.toString(lines.size() - 1));
      for (String line : lines.subList(1, lines.size())) {
        assertThat(line)
            .matches(
                "\"003\\w{15}\",\".*\",\".*\",\"(\\d{4}-\\d{2}-\\d{2})?\",\"\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.000Z\"");
        ids.add(line.substring(1, 19));
      }
      locator = page.header("Sforce-Locator");
      assertThat(locator).as("Sforce-Locator on every page").isNotNull();
      locators.add(locator);
    } while (!locator.equals("null"));
    assertThat(ids).hasSize(2500);
    assertThat(locators).containsExactly(b64("1000"), b64("2000"), "null");

    Res small = org.get(Q + "/" + id + "/results?maxRecords=100&locator=" + b64("2450"));
    assertThat(small.csvLines()).hasSize(51);
    assertThat(small.header("Sforce-Locator")).isEqualTo("null");
    Res again = org.get(Q + "/" + id + "/results?maxRecords=100");
    assertThat(again.header("Sforce-Locator")).isEqualTo(b64("100"));
    Res zipped = org.get(Q + "/" + id + "/results?maxRecords=10", "Accept-Encoding", "gzip");
    assertThat(zipped.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(zipped.csvLines()).hasSize(11);
    Res otherVersion = org.get("/services/data/v58.0/jobs/query/" + id + "/results");
    assertThat(otherVersion.status()).isEqualTo(409);
    assertThat(org.get(Q + "/" + id + "/results?locator=!!").status()).isEqualTo(400);
    assertThat(org.get(Q).json().path("records").get(0).path("id").asString()).isEqualTo(id);
    assertThat(org.delete(Q + "/" + id).status()).isEqualTo(204);
    assertThat(org.get(Q + "/" + id).status()).isEqualTo(404);
  }

  private static String b64(String s) {
    return Base64.getEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void nullsQuotingDialectsAndQueryAll() {
    String acct =
        org.post(
                TestOrg.V + "/sobjects/Account",
                "{\"Name\":\"Say \\\"hi\\\", | there\",\"External_Id__c\":\"BQ-1\"}")
            .json()
            .path("id")
            .asString();
    org.delete(TestOrg.V + "/sobjects/Account/" + acct);
    String id =
        job(
            "{\"operation\":\"queryAll\",\"query\":\"SELECT Id, Name, Phone, IsDeleted FROM Account WHERE External_Id__c = 'BQ-1'\",\"columnDelimiter\":\"PIPE\",\"lineEnding\":\"CRLF\"}");
    org.awaitJob(Q + "/" + id);
    String csv = org.get(Q + "/" + id + "/results").text();
    assertThat(csv)
        .isEqualTo(
            "\"Id\"|\"Name\"|\"Phone\"|\"IsDeleted\"\r\n\""
                + acct
                + "\"|\"Say \"\"hi\"\", | there\"|\"\"|\"true\"\r\n");
    String live =
        job(
            "{\"operation\":\"query\",\"query\":\"SELECT Id FROM Account WHERE External_Id__c = 'BQ-1'\"}");
    org.awaitJob(Q + "/" + live);
    Res empty = org.get(Q + "/" + live + "/results");
    assertThat(empty.csvLines()).containsExactly("\"Id\"");
    assertThat(empty.header("Sforce-NumberOfRecords")).isEqualTo("0");
    assertThat(empty.header("Sforce-Locator")).isEqualTo("null");
  }

  @Test
  void unsupportedQueriesAreRefusedAtCreation() {
    assertThat(
            org.post(Q, "{\"operation\":\"query\",\"query\":\"SELECT COUNT() FROM Contact\"}")
                .errorCode())
        .isEqualTo("API_ERROR");
    assertThat(
            org.post(
                    Q,
                    "{\"operation\":\"query\",\"query\":\"SELECT Id, (SELECT Id FROM Contacts) FROM Account\"}")
                .errorCode())
        .isEqualTo("API_ERROR");
    assertThat(
            org.post(
                    Q,
                    "{\"operation\":\"query\",\"query\":\"SELECT Id FROM Account LIMIT 5 OFFSET 5\"}")
                .errorCode())
        .isEqualTo("API_ERROR");
    Res compound =
        org.post(
            Q, "{\"operation\":\"query\",\"query\":\"SELECT Id, BillingAddress FROM Account\"}");
    assertThat(compound.json().get(0).path("message").asString())
        .isEqualTo("Selecting compound data not supported in Bulk Query");
    assertThat(compound.text()).startsWith("[{\"errorCode\"");
    assertThat(
            org.post(Q, "{\"operation\":\"query\",\"query\":\"SELECT Nope FROM Account\"}")
                .errorCode())
        .isEqualTo("INVALID_FIELD");
    assertThat(
            org.post(Q, "{\"operation\":\"query\",\"query\":\"SELEC Id FROM Account\"}")
                .errorCode())
        .isEqualTo("MALFORMED_QUERY");
    assertThat(
            org.post(Q, "{\"operation\":\"delete\",\"query\":\"SELECT Id FROM Account\"}")
                .errorCode())
        .isEqualTo("INVALIDJOB");
    assertThat(
            org.post(
                    "/services/data/v46.0/jobs/query",
                    "{\"operation\":\"query\",\"query\":\"SELECT Id FROM Account\"}")
                .status())
        .isEqualTo(404);
    Res ordered =
        org.post(
            Q,
            "{\"operation\":\"query\",\"query\":\"SELECT Id FROM Account ORDER BY Name LIMIT 3\"}");
    assertThat(ordered.status()).as("ORDER BY and LIMIT are allowed").isEqualTo(200);
  }

  @Test
  void retriesAndTheFifteenRetryLimit() {
    org.control("POST", "/bulk/fail-batches", "{\"count\":3}");
    JsonNode ok = org.awaitJob(Q + "/" + job("{\"query\":\"SELECT Id FROM Contact\"}"));
    assertThat(ok.path("state").asString()).isEqualTo("JobComplete");
    assertThat(ok.path("retries").asLong()).isEqualTo(3);
    org.control("POST", "/bulk/fail-batches", "{\"count\":16}");
    JsonNode failed = org.awaitJob(Q + "/" + job("{\"query\":\"SELECT Id FROM Contact\"}"));
    assertThat(failed.path("state").asString()).isEqualTo("Failed");
    assertThat(failed.path("errorMessage").asString()).contains("retried more than 15 times");
    assertThat(org.get(Q + "/" + failed.path("id").asString() + "/results").status())
        .isEqualTo(412);
  }

  @Test
  void heldJobsAbortAndStateRules() {
    org.control("POST", "/bulk/hold", "{\"hold\":true}");
    String id = job("{\"query\":\"SELECT Id FROM Contact\"}");
    Res early = org.get(Q + "/" + id + "/results");
    assertThat(early.status()).isEqualTo(412);
    assertThat(early.errorCode()).isEqualTo("JOB_NOT_COMPLETE");
    assertThat(org.delete(Q + "/" + id).status()).isEqualTo(400);
    Res aborted = org.patch(Q + "/" + id, "{\"state\":\"Aborted\"}");
    assertThat(aborted.json().path("state").asString()).isEqualTo("Aborted");
    org.control("POST", "/bulk/hold", "{\"hold\":false}");
    assertThat(org.awaitJob(Q + "/" + id).path("state").asString()).isEqualTo("Aborted");
    assertThat(org.patch(Q + "/" + id, "{\"state\":\"Aborted\"}").status()).isEqualTo(400);
    assertThat(org.patch(Q + "/" + id, "{\"state\":\"UploadComplete\"}").status()).isEqualTo(400);
    assertThat(org.delete(Q + "/" + id).status()).isEqualTo(204);
  }
}

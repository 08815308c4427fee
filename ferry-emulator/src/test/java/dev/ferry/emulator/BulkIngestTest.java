package dev.ferry.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.emulator.TestOrg.Res;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BulkIngestTest {
  private static final String J = TestOrg.V + "/jobs/ingest";
  private static TestOrg org;

  @BeforeAll
  static void start() {
    org = TestOrg.start();
  }

  @AfterAll
  static void stop() {
    org.close();
  }

  @BeforeEach
  void reset() {
    org.reset();
  }

  private static String create(TestOrg o, String json) {
    Res r = o.post(J, json);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().path("id").asString();
  }

  private static JsonNode run(TestOrg o, String jobJson, String csv) {
    String id = create(o, jobJson);
    assertThat(o.putCsv(J + "/" + id + "/batches", csv).status()).isEqualTo(201);
    Res closed = o.patch(J + "/" + id, "{\"state\":\"UploadComplete\"}");
    assertThat(closed.status()).isEqualTo(200);
    return o.awaitJob(J + "/" + id);
  }

  @Test
  void insertLifecycleAndResultFiles() {
    Res created =
        org.post(
            J,
            "{\"object\":\"Account\",\"operation\":\"insert\",\"lineEnding\":\"LF\",\"id\":null}");
    JsonNode info = created.json();
    String id = info.path("id").asString();
    assertThat(id).startsWith("750").hasSize(18);
    assertThat(info.path("state").asString()).isEqualTo("Open");
    assertThat(info.path("contentUrl").asString())
        .isEqualTo("services/data/v59.0/jobs/ingest/" + id + "/batches");
    assertThat(info.path("apiVersion").isNumber()).isTrue();
    assertThat(info.path("apiVersion").asDouble()).isEqualTo(59.0);
    assertThat(info.path("columnDelimiter").asString()).isEqualTo("COMMA");

    Res upload =
        org.putCsv(
            J + "/" + id + "/batches",
            "Name,AnnualRevenue,Rating\n\"Acme, Inc.\",912260031,Hot\nBad,1,Lukewarm\n");
    assertThat(upload.status()).isEqualTo(201);
    assertThat(upload.body()).isEmpty();
    JsonNode closed = org.patch(J + "/" + id, "{\"state\":\"UploadComplete\"}").json();
    assertThat(closed.path("state").asString()).isIn("UploadComplete", "InProgress");
    JsonNode done = org.awaitJob(J + "/" + id);
    assertThat(done.path("state").asString()).isEqualTo("JobComplete");
    assertThat(done.path("jobType").asString()).isEqualTo("V2Ingest");
    assertThat(done.path("numberRecordsProcessed").asLong()).isEqualTo(2);
    assertThat(done.path("numberRecordsFailed").asLong()).isEqualTo(1);
    for (String k :
        new String[] {
          "retries",
          "totalProcessingTime",
          "apiActiveProcessingTime",
          "apexProcessingTime",
          "contentUrl"
        }) {
      assertThat(done.has(k)).as(k).isTrue();
    }

    List<String> ok = org.get(J + "/" + id + "/successfulResults/").csvLines();
    assertThat(ok.get(0)).isEqualTo("\"sf__Id\",\"sf__Created\",Name,AnnualRevenue,Rating");
    assertThat(ok.get(1))
        .matches("\"001\\w{15}\",\"true\",\"Acme, Inc\\.\",\"9\\.12260031E8\",\"Hot\"");
    List<String> failed = org.get(J + "/" + id + "/failedResults/").csvLines();
    assertThat(failed.get(0)).isEqualTo("\"sf__Id\",\"sf__Error\",Name,AnnualRevenue,Rating");
    assertThat(failed.get(1))
        .isEqualTo(
            "\"\",\"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:Account Rating: bad value for restricted picklist field: Lukewarm:Rating --\",\"Bad\",\"1\",\"Lukewarm\"");
    Res unprocessed = org.get(J + "/" + id + "/unprocessedrecords/");
    assertThat(unprocessed.header("Content-Type")).startsWith("text/csv");
    assertThat(unprocessed.csvLines()).containsExactly("Name,AnnualRevenue,Rating");

    assertThat(org.delete(J + "/" + id).status()).isEqualTo(204);
    assertThat(org.get(J + "/" + id).status()).isEqualTo(404);
  }

  @Test
  void upsertWithRelationshipsNullsAndUnchangedValues() {
    JsonNode accounts =
        run(
            org,
            "{\"object\":\"Account\",\"operation\":\"insert\"}",
            "Name,External_Id__c\nParent,P-1\n");
    assertThat(accounts.path("numberRecordsFailed").asLong()).isZero();
    JsonNode first =
        run(
            org,
            "{\"object\":\"Contact\",\"operation\":\"upsert\",\"externalIdFieldName\":\"Contact_UUID__c\"}",
            "Contact_UUID__c,LastName,Title,Phone,Account.External_Id__c\nu-1,Smith,CEO,555,P-1\n");
    assertThat(first.path("numberRecordsFailed").asLong()).isZero();
    String id =
        org.get(TestOrg.V + "/sobjects/Contact/Contact_UUID__c/u-1").json().path("Id").asString();
    JsonNode second =
        run(
            org,
            "{\"object\":\"Contact\",\"operation\":\"upsert\",\"externalIdFieldName\":\"contact_uuid__c\"}",
            "Contact_UUID__c,LastName,Title,Phone\nU-1,Smith2,,#N/A\nu-2,New,,\n");
    assertThat(second.path("numberRecordsProcessed").asLong()).isEqualTo(2);
    JsonNode rec = org.get(TestOrg.V + "/sobjects/Contact/" + id).json();
    assertThat(rec.path("LastName").asString()).isEqualTo("Smith2");
    assertThat(rec.path("Title").asString()).as("empty = unchanged").isEqualTo("CEO");
    assertThat(rec.path("Phone").isNull()).as("#N/A = null").isTrue();
    assertThat(rec.path("AccountId").asString()).startsWith("001");
    List<String> ok =
        org.get(J + "/" + second.path("id").asString() + "/successfulResults").csvLines();
    assertThat(ok).anyMatch(l -> l.startsWith("\"" + id + "\",\"false\""));
    assertThat(ok).anyMatch(l -> l.contains("\"true\",\"u-2\""));
  }

  @Test
  void updateDeleteAndHardDelete() {
    run(
        org,
        "{\"object\":\"Account\",\"operation\":\"insert\"}",
        "Name,External_Id__c\nA,D-1\nB,D-2\nC,D-3\n");
    String a =
        org.get(TestOrg.V + "/sobjects/Account/External_Id__c/D-1").json().path("Id").asString();
    String b =
        org.get(TestOrg.V + "/sobjects/Account/External_Id__c/D-2").json().path("Id").asString();
    String c =
        org.get(TestOrg.V + "/sobjects/Account/External_Id__c/D-3").json().path("Id").asString();
    JsonNode upd =
        run(
            org,
            "{\"object\":\"Account\",\"operation\":\"update\"}",
            "Id,Name\n" + a + ",A2\n001000000000000AAA,X\n");
    assertThat(upd.path("numberRecordsFailed").asLong()).isEqualTo(1);
    assertThat(org.get(TestOrg.V + "/sobjects/Account/" + a).json().path("Name").asString())
        .isEqualTo("A2");
    JsonNode del =
        run(org, "{\"object\":\"Account\",\"operation\":\"delete\"}", "Id\n" + a + "\n" + a + "\n");
    List<String> failed =
        org.get(J + "/" + del.path("id").asString() + "/failedResults").csvLines();
    assertThat(failed.get(1))
        .isEqualTo("\"" + a + "\",\"ENTITY_IS_DELETED:entity is deleted: --\",\"" + a + "\"");
    JsonNode hard =
        run(org, "{\"object\":\"Account\",\"operation\":\"hardDelete\"}", "Id\n" + b + "\n");
    assertThat(hard.path("numberRecordsFailed").asLong()).isZero();
    assertThat(org.get(TestOrg.V + "/sobjects/Account/" + b).status()).isEqualTo(404);
    assertThat(org.get(TestOrg.V + "/sobjects/Account/" + c).status()).isEqualTo(200);
    assertThat(org.control("GET", "/stats", null).json().path("records").path("Account").asInt())
        .isEqualTo(1);
  }

  @Test
  void delimitersLineEndingsAndBadHeaders() {
    JsonNode pipe =
        run(
            org,
            "{\"object\":\"Account\",\"operation\":\"insert\",\"columnDelimiter\":\"PIPE\",\"lineEnding\":\"CRLF\"}",
            "Name|Description\r\n\"a|b\"|\"multi\r\nline\"\r\n");
    assertThat(pipe.path("state").asString()).isEqualTo("JobComplete");
    assertThat(pipe.path("numberRecordsFailed").asLong()).isZero();
    List<String> ok =
        org.get(J + "/" + pipe.path("id").asString() + "/successfulResults").csvLines();
    assertThat(ok.get(0)).isEqualTo("\"sf__Id\"|\"sf__Created\"|Name|Description\r");
    JsonNode wrongEnding =
        run(org, "{\"object\":\"Account\",\"operation\":\"insert\"}", "Name\r\nA\r\n");
    assertThat(wrongEnding.path("state").asString()).isEqualTo("Failed");
    assertThat(wrongEnding.path("errorMessage").asString())
        .isEqualTo(
            "ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF");
    JsonNode unknown =
        run(org, "{\"object\":\"Account\",\"operation\":\"insert\"}", "Name,Foo__c\nA,1\n");
    assertThat(unknown.path("state").asString()).isEqualTo("Failed");
    assertThat(unknown.path("errorMessage").asString())
        .isEqualTo("InvalidBatch : Field name not found : Foo__c");
    assertThat(org.get(J + "/" + unknown.path("id").asString() + "/unprocessedrecords").csvLines())
        .containsExactly("Name,Foo__c", "\"A\",\"1\"");
    JsonNode noId = run(org, "{\"object\":\"Account\",\"operation\":\"update\"}", "Name\nA\n");
    assertThat(noId.path("errorMessage").asString())
        .isEqualTo("InvalidBatch : Field name not found : Id");
  }

  @Test
  void dataIsSplitIntoBatchesAndTheDailyLimitStopsTheRest() {
    StringBuilder csv = new StringBuilder("Name\n");
    for (int i = 0; i < 25_000; i++) {
      csv.append("Acct ").append(i).append('\n');
    }
    org.control("POST", "/limits", "{\"dailyBulkRecords\":15000}");
    JsonNode job = run(org, "{\"object\":\"Account\",\"operation\":\"insert\"}", csv.toString());
    assertThat(job.path("state").asString()).isEqualTo("Failed");
    assertThat(job.path("numberRecordsProcessed").asLong())
        .as("the first batch of 10,000 stays")
        .isEqualTo(10_000);
    assertThat(job.path("errorMessage").asString()).contains("15000");
    List<String> unprocessed =
        org.get(J + "/" + job.path("id").asString() + "/unprocessedrecords").csvLines();
    assertThat(unprocessed).hasSize(15_001);
    assertThat(unprocessed.get(1)).isEqualTo("\"Acct 10000\"");
    assertThat(org.control("GET", "/stats", null).json().path("records").path("Account").asInt())
        .isEqualTo(10_000);
  }

  @Test
  void failedBatchesAreRetriedThenFailTheJob() {
    org.control("POST", "/bulk/fail-batches", "{\"count\":3}");
    JsonNode retried =
        run(org, "{\"object\":\"Account\",\"operation\":\"insert\"}", "Name\nA\nB\n");
    assertThat(retried.path("state").asString()).isEqualTo("JobComplete");
    assertThat(retried.path("retries").asLong()).isEqualTo(3);
    assertThat(retried.path("numberRecordsProcessed").asLong()).isEqualTo(2);

    org.control("POST", "/bulk/fail-batches", "{\"count\":11}");
    JsonNode failed = run(org, "{\"object\":\"Account\",\"operation\":\"insert\"}", "Name\nC\nD\n");
    assertThat(failed.path("state").asString()).isEqualTo("Failed");
    assertThat(failed.path("retries").asLong()).isEqualTo(10);
    assertThat(failed.path("numberRecordsProcessed").asLong()).isZero();
    assertThat(failed.path("errorMessage").asString()).contains("retried 10 times");
    assertThat(org.get(J + "/" + failed.path("id").asString() + "/unprocessedrecords").csvLines())
        .hasSize(3);
  }

  @Test
  void slowBatchesTimeOutAndAreRetried() {
    try (TestOrg slow = TestOrg.start(b -> b.bulkBatchTimeout(Duration.ofMillis(100)))) {
      slow.control("POST", "/bulk/slow-batches", "{\"count\":2,\"delayMs\":300}");
      JsonNode job = run(slow, "{\"object\":\"Account\",\"operation\":\"insert\"}", "Name\nA\n");
      assertThat(job.path("state").asString()).isEqualTo("JobComplete");
      assertThat(job.path("retries").asLong()).isEqualTo(2);
      slow.control("POST", "/bulk/slow-batches", "{\"count\":11,\"delayMs\":150}");
      JsonNode failed = run(slow, "{\"object\":\"Account\",\"operation\":\"insert\"}", "Name\nB\n");
      assertThat(failed.path("state").asString()).isEqualTo("Failed");
      assertThat(failed.path("errorMessage").asString()).contains("time limit");
    }
  }

  @Test
  void heldJobsStayInProgressAndStateRulesApply() throws Exception {
    org.control("POST", "/bulk/hold", "{\"hold\":true}");
    String id = create(org, "{\"object\":\"Account\",\"operation\":\"insert\"}");
    Res early = org.get(J + "/" + id + "/successfulResults");
    assertThat(early.status()).isEqualTo(412);
    org.putCsv(J + "/" + id + "/batches", "Name\nHeld\n");
    org.patch(J + "/" + id, "{\"state\":\"UploadComplete\"}");
    Thread.sleep(200);
    assertThat(org.get(J + "/" + id).json().path("state").asString()).isEqualTo("InProgress");
    assertThat(org.putCsv(J + "/" + id + "/batches", "Name\nLate\n").status()).isEqualTo(409);
    Res deleteRunning = org.delete(J + "/" + id);
    assertThat(deleteRunning.status()).isEqualTo(400);
    assertThat(deleteRunning.json().get(0).path("errorCode").asString()).isEqualTo("API_ERROR");
    assertThat(deleteRunning.text()).startsWith("[{\"errorCode\"");
    org.control("POST", "/bulk/hold", "{\"hold\":false}");
    assertThat(org.awaitJob(J + "/" + id).path("state").asString()).isEqualTo("JobComplete");
    Res abortDone = org.patch(J + "/" + id, "{\"state\":\"Aborted\"}");
    assertThat(abortDone.status()).isEqualTo(400);
    assertThat(abortDone.json().get(0).path("message").asString())
        .isEqualTo("Aborting already Completed Job not allowed");

    String open = create(org, "{\"object\":\"Account\",\"operation\":\"insert\"}");
    assertThat(org.patch(J + "/" + open, "{\"state\":\"Aborted\"}").json().path("state").asString())
        .isEqualTo("Aborted");
    JsonNode list = org.get(J).json();
    assertThat(list.path("done").asBoolean()).isTrue();
    assertThat(list.path("records").size()).isEqualTo(2);
    assertThat(list.path("records").get(0).path("jobType").asString()).isEqualTo("V2Ingest");
  }

  @Test
  void createErrors() {
    assertThat(org.post(J, "{\"object\":\"Account\",\"operation\":\"merge\"}").errorCode())
        .isEqualTo("INVALIDJOB");
    assertThat(org.post(J, "{\"object\":\"Nope\",\"operation\":\"insert\"}").errorCode())
        .isEqualTo("INVALIDJOB");
    Res noExt =
        org.post(
            J,
            "{\"object\":\"Account\",\"operation\":\"upsert\",\"externalIdFieldName\":\"Website\"}");
    assertThat(noExt.json().get(0).path("message").asString())
        .isEqualTo(
            "InvalidJob : Field name provided, Website does not match an External ID, Salesforce Id, or indexed field for Account");
    assertThat(
            org.post(
                    J,
                    "{\"object\":\"Account\",\"operation\":\"insert\",\"columnDelimiter\":\"DASH\"}")
                .status())
        .isEqualTo(400);
    assertThat(
            org.post(
                    "/services/data/v40.0/jobs/ingest",
                    "{\"object\":\"Account\",\"operation\":\"insert\"}")
                .status())
        .isEqualTo(404);
    String empty = create(org, "{\"object\":\"Account\",\"operation\":\"insert\"}");
    org.patch(J + "/" + empty, "{\"state\":\"UploadComplete\"}");
    assertThat(org.awaitJob(J + "/" + empty).path("state").asString()).isEqualTo("Failed");
    assertThat(org.get(J + "/750000000000000AAA").status()).isEqualTo(404);
  }

  @Test
  void rowFaultsBecomeFailedResults() {
    org.control("POST", "/record-errors", "{\"count\":1}");
    JsonNode job = run(org, "{\"object\":\"Account\",\"operation\":\"insert\"}", "Name\nA\nB\n");
    assertThat(job.path("numberRecordsFailed").asLong()).isEqualTo(1);
    List<String> failed =
        org.get(J + "/" + job.path("id").asString() + "/failedResults").csvLines();
    assertThat(failed.get(1))
        .startsWith("\"\",\"UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record:");
  }
}

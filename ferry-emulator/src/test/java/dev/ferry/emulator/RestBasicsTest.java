package dev.ferry.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.emulator.TestOrg.Res;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RestBasicsTest {
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

  @Test
  void versionsAreStringsOldestFirstWithoutAuth() {
    Res r = org.anonymous("GET", "/services/data/", null);
    assertThat(r.status()).isEqualTo(200);
    List<String> versions = new ArrayList<>();
    for (JsonNode v : r.json()) {
      assertThat(v.path("version").isString()).isTrue();
      assertThat(v.path("url").asString())
          .isEqualTo("/services/data/v" + v.path("version").asString());
      versions.add(v.path("version").asString());
    }
    assertThat(versions).contains("42.0", "50.0", "59.0", "66.0");
    assertThat(versions.get(0)).isEqualTo("31.0");
    assertThat(versions.get(versions.size() - 1)).isEqualTo("66.0");
    assertThat(r.json().get(versions.indexOf("59.0")).path("label").asString())
        .isEqualTo("Winter '24");
  }

  @Test
  void everyVersionFrom42AndTheLatestAliasWork() {
    for (int v = 42; v <= 66; v++) {
      assertThat(org.get("/services/data/v" + v + ".0/sobjects/Account/describe").status())
          .as("v%d", v)
          .isEqualTo(200);
    }
    assertThat(org.get("/services/data/latest/sobjects/Account/describe").status()).isEqualTo(200);
    Res unknown = org.get("/services/data/v99.0/sobjects");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo("NOT_FOUND");
  }

  @Test
  void trailingSlashesAndUnknownPathsAndMethods() {
    assertThat(org.get(TestOrg.V + "/sobjects/").status()).isEqualTo(200);
    assertThat(org.get(TestOrg.V + "/jobs/ingest/").status()).isEqualTo(200);
    Res missing = org.get(TestOrg.V + "/nothing/here");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get(0).path("message").asString())
        .isEqualTo("The requested resource does not exist");
    Res method =
        org.send(
            "PUT",
            TestOrg.V + "/sobjects/Account/001000000000000AAA",
            "{}",
            "application/json",
            true);
    assertThat(method.status()).isEqualTo(405);
    assertThat(method.errorCode()).isEqualTo("METHOD_NOT_ALLOWED");
  }

  @Test
  void limitsCountEveryCallAndEveryResponseSaysSo() {
    Res first = org.get(TestOrg.V + "/limits");
    long used =
        first.json().path("DailyApiRequests").path("Max").asLong()
            - first.json().path("DailyApiRequests").path("Remaining").asLong();
    assertThat(first.header("Sforce-Limit-Info")).isEqualTo("api-usage=" + used + "/100000");
    org.get(TestOrg.V + "/sobjects");
    org.get(TestOrg.V + "/sobjects/Account/describe");
    Res again = org.get(TestOrg.V + "/limits");
    assertThat(again.json().path("DailyApiRequests").path("Remaining").asLong())
        .isEqualTo(first.json().path("DailyApiRequests").path("Remaining").asLong() - 3);
    assertThat(again.json().has("DailyBulkV2QueryJobs")).isTrue();
    assertThat(org.anonymous("GET", "/services/data", null).header("Sforce-Limit-Info"))
        .startsWith("api-usage=");
  }

  @Test
  void usedUpBudgetGives403() {
    org.control("POST", "/limits", "{\"dailyApiRequests\":5,\"apiRequestsUsed\":0}");
    for (int i = 0; i < 5; i++) {
      assertThat(org.get(TestOrg.V + "/sobjects").status()).isEqualTo(200);
    }
    Res over = org.get(TestOrg.V + "/sobjects");
    assertThat(over.status()).isEqualTo(403);
    assertThat(over.errorCode()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
    assertThat(over.header("Sforce-Limit-Info")).isEqualTo("api-usage=5/5");
    org.control("POST", "/limits", "{\"dailyApiRequests\":1000}");
    Res limits = org.get(TestOrg.V + "/limits");
    assertThat(limits.json().path("DailyApiRequests").path("Max").asLong()).isEqualTo(1000);
    assertThat(limits.json().path("DailyApiRequests").path("Remaining").asLong())
        .isEqualTo(1000 - 6);
  }

  @Test
  void gzippedRequestBodiesAndOtherSessionHeaders() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (var gz = new java.util.zip.GZIPOutputStream(bytes)) {
      gz.write("{\"Name\":\"Zipped\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    var request =
        java.net.http.HttpRequest.newBuilder(org.base().resolve(TestOrg.V + "/sobjects/Account"))
            .header("Authorization", "Bearer " + org.token())
            .header("Content-Type", "application/json")
            .header("Content-Encoding", "gzip")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray()))
            .build();
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    Res session = org.anonymous("GET", TestOrg.V + "/limits", null, "X-SFDC-Session", org.token());
    assertThat(session.status()).isEqualTo(200);
  }

  @Test
  void recordCount() {
    Res r = org.get(TestOrg.V + "/limits/recordCount?sObjects=Account,User");
    assertThat(r.json().path("sObjects").get(1).path("name").asString()).isEqualTo("User");
    assertThat(r.json().path("sObjects").get(1).path("count").asInt()).isEqualTo(1);
  }

  @Test
  void gzipWhenAsked() {
    Res plain = org.get(TestOrg.V + "/sobjects");
    assertThat(plain.header("Content-Encoding")).isNull();
    Res zipped = org.get(TestOrg.V + "/sobjects", "Accept-Encoding", "gzip");
    assertThat(zipped.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(zipped.json().path("sobjects").size())
        .isEqualTo(plain.json().path("sobjects").size());
  }

  @Test
  void describeGlobalAndDescribeCarryTheFullKeySet() {
    JsonNode global = org.get(TestOrg.V + "/sobjects").json();
    assertThat(global.path("maxBatchSize").asInt()).isEqualTo(200);
    JsonNode account = null;
    for (JsonNode s : global.path("sobjects")) {
      if (s.path("name").asString().equals("Account")) {
        account = s;
      }
    }
    assertThat(account).isNotNull();
    assertThat(account.path("keyPrefix").asString()).isEqualTo("001");
    assertThat(account.path("urls").path("describe").asString())
        .isEqualTo(TestOrg.V + "/sobjects/Account/describe");
    JsonNode d = org.get(TestOrg.V + "/sobjects/account/describe").json();
    assertThat(d.path("name").asString()).isEqualTo("Account");
    String[] keys = {
      "aggregatable",
      "aiPredictionField",
      "autoNumber",
      "byteLength",
      "calculated",
      "calculatedFormula",
      "cascadeDelete",
      "caseSensitive",
      "compoundFieldName",
      "controllerName",
      "createable",
      "custom",
      "defaultValue",
      "defaultValueFormula",
      "defaultedOnCreate",
      "dependentPicklist",
      "deprecatedAndHidden",
      "digits",
      "displayLocationInDecimal",
      "encrypted",
      "externalId",
      "extraTypeInfo",
      "filterable",
      "filteredLookupInfo",
      "formulaTreatNullNumberAsZero",
      "groupable",
      "highScaleNumber",
      "htmlFormatted",
      "idLookup",
      "inlineHelpText",
      "label",
      "length",
      "mask",
      "maskType",
      "name",
      "nameField",
      "namePointing",
      "nillable",
      "permissionable",
      "picklistValues",
      "polymorphicForeignKey",
      "precision",
      "queryByDistance",
      "referenceTargetField",
      "referenceTo",
      "relationshipName",
      "relationshipOrder",
      "restrictedDelete",
      "restrictedPicklist",
      "scale",
      "searchPrefilterable",
      "soapType",
      "sortable",
      "type",
      "unique",
      "updateable",
      "writeRequiresMasterRead"
    };
    for (JsonNode f : d.path("fields")) {
      for (String k : keys) {
        assertThat(f.has(k)).as(f.path("name").asString() + "." + k).isTrue();
      }
    }
    JsonNode owner = field(d, "OwnerId");
    assertThat(owner.path("type").asString()).isEqualTo("reference");
    assertThat(owner.path("soapType").asString()).isEqualTo("tns:ID");
    assertThat(owner.path("relationshipName").asString()).isEqualTo("Owner");
    assertThat(field(d, "Name").path("byteLength").asInt()).isEqualTo(765);
    assertThat(field(d, "BillingCity").path("compoundFieldName").asString())
        .isEqualTo("BillingAddress");
    assertThat(field(d, "Revenue_Per_Employee__c").path("calculatedFormula").asString())
        .isNotEmpty();
    assertThat(field(d, "Is_Key_Account__c").path("defaultValue").asBoolean(true)).isFalse();
    assertThat(d.path("childRelationships").toString())
        .contains("\"relationshipName\":\"Contacts\"");
    for (String k :
        new String[] {
          "recordTypeInfos", "actionOverrides", "namedLayoutInfos", "supportedScopes", "urls"
        }) {
      assertThat(d.has(k)).as(k).isTrue();
    }
    assertThat(org.get(TestOrg.V + "/sobjects/Nope__c/describe").status()).isEqualTo(404);
    JsonNode basic = org.get(TestOrg.V + "/sobjects/Account").json();
    assertThat(basic.path("objectDescribe").path("name").asString()).isEqualTo("Account");
    assertThat(basic.path("recentItems").isArray()).isTrue();
    JsonNode lead = org.get(TestOrg.V + "/sobjects/Lead/describe").json();
    assertThat(field(lead, "OwnerId").path("polymorphicForeignKey").asBoolean()).isTrue();
  }

  private static JsonNode field(JsonNode describe, String name) {
    for (JsonNode f : describe.path("fields")) {
      if (f.path("name").asString().equals(name)) {
        return f;
      }
    }
    throw new AssertionError("no field " + name);
  }
}

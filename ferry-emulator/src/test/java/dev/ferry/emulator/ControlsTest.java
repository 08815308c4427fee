package dev.ferry.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.emulator.TestOrg.Res;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ControlsTest {
  private static TestOrg org;

  @BeforeAll
  static void start() {
    org = TestOrg.start(b -> b.generate(Map.of("Account", 5, "Contact", 20)));
  }

  @AfterAll
  static void stop() {
    org.close();
  }

  @BeforeEach
  void reset() {
    org.control("DELETE", "/faults", null);
    org.reset();
  }

  @Test
  void countedFaultsHitOnlyTheirEndpointClass() {
    Res added =
        org.control(
            "POST",
            "/faults",
            "{\"rules\":[{\"endpoint\":\"sobjects\",\"status\":503,\"errorCode\":\"SERVER_UNAVAILABLE\",\"rate\":1.0,\"count\":2,\"latencyMs\":0}]}");
    assertThat(added.status()).isEqualTo(200);
    assertThat(org.get(TestOrg.V + "/limits").status()).as("other classes pass").isEqualTo(200);
    Res first = org.get(TestOrg.V + "/sobjects");
    assertThat(first.status()).isEqualTo(503);
    assertThat(first.errorCode()).isEqualTo("SERVER_UNAVAILABLE");
    assertThat(org.get(TestOrg.V + "/sobjects").status()).isEqualTo(503);
    assertThat(org.get(TestOrg.V + "/sobjects").status()).as("count used up").isEqualTo(200);
  }

  @Test
  void faultKindsAndShapes() {
    org.control(
        "POST", "/faults", "{\"rules\":[{\"endpoint\":\"oauth\",\"status\":503,\"count\":1}]}");
    Res oauth = org.form("/services/oauth2/token", Map.of("grant_type", "password"));
    assertThat(oauth.status()).isEqualTo(503);
    assertThat(oauth.json().path("error").asString()).isEqualTo("SERVER_UNAVAILABLE");
    org.control(
        "POST",
        "/faults",
        "{\"rules\":[{\"endpoint\":\"any\",\"status\":401,\"errorCode\":\"INVALID_SESSION_ID\",\"count\":1}]}");
    Res mid = org.get(TestOrg.V + "/limits");
    assertThat(mid.status()).isEqualTo(401);
    assertThat(mid.header("WWW-Authenticate")).isEqualTo("Token");
    org.control(
        "POST",
        "/faults",
        "{\"rules\":[{\"endpoint\":\"bulk\",\"status\":429,\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\",\"count\":1}]}");
    assertThat(org.get(TestOrg.V + "/jobs/ingest").status()).isEqualTo(429);
    org.control(
        "POST",
        "/faults",
        "{\"rules\":[{\"endpoint\":\"composite\",\"latencyMs\":300,\"count\":1}]}");
    long t0 = System.nanoTime();
    assertThat(org.get(TestOrg.V + "/composite/sobjects/Account?ids=001000000000000AAA").status())
        .isEqualTo(200);
    assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(300);
    org.control(
        "POST", "/faults", "{\"rules\":[{\"endpoint\":\"sobjects\",\"status\":500,\"rate\":0.0}]}");
    assertThat(org.get(TestOrg.V + "/sobjects").status()).as("rate 0 never fires").isEqualTo(200);
    JsonNode listed = org.control("GET", "/faults", null).json();
    assertThat(listed.path("rules").size()).isEqualTo(5);
    assertThat(org.control("DELETE", "/faults", null).status()).isEqualTo(204);
    assertThat(org.control("GET", "/faults", null).json().path("rules").size()).isZero();
  }

  @Test
  void ratedFaultsFireSometimes() {
    org.control(
        "POST", "/faults", "{\"rules\":[{\"endpoint\":\"sobjects\",\"status\":503,\"rate\":0.5}]}");
    int failures = 0;
    for (int i = 0; i < 200; i++) {
      if (org.get(TestOrg.V + "/sobjects/Account").status() == 503) {
        failures++;
      }
    }
    assertThat(failures).isBetween(50, 150);
  }

  @Test
  void badFaultRulesAreRefused() {
    Res bad =
        org.control("POST", "/faults", "{\"rules\":[{\"endpoint\":\"moon\",\"status\":503}]}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get(0).path("message").asString())
        .contains("unknown endpoint class 'moon'");
    assertThat(org.control("POST", "/faults", "{\"rules\":[{\"status\":200}]}").status())
        .isEqualTo(400);
    assertThat(org.control("POST", "/faults", "{\"rules\":[{\"status\":503,\"rate\":2}]}").status())
        .isEqualTo(400);
    assertThat(org.control("POST", "/faults", "{}").status()).isEqualTo(400);
  }

  @Test
  void schemaChangesShowInDescribeAndWrites() {
    Res added =
        org.control(
            "POST",
            "/schema/Account/fields",
            "{\"name\":\"Segment__c\",\"type\":\"picklist\",\"label\":\"Segment\",\"restrictedPicklist\":true,\"picklistValues\":[{\"value\":\"SMB\",\"label\":\"SMB\",\"active\":true,\"defaultValue\":false,\"validFor\":null}],\"byteLength\":765,\"soapType\":\"xsd:string\"}");
    assertThat(added.status()).as(added.text()).isEqualTo(201);
    assertThat(added.json().path("name").asString()).isEqualTo("Segment__c");
    assertThat(org.get(TestOrg.V + "/sobjects/Account/describe").text()).contains("\"Segment__c\"");
    assertThat(
            org.post(TestOrg.V + "/sobjects/Account", "{\"Name\":\"S\",\"Segment__c\":\"SMB\"}")
                .status())
        .isEqualTo(201);
    assertThat(
            org.post(TestOrg.V + "/sobjects/Account", "{\"Name\":\"S\",\"Segment__c\":\"Mid\"}")
                .errorCode())
        .isEqualTo("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
    assertThat(org.control("DELETE", "/schema/Account/fields/Segment__c", null).status())
        .isEqualTo(204);
    assertThat(org.get(TestOrg.V + "/sobjects/Account/describe").text())
        .doesNotContain("Segment__c");
    assertThat(
            org.post(TestOrg.V + "/sobjects/Account", "{\"Name\":\"S\",\"Segment__c\":\"SMB\"}")
                .errorCode())
        .isEqualTo("INVALID_FIELD");
    assertThat(org.control("DELETE", "/schema/Account/fields/Name", null).status()).isEqualTo(400);
    assertThat(
            org.control("POST", "/schema/Account/fields", "{\"name\":\"X__c\",\"type\":\"wat\"}")
                .status())
        .isEqualTo(400);
    assertThat(
            org.control("POST", "/schema/Nope/fields", "{\"name\":\"X__c\",\"type\":\"string\"}")
                .status())
        .isEqualTo(404);
  }

  @Test
  void statsAndReset() {
    org.get(TestOrg.V + "/sobjects");
    org.post(TestOrg.V + "/sobjects/Account", "{\"Name\":\"extra\"}");
    org.post(TestOrg.V + "/jobs/ingest", "{\"object\":\"Account\",\"operation\":\"insert\"}");
    JsonNode stats = org.control("GET", "/stats", null).json();
    assertThat(stats.path("apiCalls").path("sobjects").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(stats.path("apiCalls").path("bulk").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(stats.path("bulkJobs").path("Open").asInt()).isEqualTo(1);
    assertThat(stats.path("records").path("Account").asInt()).isEqualTo(6);
    assertThat(stats.path("records").path("Contact").asInt()).isEqualTo(20);
    String firstContact =
        org.get(TestOrg.V + "/sobjects/Contact/Contact_UUID__c/none").status() == 404 ? "ok" : "";
    assertThat(firstContact).isEqualTo("ok");
    org.reset();
    JsonNode after = org.control("GET", "/stats", null).json();
    assertThat(after.path("records").path("Account").asInt()).isEqualTo(5);
    assertThat(after.path("bulkJobs").path("Open").asInt()).isZero();
    assertThat(org.get(TestOrg.V + "/sobjects").status())
        .as("sessions survive a reset")
        .isEqualTo(200);
  }

  @Test
  void resetAndRestartGiveTheSameIds() {
    String before = org.get(TestOrg.V + "/limits/recordCount?sObjects=Contact").text();
    Res created = org.post(TestOrg.V + "/sobjects/Account", "{\"Name\":\"after reset\"}");
    org.reset();
    Res again = org.post(TestOrg.V + "/sobjects/Account", "{\"Name\":\"after reset\"}");
    assertThat(again.json().path("id").asString()).isEqualTo(created.json().path("id").asString());
    try (TestOrg twin = TestOrg.start(b -> b.generate(Map.of("Account", 5, "Contact", 20)))) {
      Res twinCreated = twin.post(TestOrg.V + "/sobjects/Account", "{\"Name\":\"after reset\"}");
      assertThat(twinCreated.json().path("id").asString())
          .isEqualTo(created.json().path("id").asString());
      assertThat(twin.get(TestOrg.V + "/limits/recordCount?sObjects=Contact").text())
          .isEqualTo(before);
    }
  }
}

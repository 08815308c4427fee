package dev.ferry.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.emulator.TestOrg.Res;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CollectionsTest {
  private static final String C = TestOrg.V + "/composite/sobjects";
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
  void createMixedTypesInRequestOrderWithPerItemErrors() {
    Res r =
        org.post(
            C,
            """
            {"allOrNone":false,"records":[
              {"attributes":{"type":"Account"},"Name":"A1","External_Id__c":"C-1"},
              {"attributes":{"type":"Contact"},"FirstName":"no last name"},
              {"attributes":{"type":"Contact"},"LastName":"L","Account":{"External_Id__c":"C-1"}},
              {"attributes":{"type":"Account"},"Name":"dup","External_Id__c":"c-1"}
            ]}
            """);
    assertThat(r.status()).isEqualTo(200);
    JsonNode j = r.json();
    assertThat(j.size()).isEqualTo(4);
    assertThat(j.get(0).path("success").asBoolean()).isTrue();
    assertThat(j.get(0).path("id").asString()).startsWith("001");
    assertThat(j.get(1).path("success").asBoolean()).isFalse();
    assertThat(j.get(1).has("id")).isFalse();
    assertThat(j.get(1).path("errors").get(0).path("statusCode").asString())
        .isEqualTo("REQUIRED_FIELD_MISSING");
    assertThat(j.get(1).path("errors").get(0).path("fields").get(0).asString())
        .isEqualTo("LastName");
    assertThat(j.get(2).path("success").asBoolean())
        .as("sees the account created earlier in the call")
        .isTrue();
    assertThat(j.get(3).path("errors").get(0).path("statusCode").asString())
        .isEqualTo("DUPLICATE_VALUE");
  }

  @Test
  void allOrNoneRollsEverythingBack() {
    Res r =
        org.post(
            C,
            """
            {"allOrNone":true,"records":[
              {"attributes":{"type":"Account"},"Name":"kept?","External_Id__c":"R-1"},
              {"attributes":{"type":"Account"}}
            ]}
            """);
    JsonNode j = r.json();
    assertThat(j.get(0).path("success").asBoolean()).isFalse();
    assertThat(j.get(0).path("errors").get(0).path("statusCode").asString())
        .isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
    assertThat(j.get(1).path("errors").get(0).path("statusCode").asString())
        .isEqualTo("REQUIRED_FIELD_MISSING");
    assertThat(org.get(TestOrg.V + "/sobjects/Account/External_Id__c/R-1").status()).isEqualTo(404);
  }

  @Test
  void updateUpsertRetrieveAndDelete() {
    JsonNode created =
        org.post(
                C,
                "{\"records\":[{\"attributes\":{\"type\":\"Account\"},\"Name\":\"One\"},{\"attributes\":{\"type\":\"Account\"},\"Name\":\"Two\"}]}")
            .json();
    String a = created.get(0).path("id").asString();
    String b = created.get(1).path("id").asString();
    JsonNode updated =
        org.patch(
                C,
                "{\"records\":[{\"attributes\":{\"type\":\"Account\"},\"id\":\""
                    + a
                    + "\",\"Name\":\"One!\"},{\"attributes\":{\"type\":\"Account\"},\"Name\":\"no id\"}]}")
            .json();
    assertThat(updated.get(0).path("success").asBoolean()).isTrue();
    assertThat(updated.get(0).path("id").asString()).isEqualTo(a);
    assertThat(updated.get(1).path("errors").get(0).path("statusCode").asString())
        .isEqualTo("MISSING_ARGUMENT");

    JsonNode upserted =
        org.patch(
                C + "/Account/External_Id__c",
                "{\"allOrNone\":false,\"records\":[{\"attributes\":{\"type\":\"Account\"},\"External_Id__c\":\"UP-1\",\"Name\":\"Up\"}]}")
            .json();
    assertThat(upserted.get(0).path("created").asBoolean()).isTrue();
    JsonNode again =
        org.patch(
                C + "/Account/External_Id__c",
                "{\"records\":[{\"attributes\":{\"type\":\"Account\"},\"External_Id__c\":\"up-1\",\"Name\":\"Up2\"}]}")
            .json();
    assertThat(again.get(0).path("created").asBoolean(true)).isFalse();
    assertThat(again.get(0).path("id").asString()).isEqualTo(upserted.get(0).path("id").asString());
    assertThat(
            org.patch(
                    "/services/data/v45.0/composite/sobjects/Account/External_Id__c",
                    "{\"records\":[]}")
                .status())
        .as("collection upsert needs 46.0")
        .isEqualTo(404);

    JsonNode got =
        org.get(C + "/Account?ids=" + a + "," + b + ",001000000000000AAA&fields=Name").json();
    assertThat(got.get(0).path("Name").asString()).isEqualTo("One!");
    assertThat(got.get(1).path("Name").asString()).isEqualTo("Two");
    assertThat(got.get(2).isNull()).isTrue();
    JsonNode posted =
        org.post(C + "/Account", "{\"ids\":[\"" + b + "\"],\"fields\":[\"Id\",\"Name\"]}").json();
    assertThat(posted.get(0).path("attributes").path("type").asString()).isEqualTo("Account");

    JsonNode deleted = org.delete(C + "?ids=" + a + "," + b + ",notanid&allOrNone=false").json();
    assertThat(deleted.get(0).path("success").asBoolean()).isTrue();
    assertThat(deleted.get(1).path("success").asBoolean()).isTrue();
    assertThat(deleted.get(2).path("errors").get(0).path("statusCode").asString())
        .isEqualTo("MALFORMED_ID");
    JsonNode twice = org.delete(C + "?ids=" + a).json();
    assertThat(twice.get(0).path("errors").get(0).path("statusCode").asString())
        .isEqualTo("ENTITY_IS_DELETED");
  }

  @Test
  void requestLevelErrors() {
    StringBuilder sb = new StringBuilder("{\"records\":[");
    for (int i = 0; i < 201; i++) {
      sb.append(i == 0 ? "" : ",")
          .append("{\"attributes\":{\"type\":\"Account\"},\"Name\":\"n")
          .append(i)
          .append("\"}");
    }
    Res tooMany = org.post(C, sb.append("]}").toString());
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.errorCode()).isEqualTo("EXCEEDED_ID_LIMIT");
    assertThat(
            org.post(
                    C,
                    "{\"records\":[{\"attributes\":{\"type\":\"Account\"},\"Name\":\"x\",\"NumberOfEmployees\":\"lots\"}]}")
                .errorCode())
        .isEqualTo("JSON_PARSER_ERROR");
    Res noType = org.post(C, "{\"records\":[{\"Name\":\"x\"}]}");
    assertThat(noType.status()).isEqualTo(400);
    assertThat(noType.errorCode()).isEqualTo("INVALID_TYPE");
    assertThat(org.post(C, "{\"records\":[{\"attributes\":{\"type\":\"Nope__c\"}}]}").errorCode())
        .isEqualTo("INVALID_TYPE");
    assertThat(org.post("/services/data/v41.0/composite/sobjects", "{\"records\":[]}").status())
        .isEqualTo(404);
  }

  @Test
  void sObjectTreeSavesParentsWithChildrenAllOrNothing() {
    Res ok =
        org.post(
            TestOrg.V + "/composite/tree/Account",
            """
            {"records":[{"attributes":{"type":"Account","referenceId":"ref1"},"Name":"Tree Co",
              "Contacts":{"records":[
                {"attributes":{"type":"Contact","referenceId":"ref2"},"LastName":"Leaf","Email":"leaf@example.com"},
                {"attributes":{"type":"Contact","referenceId":"ref3"},"LastName":"Twig"}]}}]}
            """);
    assertThat(ok.status()).as(ok.text()).isEqualTo(201);
    JsonNode results = ok.json().path("results");
    assertThat(ok.json().path("hasErrors").asBoolean()).isFalse();
    assertThat(results.size()).isEqualTo(3);
    assertThat(results.get(0).path("referenceId").asString()).isEqualTo("ref1");
    String account = results.get(0).path("id").asString();
    String leaf = results.get(1).path("id").asString();
    assertThat(org.get(TestOrg.V + "/sobjects/Contact/" + leaf).json().path("AccountId").asString())
        .isEqualTo(account);

    Res bad =
        org.post(
            TestOrg.V + "/composite/tree/Account",
            """
            {"records":[{"attributes":{"type":"Account","referenceId":"a1"},"Name":"Half",
              "Contacts":{"records":[{"attributes":{"type":"Contact","referenceId":"c1"},"Email":"not-an-email"}]}}]}
            """);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("hasErrors").asBoolean()).isTrue();
    assertThat(bad.json().path("results").get(0).path("referenceId").asString()).isEqualTo("c1");
    assertThat(
            org.get(
                    TestOrg.V
                        + "/query?q="
                        + TestOrg.enc("SELECT COUNT() FROM Account WHERE Name = 'Half'"))
                .json()
                .path("totalSize")
                .asInt())
        .as("nothing saved")
        .isZero();
    assertThat(
            org.post(
                    TestOrg.V + "/composite/tree/Account",
                    "{\"records\":[{\"attributes\":{\"type\":\"Account\"},\"Name\":\"x\"}]}")
                .status())
        .as("referenceId required")
        .isEqualTo(400);
  }

  @Test
  void recordFaultsFailSingleItems() {
    org.control("POST", "/record-errors", "{\"count\":1,\"statusCode\":\"UNABLE_TO_LOCK_ROW\"}");
    JsonNode j =
        org.post(
                C,
                "{\"records\":[{\"attributes\":{\"type\":\"Account\"},\"Name\":\"locked\"},{\"attributes\":{\"type\":\"Account\"},\"Name\":\"fine\"}]}")
            .json();
    assertThat(j.get(0).path("errors").get(0).path("statusCode").asString())
        .isEqualTo("UNABLE_TO_LOCK_ROW");
    assertThat(j.get(1).path("success").asBoolean()).isTrue();
  }
}

package dev.ferry.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.emulator.TestOrg.Res;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SObjectCrudTest {
  private static final String S = TestOrg.V + "/sobjects";
  private static final MutableClock clock = new MutableClock(Instant.parse("2024-06-10T09:30:15Z"));
  private static TestOrg org;

  @BeforeAll
  static void start() {
    org = TestOrg.start(b -> b.clock(clock).tokenTtl(Duration.ofDays(60)));
  }

  @AfterAll
  static void stop() {
    org.close();
  }

  @BeforeEach
  void reset() {
    clock.set(Instant.parse("2024-06-10T09:30:15Z"));
    org.reset();
  }

  private String create(String type, String json) {
    Res r = org.post(S + "/" + type, json);
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json().path("id").asString();
  }

  @Test
  void crudStatusCodesAndBodies() {
    Res created =
        org.post(
            S + "/Account",
            "{\"attributes\":{\"type\":\"Account\"},\"Name\":\"Acme\",\"AnnualRevenue\":1500000,\"Unknown_Key_Ignored\":null}"
                .replace(",\"Unknown_Key_Ignored\":null", ""));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.text())
        .matches("\\{\"id\":\"001\\w{15}\",\"success\":true,\"errors\":\\[\\]}");
    String id = created.json().path("id").asString();

    JsonNode rec = org.get(S + "/Account/" + id).json();
    assertThat(rec.path("attributes").path("type").asString()).isEqualTo("Account");
    assertThat(rec.path("attributes").path("url").asString()).isEqualTo(S + "/Account/" + id);
    assertThat(rec.path("Name").asString()).isEqualTo("Acme");
    assertThat(rec.path("AnnualRevenue").asDouble()).isEqualTo(1500000.0);
    assertThat(rec.path("CreatedDate").asString()).isEqualTo("2024-06-10T09:30:15.000+0000");
    assertThat(rec.path("IsDeleted").asBoolean(true)).isFalse();
    assertThat(rec.has("BillingAddress")).isTrue();
    assertThat(org.get(S + "/Account/" + id.substring(0, 15)).status())
        .as("15-char ids work")
        .isEqualTo(200);

    JsonNode some = org.get(S + "/Account/" + id + "?fields=Name,Id").json();
    assertThat(some.size()).isEqualTo(3);

    clock.advance(Duration.ofMinutes(3));
    Res updated = org.patch(S + "/Account/" + id, "{\"Name\":\"Acme 2\",\"Id\":\"" + id + "\"}");
    assertThat(updated.status()).isEqualTo(204);
    assertThat(updated.body()).isEmpty();
    JsonNode after = org.get(S + "/Account/" + id).json();
    assertThat(after.path("Name").asString()).isEqualTo("Acme 2");
    assertThat(after.path("SystemModstamp").asString()).isEqualTo("2024-06-10T09:33:15.000+0000");
    assertThat(after.path("CreatedDate").asString()).isEqualTo("2024-06-10T09:30:15.000+0000");

    assertThat(org.delete(S + "/Account/" + id).status()).isEqualTo(204);
    assertThat(org.get(S + "/Account/" + id).status()).isEqualTo(404);
    Res again = org.delete(S + "/Account/" + id);
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.errorCode()).isEqualTo("ENTITY_IS_DELETED");
    Res patchDeleted = org.patch(S + "/Account/" + id, "{\"Name\":\"x\"}");
    assertThat(patchDeleted.errorCode()).isEqualTo("ENTITY_IS_DELETED");
    Res unknown = org.get(S + "/Account/001000000000000AAA");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo("NOT_FOUND");
    assertThat(org.get(S + "/Account/garbage").status()).isEqualTo(404);
  }

  @Test
  void recordErrorsAre400ArraysWithFields() {
    Res missing = org.post(S + "/Contact", "{\"FirstName\":\"x\"}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.text())
        .isEqualTo(
            "[{\"message\":\"Required fields are missing: [LastName]\",\"errorCode\":\"REQUIRED_FIELD_MISSING\",\"fields\":[\"LastName\"]}]");
    assertThat(org.post(S + "/Account", "{\"Name\":\"" + "x".repeat(300) + "\"}").errorCode())
        .isEqualTo("STRING_TOO_LONG");
    assertThat(
            org.post(S + "/Account", "{\"Name\":\"x\",\"NumberOfEmployees\":\"lots\"}").errorCode())
        .isEqualTo("JSON_PARSER_ERROR");
    assertThat(org.post(S + "/Account", "{\"Name\":\"x\",\"Bogus__c\":1}").errorCode())
        .isEqualTo("INVALID_FIELD");
    assertThat(
            org.post(S + "/Account", "{\"Name\":\"x\",\"SystemModstamp\":\"2024-01-01T00:00:00Z\"}")
                .errorCode())
        .isEqualTo("INVALID_FIELD_FOR_INSERT_UPDATE");
    assertThat(
            org.post(S + "/Account", "{\"Name\":\"x\",\"Id\":\"001000000000000AAA\"}").errorCode())
        .isEqualTo("INVALID_FIELD_FOR_INSERT_UPDATE");
    assertThat(org.post(S + "/Account", "not json").errorCode()).isEqualTo("JSON_PARSER_ERROR");
    assertThat(
            org.post(S + "/Contact", "{\"LastName\":\"x\",\"AccountId\":\"001000000000000AAA\"}")
                .errorCode())
        .isEqualTo("INVALID_CROSS_REFERENCE_KEY");
    create("Account", "{\"Name\":\"A\",\"External_Id__c\":\"E1\"}");
    Res dup = org.post(S + "/Account", "{\"Name\":\"B\",\"External_Id__c\":\"e1\"}");
    assertThat(dup.errorCode()).isEqualTo("DUPLICATE_VALUE");
    assertThat(dup.json().get(0).has("fields")).isTrue();
    assertThat(org.post(S + "/Organization", "{\"Name\":\"x\"}").errorCode())
        .isEqualTo("INVALID_TYPE_FOR_OPERATION");
    assertThat(org.post(S + "/Nope__c", "{\"Name\":\"x\"}").status()).isEqualTo(404);
  }

  @Test
  void upsertByExternalIdStatusCodesByVersion() {
    Res created = org.patch(S + "/Account/External_Id__c/U-1", "{\"Name\":\"U\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("created").asBoolean()).isTrue();
    String id = created.json().path("id").asString();
    Res updated = org.patch(S + "/Account/External_Id__c/U-1", "{\"Name\":\"U2\"}");
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.text())
        .isEqualTo("{\"id\":\"" + id + "\",\"success\":true,\"errors\":[],\"created\":false}");
    Res old =
        org.patch("/services/data/v45.0/sobjects/Account/External_Id__c/U-1", "{\"Name\":\"U3\"}");
    assertThat(old.status()).isEqualTo(204);
    Res oldCreate =
        org.patch("/services/data/v45.0/sobjects/Account/External_Id__c/U-9", "{\"Name\":\"U9\"}");
    assertThat(oldCreate.status()).isEqualTo(201);
    assertThat(oldCreate.json().has("created")).isFalse();
    assertThat(org.get(S + "/Account/External_Id__c/u-1").json().path("Name").asString())
        .isEqualTo("U3");
    assertThat(org.get(S + "/Account/External_Id__c/none").status()).isEqualTo(404);
    assertThat(org.patch(S + "/Account/Phone/123", "{\"Name\":\"x\"}").status())
        .as("not an external id")
        .isEqualTo(404);
    assertThat(
            org.patch(S + "/Account/External_Id__c/U-1", "{\"External_Id__c\":\"other\"}").status())
        .isEqualTo(400);
    // relationship by external id in a JSON body
    Res contact =
        org.post(S + "/Contact", "{\"LastName\":\"L\",\"Account\":{\"External_Id__c\":\"U-1\"}}");
    assertThat(
            org.get(S + "/Contact/" + contact.json().path("id").asString())
                .json()
                .path("AccountId")
                .asString())
        .isEqualTo(id);
    // POST /sobjects/T/Id inserts
    Res viaId = org.post(S + "/Account/Id", "{\"Name\":\"By Id\"}");
    assertThat(viaId.status()).isEqualTo(201);
    assertThat(viaId.json().path("created").asBoolean()).isTrue();
  }

  @Test
  void severalMatchesGive300() {
    // Contact.Email is an idLookup field without uniqueness
    create("Contact", "{\"LastName\":\"a\",\"Email\":\"same@example.com\"}");
    create("Contact", "{\"LastName\":\"b\",\"Email\":\"same@example.com\"}");
    Res read = org.get(S + "/Contact/Email/same@example.com");
    assertThat(read.status()).isEqualTo(300);
    assertThat(read.json().size()).isEqualTo(2);
    assertThat(read.json().get(0).asString()).startsWith(S + "/Contact/003");
    Res upsert = org.patch(S + "/Contact/Email/same@example.com", "{\"LastName\":\"c\"}");
    assertThat(upsert.status()).isEqualTo(300);
  }

  @Test
  void getUpdatedAndGetDeletedWindows() {
    String a = create("Account", "{\"Name\":\"A\"}");
    clock.advance(Duration.ofMinutes(10));
    String b = create("Account", "{\"Name\":\"B\"}");
    org.delete(S + "/Account/" + a);
    clock.advance(Duration.ofMinutes(10));
    String start = "2024-06-10T09:35:59%2B00:00"; // seconds are dropped: 09:35:00
    Res updated = org.get(S + "/Account/updated/?start=" + start + "&end=2024-06-10T09:50:00Z");
    assertThat(updated.status()).as(updated.text()).isEqualTo(200);
    assertThat(updated.json().path("ids").toString()).contains(b).doesNotContain(a);
    assertThat(updated.json().path("latestDateCovered").asString())
        .isEqualTo("2024-06-10T09:50:00.000+0000");
    Res deleted =
        org.get(S + "/Account/deleted/?start=2024-06-10T09:30:00+00:00&end=2024-06-10T09:45:00Z");
    JsonNode d = deleted.json();
    assertThat(d.path("deletedRecords").get(0).path("id").asString()).isEqualTo(a);
    assertThat(d.path("deletedRecords").get(0).path("deletedDate").asString())
        .isEqualTo("2024-06-10T09:40:15.000+0000");
    assertThat(d.has("earliestDateAvailable")).isTrue();
    Res future =
        org.get(S + "/Account/updated/?start=2024-06-10T09:30:00Z&end=2030-01-01T00:00:00Z");
    assertThat(future.json().path("latestDateCovered").asString())
        .isEqualTo("2024-06-10T09:50:00.000+0000");
    Res backwards =
        org.get(S + "/Account/updated/?start=2024-06-10T09:40:00Z&end=2024-06-10T09:40:30Z");
    assertThat(backwards.errorCode())
        .as("equal after seconds are dropped")
        .isEqualTo("INVALID_REPLICATION_DATE");
    Res tooOld =
        org.get(S + "/Account/updated/?start=2024-05-01T00:00:00Z&end=2024-06-10T09:40:00Z");
    assertThat(tooOld.errorCode()).isEqualTo("INVALID_REPLICATION_DATE");
    Res deletedTooOld =
        org.get(S + "/Account/deleted/?start=2024-05-20T00:00:00Z&end=2024-06-10T09:40:00Z");
    assertThat(deletedTooOld.errorCode()).isEqualTo("INVALID_REPLICATION_DATE");
    assertThat(org.get(S + "/Account/updated/?end=2024-06-10T09:40:00Z").status()).isEqualTo(400);
  }

  @Test
  void objectsWithoutIsDeletedHaveNoRecycleBin() {
    // Real orgs: User, Group, Organization (and RecordType, BusinessHours) have no IsDeleted.
    for (String object : new String[] {"User", "Group", "Organization"}) {
      JsonNode fields = org.get(S + "/" + object + "/describe").json().path("fields");
      assertThat(fields.findValuesAsString("name")).as(object).doesNotContain("IsDeleted");
      Res query = org.get(TestOrg.V + "/query?q=" + TestOrg.enc("SELECT IsDeleted FROM " + object));
      assertThat(query.errorCode()).as(object).isEqualTo("INVALID_FIELD");
    }
    assertThat(org.get(S + "/Account/describe").json().path("fields").findValuesAsString("name"))
        .contains("IsDeleted");

    String g = create("Group", "{\"Name\":\"Support\",\"Type\":\"Regular\"}");
    assertThat(org.delete(S + "/Group/" + g).status()).isEqualTo(204);
    assertThat(org.get(S + "/Group/" + g).status()).isEqualTo(404);
    Res all =
        org.get(
            TestOrg.V
                + "/queryAll?q="
                + TestOrg.enc("SELECT Id FROM Group WHERE Id = '" + g + "'"));
    assertThat(all.json().path("totalSize").asInt()).as("purged: queryAll cannot see it").isZero();
    clock.advance(Duration.ofMinutes(2));
    JsonNode deleted =
        org.get(S + "/Group/deleted/?start=2024-06-10T09:00:00Z&end=2024-06-10T10:00:00Z").json();
    assertThat(deleted.path("deletedRecords").findValuesAsString("id")).containsExactly(g);
  }

  @Test
  void recycleBinAgesOutAndCanBePurged() {
    String a = create("Account", "{\"Name\":\"Old\"}");
    org.delete(S + "/Account/" + a);
    String window = "/Account/deleted/?start=2024-06-10T09:00:00Z&end=2024-06-10T10:00:00Z";
    clock.advance(Duration.ofMinutes(31));
    JsonNode before = org.get(S + window).json();
    assertThat(before.path("deletedRecords").size()).isEqualTo(1);
    assertThat(org.control("POST", "/recycle-bin/purge", "{}").json().path("purged").asInt())
        .isEqualTo(1);
    JsonNode after = org.get(S + window).json();
    assertThat(after.path("deletedRecords").size()).isZero();
    assertThat(after.path("earliestDateAvailable").asString())
        .isEqualTo("2024-06-10T10:01:00.000+0000");
    assertThat(
            org.get(
                    TestOrg.V
                        + "/queryAll?q="
                        + TestOrg.enc("SELECT Id FROM Account WHERE Id = '" + a + "'"))
                .json()
                .path("totalSize")
                .asInt())
        .isZero();
    // deletions older than 15 days leave on their own
    String b = create("Account", "{\"Name\":\"Aging\"}");
    org.delete(S + "/Account/" + b);
    clock.advance(Duration.ofDays(16));
    Res tooOld =
        org.get(S + "/Account/deleted/?start=2024-06-26T09:00:00Z&end=2024-06-26T10:00:00Z");
    assertThat(tooOld.json().path("deletedRecords").size()).isZero();
    assertThat(tooOld.json().path("earliestDateAvailable").asString())
        .isEqualTo("2024-06-10T10:01:00.000+0000");
  }

  @Test
  void clockControlAgesDataAndRecordFaultsFailSingleSaves() {
    MutableClock own = new MutableClock(Instant.parse("2024-06-10T09:30:15Z"));
    try (TestOrg o = TestOrg.start(b -> b.clock(own))) {
      JsonNode moved = o.control("POST", "/clock", "{\"advanceSeconds\":3600}").json();
      assertThat(moved.path("offsetSeconds").asLong()).isEqualTo(3600);
      assertThat(moved.path("now").asString()).isEqualTo("2024-06-10T10:30:15.000+0000");
      Res created = o.post(S + "/Account", "{\"Name\":\"Later\"}");
      String id = created.json().path("id").asString();
      assertThat(o.get(S + "/Account/" + id).json().path("CreatedDate").asString())
          .isEqualTo("2024-06-10T10:30:15.000+0000");
      assertThat(o.control("POST", "/clock", "{\"advanceSeconds\":-1}").status()).isEqualTo(400);
      o.control("POST", "/record-errors", "{\"count\":1,\"statusCode\":\"UNABLE_TO_LOCK_ROW\"}");
      Res locked = o.patch(S + "/Account/" + id, "{\"Name\":\"x\"}");
      assertThat(locked.status()).isEqualTo(400);
      assertThat(locked.errorCode()).isEqualTo("UNABLE_TO_LOCK_ROW");
      assertThat(o.patch(S + "/Account/" + id, "{\"Name\":\"x\"}").status()).isEqualTo(204);
    }
  }

  @Test
  void lateCommitHoldsBackLatestDateCovered() {
    Res late =
        org.control(
            "POST",
            "/late-commit",
            "{\"sobject\":\"Contact\",\"records\":[{\"LastName\":\"Slow\"}],\"visibleAfterSeconds\":120}");
    assertThat(late.status()).as(late.text()).isEqualTo(200);
    String id = late.json().path("ids").get(0).asString();
    assertThat(org.get(S + "/Contact/" + id).status()).isEqualTo(404);
    clock.advance(Duration.ofMinutes(1));
    Res updated =
        org.get(S + "/Contact/updated/?start=2024-06-10T09:00:00Z&end=2024-06-10T09:31:00Z");
    assertThat(updated.json().path("ids").toString()).doesNotContain(id);
    assertThat(updated.json().path("latestDateCovered").asString())
        .isEqualTo("2024-06-10T09:30:00.000+0000");
    clock.advance(Duration.ofMinutes(2));
    JsonNode visible = org.get(S + "/Contact/" + id).json();
    assertThat(visible.path("SystemModstamp").asString()).isEqualTo("2024-06-10T09:30:15.000+0000");
    Res after =
        org.get(S + "/Contact/updated/?start=2024-06-10T09:00:00Z&end=2024-06-10T09:33:00Z");
    assertThat(after.json().path("ids").toString()).contains(id);
  }
}

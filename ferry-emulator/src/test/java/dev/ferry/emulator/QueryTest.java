package dev.ferry.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.emulator.TestOrg.Res;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class QueryTest {
  private static final MutableClock clock = new MutableClock(Instant.parse("2024-07-01T08:00:00Z"));
  private static TestOrg org;

  @BeforeAll
  static void start() {
    org = TestOrg.start(b -> b.clock(clock).generate(Map.of("Account", 30, "Contact", 4500)));
  }

  @AfterAll
  static void stop() {
    org.close();
  }

  @BeforeEach
  void reset() {
    clock.set(Instant.parse("2024-07-01T08:00:00Z"));
    org.reset();
  }

  private static String q(String soql) {
    return TestOrg.V + "/query?q=" + TestOrg.enc(soql);
  }

  @Test
  void pagesOf2000WithBareLocatorsServedUnderQueryAndQueryAll() {
    JsonNode first = org.get(q("SELECT Id, LastName FROM Contact")).json();
    assertThat(first.path("totalSize").asInt()).isEqualTo(4500);
    assertThat(first.path("done").asBoolean()).isFalse();
    assertThat(first.path("records").size()).isEqualTo(2000);
    String next = first.path("nextRecordsUrl").asString();
    assertThat(next).matches("/services/data/v59\\.0/query/01g\\w{15}-2000");
    String locator = next.substring(next.lastIndexOf('/') + 1);
    JsonNode second = org.get(next).json();
    assertThat(second.path("totalSize").asInt()).isEqualTo(4500);
    assertThat(second.path("records").size()).isEqualTo(2000);
    JsonNode sameViaQueryAll = org.get(TestOrg.V + "/queryAll/" + locator).json();
    assertThat(sameViaQueryAll.path("records").get(0).path("Id"))
        .isEqualTo(second.path("records").get(0).path("Id"));
    JsonNode versionless = org.get("/services/data/query/" + locator).json();
    assertThat(versionless.path("records").size()).isEqualTo(2000);
    JsonNode last = org.get(second.path("nextRecordsUrl").asString()).json();
    assertThat(last.path("done").asBoolean()).isTrue();
    assertThat(last.has("nextRecordsUrl")).isFalse();
    assertThat(last.path("records").size()).isEqualTo(500);
    Set<String> ids = new HashSet<>();
    for (JsonNode page : new JsonNode[] {first, second, last}) {
      page.path("records").forEach(r -> ids.add(r.path("Id").asString()));
    }
    assertThat(ids).hasSize(4500);
  }

  @Test
  void batchSizeHeaderIsHonouredWithinItsBounds() {
    Res small = org.get(q("SELECT Id FROM Contact"), "Sforce-Query-Options", "batchSize=300");
    assertThat(small.json().path("records").size()).isEqualTo(300);
    assertThat(small.json().path("nextRecordsUrl").asString()).endsWith("-300");
    JsonNode next = org.get(small.json().path("nextRecordsUrl").asString()).json();
    assertThat(next.path("records").size()).isEqualTo(300);
    assertThat(
            org.get(q("SELECT Id FROM Contact"), "Sforce-Query-Options", "batchSize=50")
                .json()
                .path("records")
                .size())
        .isEqualTo(200);
    assertThat(
            org.get(q("SELECT Id FROM Contact"), "Sforce-Query-Options", "batchSize=9000")
                .json()
                .path("records")
                .size())
        .isEqualTo(2000);
  }

  @Test
  void locatorsExpireWhenIdle() {
    String next = org.get(q("SELECT Id FROM Contact")).json().path("nextRecordsUrl").asString();
    clock.advance(Duration.ofMinutes(14));
    assertThat(org.get(next).status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(16));
    Res expired = org.get(next);
    assertThat(expired.status()).isEqualTo(400);
    assertThat(expired.errorCode()).isEqualTo("INVALID_QUERY_LOCATOR");
    assertThat(org.get(TestOrg.V + "/query/01g000000000000AAA-2000").errorCode())
        .isEqualTo("INVALID_QUERY_LOCATOR");
    assertThat(org.get(TestOrg.V + "/query/garbage").errorCode())
        .isEqualTo("INVALID_QUERY_LOCATOR");
  }

  @Test
  void recordShapesParentsChildrenAndCounts() {
    String acct =
        org.post(
                TestOrg.V + "/sobjects/Account",
                "{\"Name\":\"Shapes\",\"External_Id__c\":\"SH-1\"}")
            .json()
            .path("id")
            .asString();
    org.post(
        TestOrg.V + "/sobjects/Contact",
        "{\"LastName\":\"WithParent\",\"AccountId\":\""
            + acct
            + "\",\"Birthdate\":\"1990-02-03\",\"Score__c\":12.5}");
    org.post(TestOrg.V + "/sobjects/Contact", "{\"LastName\":\"Orphan\"}");
    JsonNode rows =
        org.get(
                q(
                    "select id, lastname, account.name, account.external_id__c, birthdate, score__c, systemmodstamp from contact where lastname in ('WithParent','Orphan') order by lastname"))
            .json();
    JsonNode orphan = rows.path("records").get(0);
    assertThat(orphan.path("LastName").asString())
        .as("canonical names whatever the query's case")
        .isEqualTo("Orphan");
    assertThat(orphan.has("Account")).isTrue();
    assertThat(orphan.path("Account").isNull()).isTrue();
    JsonNode child = rows.path("records").get(1);
    assertThat(child.path("attributes").path("type").asString()).isEqualTo("Contact");
    assertThat(child.path("Account").path("attributes").path("type").asString())
        .isEqualTo("Account");
    assertThat(child.path("Account").path("External_Id__c").asString()).isEqualTo("SH-1");
    assertThat(child.path("Birthdate").asString()).isEqualTo("1990-02-03");
    assertThat(child.path("Score__c").asDouble()).isEqualTo(12.5);
    assertThat(child.path("SystemModstamp").asString()).isEqualTo("2024-07-01T08:00:00.000+0000");
    JsonNode parent =
        org.get(
                q(
                    "SELECT Name, (SELECT LastName FROM Contacts), (SELECT Id FROM Cases) FROM Account WHERE Id = '"
                        + acct
                        + "'"))
            .json();
    JsonNode contacts = parent.path("records").get(0).path("Contacts");
    assertThat(contacts.path("totalSize").asInt()).isEqualTo(1);
    assertThat(contacts.path("done").asBoolean()).isTrue();
    assertThat(contacts.path("records").get(0).path("LastName").asString()).isEqualTo("WithParent");
    assertThat(parent.path("records").get(0).path("Cases").isNull()).isTrue();
    JsonNode count = org.get(q("SELECT COUNT() FROM Contact WHERE LastName = 'Orphan'")).json();
    assertThat(count.toString()).isEqualTo("{\"totalSize\":1,\"done\":true,\"records\":[]}");
    JsonNode agg = org.get(q("SELECT COUNT(Id) n FROM Contact")).json();
    assertThat(agg.path("records").get(0).path("attributes").path("type").asString())
        .isEqualTo("AggregateResult");
    assertThat(agg.path("records").get(0).path("n").asInt()).isEqualTo(4502);
  }

  @Test
  void queryAllSeesTheRecycleBinAndSystemModstampFiltersWork() {
    String id =
        org.post(TestOrg.V + "/sobjects/Account", "{\"Name\":\"Doomed\"}")
            .json()
            .path("id")
            .asString();
    clock.advance(Duration.ofMinutes(1));
    org.delete(TestOrg.V + "/sobjects/Account/" + id);
    String soql = "SELECT Id, IsDeleted FROM Account WHERE SystemModstamp > 2024-07-01T08:00:30Z";
    assertThat(org.get(q(soql)).json().path("totalSize").asInt()).isZero();
    JsonNode all = org.get(TestOrg.V + "/queryAll?q=" + TestOrg.enc(soql)).json();
    assertThat(all.path("totalSize").asInt()).isEqualTo(1);
    assertThat(all.path("records").get(0).path("IsDeleted").asBoolean()).isTrue();
    assertThat(
            org.get(
                    q(
                        "SELECT Id FROM Account WHERE SystemModstamp > 2024-07-01T08:00:30.000+00:00"))
                .status())
        .isEqualTo(200);
  }

  @Test
  void columnMetadataForSfDataQuery() {
    JsonNode meta =
        org.get(
                q(
                        "SELECT Id, LastName, Account.Name, Account.Owner.Name, (SELECT Id FROM Cases) FROM Contact LIMIT 1")
                    + "&columns=true")
            .json();
    assertThat(meta.path("entityName").asString()).isEqualTo("Contact");
    assertThat(meta.path("idSelected").asBoolean()).isTrue();
    JsonNode cols = meta.path("columnMetadata");
    assertThat(cols.get(0).path("columnName").asString()).isEqualTo("Id");
    assertThat(cols.get(1).path("textType").asBoolean()).isTrue();
    JsonNode account = cols.get(2);
    assertThat(account.path("columnName").asString()).isEqualTo("Account");
    assertThat(account.path("joinColumns").get(0).path("columnName").asString()).isEqualTo("Name");
    assertThat(
            account
                .path("joinColumns")
                .get(1)
                .path("joinColumns")
                .get(0)
                .path("columnName")
                .asString())
        .isEqualTo("Name");
  }

  @Test
  void queryErrors() {
    Res malformed = org.get(q("SELEC Id FROM Account"));
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.errorCode()).isEqualTo("MALFORMED_QUERY");
    assertThat(org.get(q("SELECT Nope FROM Account")).errorCode()).isEqualTo("INVALID_FIELD");
    assertThat(org.get(q("SELECT Id FROM Nope__c")).errorCode()).isEqualTo("INVALID_TYPE");
    assertThat(org.get(TestOrg.V + "/query").errorCode()).isEqualTo("MALFORMED_QUERY");
  }
}

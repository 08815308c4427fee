package dev.ferry.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class CustomOrgTest {
  @TempDir Path dir;

  @Test
  void anOrgFileDefinesObjectsFieldsAndSeedRecords() throws Exception {
    Path file = dir.resolve("org.json");
    Files.writeString(
        file,
        """
        {"organizationName":"Shipyard","objects":[
          {"name":"Organization","keyPrefix":"00D","createable":false,"fields":[{"name":"Name","type":"string"}]},
          {"name":"User","keyPrefix":"005","fields":[{"name":"Username","type":"string","unique":true,"idLookup":true},{"name":"LastName","type":"string"}]},
          {"name":"Ship__c","label":"Ship","labelPlural":"Ships","keyPrefix":"a05","fields":[
            {"name":"Name","type":"string","length":80,"nillable":false,"nameField":true},
            {"name":"Code__c","type":"string","length":20,"externalId":true,"unique":true},
            {"name":"Captain__c","type":"reference","referenceTo":["User"],"relationshipName":"Captain__r","childRelationshipName":"Ships__r"},
            {"name":"Tonnage__c","type":"double","precision":12,"scale":2},
            {"name":"Value__c","type":"currency","calculated":true,"calculatedFormula":"Tonnage__c * 1000"}]}],
         "records":{"Ship__c":[{"Name":"Endeavour","Code__c":"E1","Tonnage__c":366}]}}
        """);
    try (TestOrg org = TestOrg.start(b -> b.orgFile(file))) {
      JsonNode describe = org.get(TestOrg.V + "/sobjects/Ship__c/describe").json();
      assertThat(describe.path("custom").asBoolean()).isTrue();
      assertThat(describe.path("labelPlural").asString()).isEqualTo("Ships");
      JsonNode ship = org.get(TestOrg.V + "/sobjects/Ship__c/Code__c/E1").json();
      assertThat(ship.path("Value__c").asDouble()).isEqualTo(366000.0);
      assertThat(ship.path("Id").asString()).startsWith("a05");
      assertThat(ship.path("Captain__c").isNull()).isTrue();
      JsonNode q =
          org.get(
                  TestOrg.V
                      + "/query?q="
                      + TestOrg.enc("SELECT Username, (SELECT Code__c FROM Ships__r) FROM User"))
              .json();
      assertThat(q.path("totalSize").asInt()).isEqualTo(1);
      assertThat(
              org.get(TestOrg.V + "/query?q=" + TestOrg.enc("SELECT Name FROM Organization"))
                  .json()
                  .path("records")
                  .get(0)
                  .path("Name")
                  .asString())
          .isEqualTo("Shipyard");
      assertThat(org.get(TestOrg.V + "/sobjects/Account/describe").status()).isEqualTo(404);
    }
  }

  @Test
  void aBrokenOrgFileStopsTheStartWithTheReason() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(
        file,
        "{\"objects\":[{\"name\":\"Ship__c\",\"keyPrefix\":\"a05\",\"fields\":[{\"name\":\"Crew__c\",\"type\":\"integer\"}]}]}");
    assertThatThrownBy(() -> TestOrg.start(b -> b.orgFile(file)))
        .hasMessageContaining("bad.json")
        .hasMessageContaining("object Ship__c")
        .hasMessageContaining("unknown field type 'integer'");
    Path missing = dir.resolve("nope.json");
    assertThatThrownBy(() -> TestOrg.start(b -> b.orgFile(missing)))
        .hasMessageContaining("cannot read org file");
  }
}

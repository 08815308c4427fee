package dev.ferry.emulator.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class OrgDefinitionTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void defaultOrgHasWhatSyncTestsNeed() {
    Schema s = OrgDefinition.defaultOrg().schema();
    for (String o :
        new String[] {
          "Account", "Contact", "Opportunity", "Lead", "Case", "User", "Organization", "Invoice__c"
        }) {
      assertThat(s.find(o)).as(o).isPresent();
    }
    ObjectDef account = s.find("Account").orElseThrow();
    FieldDef ext = account.fieldDef("External_Id__c").orElseThrow();
    assertThat(ext.externalId()).isTrue();
    assertThat(ext.unique()).isTrue();
    assertThat(account.fieldDef("Name").orElseThrow().isRequired()).isTrue();
    assertThat(account.fieldDef("BillingAddress").orElseThrow().type())
        .isEqualTo(FieldType.ADDRESS);
    assertThat(account.fieldDef("HQ_Location__c").orElseThrow().type())
        .isEqualTo(FieldType.LOCATION);
    assertThat(account.fieldDef("Revenue_Per_Employee__c").orElseThrow().calculated()).isTrue();
    assertThat(account.fieldDef("Notes__c").orElseThrow().length()).isGreaterThan(255);
    assertThat(account.fieldDef("Tags__c").orElseThrow().type()).isEqualTo(FieldType.MULTIPICKLIST);
    assertThat(account.fieldDef("OwnerId").orElseThrow().referenceTo()).containsExactly("User");
    assertThat(account.childRelationship("Contacts")).isPresent();
    ObjectDef contact = s.find("Contact").orElseThrow();
    assertThat(contact.fieldDef("Contact_UUID__c").orElseThrow().externalId()).isTrue();
    assertThat(contact.fieldDef("LastName").orElseThrow().isRequired()).isTrue();
    ObjectDef opp = s.find("Opportunity").orElseThrow();
    for (String f : new String[] {"Name", "StageName", "CloseDate"}) {
      assertThat(opp.fieldDef(f).orElseThrow().isRequired()).as(f).isTrue();
    }
    ObjectDef invoice = s.find("Invoice__c").orElseThrow();
    assertThat(invoice.relationshipField("Account__r").orElseThrow().name())
        .isEqualTo("Account__c");
    assertThat(s.find("Lead").orElseThrow().fieldDef("OwnerId").orElseThrow().isPolymorphic())
        .isTrue();
    // every object starts with Id and has the audit fields
    for (ObjectDef o : s.objects()) {
      assertThat(o.fieldDefs().get(0).name()).isEqualTo("Id");
      for (String audit : SystemFields.AUDIT) {
        assertThat(o.fieldDef(audit)).as(o.name() + "." + audit).isPresent();
      }
    }
  }

  @Test
  void customDefinitionsGetSystemFieldsAndChildRelationships(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("org.json");
    Files.writeString(
        file,
        """
        {"objects":[
          {"name":"Organization","keyPrefix":"00D","fields":[{"name":"Name","type":"string"}]},
          {"name":"User","keyPrefix":"005","fields":[{"name":"Username","type":"string"}]},
          {"name":"Ship__c","keyPrefix":"a05","fields":[
            {"name":"Name","type":"string","length":80,"nillable":false},
            {"name":"Code__c","type":"string","externalId":true,"unique":true},
            {"name":"Captain__c","type":"reference","referenceTo":["User"],"relationshipName":"Captain__r","childRelationshipName":"Ships__r"}
          ]}],
         "records":{"Ship__c":[{"Name":"Endeavour","Code__c":"E1"}]}}
        """);
    OrgDefinition def = OrgDefinition.read(file);
    ObjectDef ship = def.schema().find("ship__c").orElseThrow();
    assertThat(ship.fieldDefs())
        .extracting(FieldDef::name)
        .startsWith("Id", "IsDeleted")
        .contains("SystemModstamp");
    assertThat(def.schema().find("User").orElseThrow().childRelationship("Ships__r")).isPresent();
    assertThat(def.records().get("Ship__c")).hasSize(1);
  }

  @Test
  void badDefinitionsAreRefusedWithTheReason() {
    assertThatThrownBy(() ->
            parse(
                "{\"objects\":[{\"name\":\"X__c\",\"keyPrefix\":\"a01\",\"fields\":[{\"name\":\"A\",\"type\":\"strng\"}]}]}"))
        .hasMessageContaining("object X__c")
        .hasMessageContaining("unknown field type 'strng'");
    assertThatThrownBy(() ->
            parse(
                "{\"objects\":[{\"name\":\"X__c\",\"keyPrefix\":\"a01\",\"fields\":[{\"name\":\"A\",\"type\":\"string\",\"lenght\":5}]}]}"))
        .hasMessageContaining("unknown field property \"lenght\"");
    assertThatThrownBy(() ->
            parse(
                "{\"objects\":["
                    + BASICS
                    + "{\"name\":\"X__c\",\"keyPrefix\":\"a01\",\"fields\":[{\"name\":\"A\",\"type\":\"reference\",\"referenceTo\":[\"Nope\"]}]}]}"))
        .hasMessageContaining("references Nope");
    assertThatThrownBy(
            () -> parse("{\"objects\":[{\"name\":\"X__c\",\"keyPrefix\":\"a1\",\"fields\":[]}]}"))
        .hasMessageContaining("keyPrefix");
    assertThatThrownBy(
            () -> parse("{\"objects\":[{\"name\":\"X__c\",\"keyPrefix\":\"a01\",\"fields\":[]}]}"))
        .hasMessageContaining("must define a User object");
    assertThatThrownBy(() ->
            parse(
                "{\"objects\":[{\"name\":\"X__c\",\"keyPrefix\":\"a01\",\"fields\":[{\"name\":\"P__c\",\"type\":\"string\",\"compoundFieldName\":\"Q__c\"}]}]}"))
        .hasMessageContaining("compoundFieldName Q__c");
  }

  private static final String BASICS =
      "{\"name\":\"Organization\",\"keyPrefix\":\"00D\",\"fields\":[]},"
          + "{\"name\":\"User\",\"keyPrefix\":\"005\",\"fields\":[]},";

  private static OrgDefinition parse(String json) {
    return OrgDefinition.parse(JSON.readTree(json), "test");
  }
}

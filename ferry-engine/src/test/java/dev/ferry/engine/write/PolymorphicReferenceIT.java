package dev.ferry.engine.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.sf.SaveRequest;
import dev.ferry.core.sf.SaveResult;
import dev.ferry.testkit.PostgresExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A relationship external-id column behind a polymorphic lookup ({@code Lead.Owner}: Group or User)
 * is sent with the parent's type when exactly one of the types has that external id, through
 * collections and Bulk alike; when several have it the row fails with a clear message, unsent.
 */
class PolymorphicReferenceIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  static final String KEY =
      "{\"name\":\"Employee_Key__c\",\"type\":\"string\",\"length\":20,"
          + "\"externalId\":true,\"unique\":true}";

  static MappingConfig lead() {
    return MappingConfig.of(
            Access.READ_WRITE,
            List.of(
                "Id",
                "IsDeleted",
                "SystemModstamp",
                "LastName",
                "Company",
                "OwnerId",
                "Owner__Employee_Key__c",
                "Lead_Key__c"))
        .withPolling(60, false);
  }

  @Test
  void aPolymorphicReferenceIsSentWithTheOnlyTypeThatHasTheExternalId() throws Exception {
    try (WriteHarness h = WriteHarness.builder(PG).set(WriteSettings.BULK_THRESHOLD, 3).start()) {
      h.controls.addField("User", KEY);
      String user = h.admin.identity().userId();
      List<SaveResult> set =
          h.admin.save(
              SaveOperation.UPDATE,
              "User",
              List.of(new SaveRequest("User", user, Map.of("Employee_Key__c", "E-1"))),
              null);
      assertThat(set.get(0).success()).as("%s", set).isTrue();
      h.map("Lead", lead().withUpsertField("Lead_Key__c"));

      h.app.execute(
          "INSERT INTO salesforce.lead (lastname, company, owner__employee_key__c, lead_key__c)"
              + " VALUES ('One', 'Acme', 'E-1', 'L-0')");
      h.write(); // sObject Collections
      long bulk = h.apiCalls("bulk");
      h.app.execute(
          "INSERT INTO salesforce.lead (lastname, company, owner__employee_key__c, lead_key__c)"
              + " SELECT 'Bulk ' || g, 'Acme', 'E-1', 'L-' || g FROM generate_series(1, 4) g");
      h.write(); // Bulk API 2.0 upserts: 4 rows, at least the threshold of 3
      assertThat(h.app.rows("SELECT _hc_lastop FROM salesforce.lead"))
          .hasSize(5)
          .allSatisfy(r -> assertThat(r.get("_hc_lastop")).isEqualTo("INSERTED"));
      assertThat(h.apiCalls("bulk")).isGreaterThan(bulk);
      assertThat(h.query("SELECT OwnerId FROM Lead WHERE Company = 'Acme'"))
          .hasSize(5)
          .allSatisfy(r -> assertThat(r.get("OwnerId")).isEqualTo(user));
    }
  }

  @Test
  void aPolymorphicReferenceThatCouldNameSeveralTypesFailsItsRowWithoutACall() throws Exception {
    try (WriteHarness h = WriteHarness.builder(PG).start()) {
      h.controls.addField("User", KEY);
      h.controls.addField("Group", KEY);
      h.map("Lead", lead());
      long calls = h.apiCalls("composite");
      h.app.execute(
          "INSERT INTO salesforce.lead (lastname, company, owner__employee_key__c)"
              + " VALUES ('One', 'Acme', 'E-1')");
      h.write();
      assertThat(h.apiCalls("composite")).isEqualTo(calls);
      assertThat(h.entries()).containsExactly("INSERT:FAILED");
      assertThat(h.app.value("SELECT sf_message FROM salesforce._trigger_log"))
          .isEqualTo(
              "Owner is polymorphic (Group, User) and several of its types (Group, User) have"
                  + " Employee_Key__c as an external id, so Ferry cannot tell which type"
                  + " owner__employee_key__c names; set the lookup column (ownerid) to the"
                  + " parent's sfid instead");
      assertThat(h.app.value("SELECT _hc_lastop FROM salesforce.lead")).isEqualTo("FAILED");
    }
  }
}

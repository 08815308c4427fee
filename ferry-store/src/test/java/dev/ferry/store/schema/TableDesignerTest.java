package dev.ferry.store.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.error.ConfigException;
import dev.ferry.core.model.Access;
import dev.ferry.core.model.ColumnRole;
import dev.ferry.core.model.ColumnSpec;
import dev.ferry.core.model.IndexSpec;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.model.TableDesigner;
import dev.ferry.core.model.TableSpec;
import dev.ferry.core.model.TypeMode;
import dev.ferry.core.sf.FieldType;
import dev.ferry.core.sf.SObjectDescribe;
import dev.ferry.store.Fixtures;
import dev.ferry.testkit.sf.Describes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure table model (ferry-core), checked here where the describe fixtures live. */
class TableDesignerTest {

  @Test
  void relationshipExternalIdColumnsAreTypedLikeTheParentField() {
    TableSpec t = Fixtures.contact(Access.READ_WRITE);
    ColumnSpec rel = t.column("account__external_id__c").orElseThrow();
    assertThat(rel.role()).isEqualTo(ColumnRole.RELATIONSHIP_EXTERNAL_ID);
    assertThat(rel.sourcePath()).isEqualTo("Account.External_Id__c");
    assertThat(rel.type().sql()).isEqualTo("character varying(100)");
    assertThat(t.columnForSource("account.external_id__c")).contains(rel);
    assertThat(
            TableDesigner.parentsNeeded(
                Describes.contact(), Fixtures.contactConfig(Access.READ_WRITE)))
        .containsExactly("Account");
  }

  @Test
  void indexesFollowTheConfigAndTheUpsertField() {
    assertThat(Fixtures.contact(Access.READ_WRITE).indexes())
        .containsExactly(
            new IndexSpec("hcu_idx_contact_sfid", List.of("sfid"), true),
            new IndexSpec("hc_idx_contact_systemmodstamp", List.of("systemmodstamp"), false),
            new IndexSpec("hc_idx_contact_email", List.of("email"), false),
            new IndexSpec("hcu_idx_contact_contact_uuid__c", List.of("contact_uuid__c"), true));
  }

  @Test
  void exactTypesUseNumericAndTimestamptz() {
    TableSpec t = Fixtures.contact(Access.READ_ONLY, TypeMode.EXACT);
    assertThat(t.column("score__c").orElseThrow().type().sql()).isEqualTo("numeric(16,2)");
    assertThat(t.column("systemmodstamp").orElseThrow().type().sql())
        .isEqualTo("timestamp with time zone");
    assertThat(t.column("birthdate").orElseThrow().type().sql()).isEqualTo("date");
  }

  @Test
  void reportsEveryProblemAgainstTheDescribe() {
    MappingConfig bad =
        MappingConfig.of(
                Access.READ_WRITE,
                List.of("Name", "Email", "Nope__c", "Owner__Ext__c", "MailingAddress"))
            .withIndexes(Map.of("MailingAddress", false))
            .withUpsertField("Email");
    SObjectDescribe contact =
        Describes.object("Contact")
            .field(Describes.f("Name", FieldType.STRING, 121))
            .field(Describes.f("Email", FieldType.EMAIL, 80))
            .address("MailingAddress", "Mailing")
            .build();
    assertThatThrownBy(() -> TableDesigner.herokuConnect().design(contact, bad, Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        "mapping Contact: fields must include SystemModstamp (Contact's change stamp)",
                        "mapping Contact: fields must include Id (stored as sfid)",
                        "mapping Contact: unknown field 'Nope__c' on Contact",
                        "mapping Contact: unknown field 'Owner__Ext__c' on Contact",
                        "mapping Contact: upsert_field 'Email' is not one of the mapped fields"
                            .replace(
                                "is not one of the mapped fields",
                                "must be an External ID (or idLookup) field of Contact"),
                        "mapping Contact: indexes: 'MailingAddress' is a compound field; index its components"));
  }

  @Test
  void objectsWithoutSystemModstampUseLastModifiedDate() {
    SObjectDescribe share =
        Describes.object("AccountShare")
            .without("SystemModstamp")
            .field(Describes.f("LastModifiedDate", FieldType.DATETIME, 0))
            .build();
    TableSpec t =
        TableDesigner.herokuConnect()
            .design(
                share,
                MappingConfig.of(Access.READ_ONLY, List.of("Id", "IsDeleted", "LastModifiedDate")),
                Map.of());
    assertThat(t.modstampColumn().name()).isEqualTo("lastmodifieddate");
    assertThat(t.indexes())
        .extracting(IndexSpec::name)
        .contains("hc_idx_accountshare_lastmodifieddate");
    SObjectDescribe none = Describes.object("Weird").without("SystemModstamp").build();
    assertThatThrownBy(() ->
            TableDesigner.herokuConnect()
                .design(none, MappingConfig.of(Access.READ_ONLY, List.of("Id")), Map.of()))
        .hasMessageContaining("has neither SystemModstamp nor LastModifiedDate");
  }

  @Test
  void upsertFieldMustBeAnExternalId() {
    MappingConfig c = Fixtures.contactConfig(Access.READ_WRITE).withUpsertField("Email");
    assertThatThrownBy(() ->
            TableDesigner.herokuConnect()
                .design(Describes.contact(), c, Map.of("Account", Describes.account())))
        .hasMessageContaining("upsert_field 'Email' must be an External ID");
  }

  @Test
  void readWriteMappingsWarnAboutUnmappedRequiredFields() {
    TableSpec t =
        TableDesigner.herokuConnect()
            .design(
                Describes.contact(),
                MappingConfig.of(Access.READ_WRITE, List.of("Id", "SystemModstamp")),
                Map.of());
    assertThat(t.warnings())
        .contains("Fields needed for insertion to Salesforce need to be mapped: LastName");
    assertThat(t.column("isdeleted")).isPresent(); // pre-selected like Heroku Connect
  }

  @Test
  void objectsWithoutIsDeletedGetNoIsdeletedColumn() {
    // Heroku Connect's "user" has no isdeleted (../shared/hc-real/ddl/01-*.sql): an application's
    // "WHERE isdeleted = false" must fail loudly there, not match nothing against a NULL column.
    TableSpec user =
        TableDesigner.herokuConnect()
            .design(
                Describes.object("User")
                    .without("IsDeleted")
                    .field(Describes.f("Username", FieldType.STRING, 80))
                    .build(),
                MappingConfig.of(Access.READ_ONLY, List.of("Id", "SystemModstamp", "Username")),
                Map.of());
    assertThat(user.columns()).extracting(ColumnSpec::name).doesNotContain("isdeleted");
    assertThat(user.sourcePaths()).doesNotContain("IsDeleted");
  }

  @Test
  void longNamesAreShortenedWithoutCollisions() {
    String object = "A_Very_Long_Custom_Object_Name_Of_Forty__c";
    SObjectDescribe d =
        Describes.object(object)
            .field(
                Describes.f("Some_Very_Long_External_Identifier_One__c", FieldType.STRING, 50)
                    .externalId())
            .build();
    TableSpec t =
        TableDesigner.herokuConnect()
            .design(
                d,
                MappingConfig.of(
                        Access.READ_WRITE,
                        List.of(
                            "Id", "SystemModstamp", "Some_Very_Long_External_Identifier_One__c"))
                    .withUpsertField("Some_Very_Long_External_Identifier_One__c"),
                Map.of());
    assertThat(t.indexes()).allSatisfy(i -> assertThat(i.name().length()).isLessThanOrEqualTo(63));
    assertThat(t.indexes()).extracting(IndexSpec::name).doesNotHaveDuplicates();
  }
}

package dev.ferry.app.hc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.control.MappingDefinition;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.state.ConnectionState;
import dev.ferry.core.store.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigFileTest {
  /** The example of heroku-connect.md §8.3, verbatim. */
  static final String EXPORT =
      """
      {
        "version": 1,
        "connection": {
          "app_name": "my-app",
          "organization_id": "00D0R000000DHZVUA4",
          "exported_at": "2019-04-04T13:25:57.541610+00:00",
          "features": {"poll_db_no_merge": true, "poll_external_ids": false,
                       "rest_count_only": false, "disable_bulk_writes": false},
          "api_version": "45.0",
          "name": "my-app",
          "logplex_log_enabled": false
        },
        "mappings": [
          {
            "object_name": "Contact",
            "config": {
              "access": "read_write",
              "sf_notify_enabled": true,
              "sf_polling_seconds": 600,
              "sf_max_daily_api_calls": 30000,
              "fields": {"Id": {}, "IsDeleted": {}, "SystemModstamp": {}, "CreatedDate": {},
                         "FirstName": {}, "LastName": {}, "AccountId": {}, "Email": {},
                         "Contact_UUID__c": {}},
              "indexes": {"Id": {"unique": true}, "SystemModstamp": {"unique": false},
                          "Contact_UUID__c": {"unique": true}},
              "upsert_field": "Contact_UUID__c"
            }
          }
        ]
      }
      """;

  @Test
  void readsHerokuConnectsExportFormat() {
    ConfigFile.Parsed parsed = ConfigFile.parse(EXPORT, "export.json");
    assertThat(parsed.warnings()).isEmpty();
    MappingDefinition contact = parsed.mappings().getFirst();
    assertThat(contact.objectName()).isEqualTo("Contact");
    MappingConfig c = contact.config();
    assertThat(c.access()).isEqualTo(Access.READ_WRITE);
    assertThat(c.sfNotifyEnabled()).isTrue();
    assertThat(c.sfPollingSeconds()).isEqualTo(600);
    assertThat(c.sfMaxDailyApiCalls()).isEqualTo(30000);
    assertThat(c.fields())
        .containsExactly(
            "Id",
            "IsDeleted",
            "SystemModstamp",
            "CreatedDate",
            "FirstName",
            "LastName",
            "AccountId",
            "Email",
            "Contact_UUID__c");
    assertThat(c.indexes())
        .containsExactly(
            Map.entry("Id", true),
            Map.entry("SystemModstamp", false),
            Map.entry("Contact_UUID__c", true));
    assertThat(c.upsertField()).isEqualTo("Contact_UUID__c");
  }

  @Test
  void exportThenImportGivesTheSameMappings() {
    List<MappingDefinition> mappings = ConfigFile.parse(EXPORT, "export.json").mappings();
    Connection conn =
        new Connection(
            ConnectionId.random(),
            "my-app",
            "salesforce",
            ConnectionState.IDLE,
            1,
            null,
            "00D0R000000DHZVUA4",
            "https://x.my.salesforce.com",
            "62.0",
            Map.of("poll_db_no_merge", true),
            null,
            Instant.EPOCH,
            Instant.EPOCH);
    var doc = ConfigFile.export(conn, mappings, Instant.parse("2025-01-02T03:04:05.123456Z"));
    assertThat(doc.get("version").intValue()).isEqualTo(1);
    assertThat(doc.get("connection").get("exported_at").stringValue())
        .isEqualTo("2025-01-02T03:04:05.123456+00:00");
    assertThat(doc.get("connection").get("organization_id").stringValue())
        .isEqualTo("00D0R000000DHZVUA4");
    assertThat(ConfigFile.read(doc, "round trip").mappings()).isEqualTo(mappings);
  }

  @Test
  void everyProblemIsReportedNamingTheMappingAndTheKey() {
    String bad =
        """
        {"version": 2, "mappings": [
          {"object_name": "Account", "config": {"access": "write", "fields": {"Id": {}},
            "sf_polling_seconds": "often"}},
          {"object_name": "Contact", "config": {"access": "read_only", "fields": {"Id": true},
            "indexes": {"Id": {"uniq": true}}, "upsert_field": 7}},
          {"config": {}},
          {"object_name": "Lead", "config": {"access": "read_only",
            "fields": {"Id": {}, "SystemModstamp": {}}, "sf_polling_seconds": 0,
            "upsert_field": "Email"}},
          {"object_name": "account", "config": {"access": "read_only", "fields": {"Id": {}}}}
        ]}
        """;
    assertThatThrownBy(() -> ConfigFile.parse(bad, "import.json"))
        .isInstanceOfSatisfying(
            InvalidDocumentException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        "import.json: version must be 1, got 2",
                        "import.json: mappings[0] (Account): config.access must be \"read_only\" or"
                            + " \"read_write\", got \"write\"",
                        "import.json: mappings[0] (Account): config.sf_polling_seconds must be a whole"
                            + " number, got \"often\"",
                        "import.json: mappings[1] (Contact): config.fields.Id must be an object ({}), got"
                            + " true",
                        "import.json: mappings[1] (Contact): config.indexes.Id must be {\"unique\": true}"
                            + " or {\"unique\": false}",
                        "import.json: mappings[1] (Contact): config.upsert_field must be a field name or"
                            + " null",
                        "import.json: mappings[2]: object_name is required (a Salesforce object name)",
                        "import.json: mappings[2]: config.access is required: \"read_only\" or"
                            + " \"read_write\"",
                        "import.json: mappings[2]: config.fields is required: an object keyed by field"
                            + " name, e.g. {\"Id\": {}}",
                        "import.json: mappings[3] (Lead): config.sf_polling_seconds must be between 1 and"
                            + " 86400, got 0",
                        "import.json: mappings[3] (Lead): config.upsert_field: 'Email' is not one of the"
                            + " mapped fields",
                        "import.json: mappings[4] (account): the object is already mapped by"
                            + " mappings[0]"));
  }

  @Test
  void notJsonSaysWhere() {
    assertThatThrownBy(() -> ConfigFile.parse("{\"version\": 1, \"mappings\": [", "f.json"))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("f.json is not valid JSON at line 1");
    assertThatThrownBy(() -> ConfigFile.parse("[]", "f.json"))
        .hasMessageContaining("must be a JSON object");
    assertThatThrownBy(() -> ConfigFile.parse("{\"mappings\": [], \"mappings\": []}", "f.json"))
        .hasMessageContaining("Duplicate");
  }

  @Test
  void unknownKeysAreIgnoredWithAWarningAndApiOnlyKeysSilently() {
    String doc =
        """
        {"mappings": [{"object_name": "Account", "extra": 1, "config": {"access": "read_only",
          "fields": {"Id": {}, "SystemModstamp": {}}, "revision": 3,
          "applied_at": "2019-01-01T00:00:00+00:00", "sf_filter": "x"}}], "comment": "hi"}
        """;
    ConfigFile.Parsed parsed = ConfigFile.parse(doc, "f.json");
    assertThat(parsed.mappings()).hasSize(1);
    assertThat(parsed.warnings())
        .containsExactlyInAnyOrder(
            "unknown key 'comment' ignored",
            "mappings[0] (Account): unknown key 'extra' ignored",
            "mappings[0] (Account): config.sf_filter is not a known mapping setting; ignored");
  }
}

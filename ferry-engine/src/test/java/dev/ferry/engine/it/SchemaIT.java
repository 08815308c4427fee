package dev.ferry.engine.it;

import static dev.ferry.core.state.MappingState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.error.ConfigException;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.engine.env.EngineSettings;
import dev.ferry.testkit.PostgresExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Mapping configs are checked against the describe before anything is applied; fields added to a
 * mapping go through SCHEMA_CHANGED (ALTER TABLE) and RESYNC (back-fill); a mapped field removed in
 * Salesforce puts the mapping in BAD_CONFIG until its config is fixed.
 */
class SchemaIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  private static final List<String> FIELDS = List.of("Id", "SystemModstamp", "LastName");

  private static SyncHarness.Builder harness() {
    Map<String, Integer> data = new LinkedHashMap<>();
    data.put("Account", 2);
    data.put("Contact", 25);
    return SyncHarness.builder(PG).generate(data);
  }

  @Test
  void invalidConfigsAreRefusedNamingEveryProblemAndNothingIsApplied() throws Exception {
    try (SyncHarness h = harness().start()) {
      assertThatThrownBy(() -> h.map("Starship__c", "Id", "SystemModstamp"))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("unknown object 'Starship__c'");
      assertThatThrownBy(() -> h.map("Contact", "Id", "SystemModstamp", "Warp__c", "Shields__c"))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("Warp__c")
          .hasMessageContaining("Shields__c");
      assertThatThrownBy(() -> h.map("Contact", "Id", "LastName"))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("SystemModstamp");
      assertThatThrownBy(() ->
              h.map(
                  "Contact",
                  MappingConfig.of(Access.READ_WRITE, List.of("Id", "SystemModstamp", "Email"))))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("read_write")
          .hasMessageContaining("LastName");
      assertThatThrownBy(() ->
              h.map(
                  "Contact",
                  MappingConfig.of(Access.READ_ONLY, FIELDS).withUpsertField("LastName")))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("upsert_field");
      assertThatThrownBy(() -> MappingConfig.of(Access.READ_ONLY, FIELDS).withPolling(0, false))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("sf_polling_seconds");
      assertThat(h.service.connection(h.connection).mappings()).isEmpty();
      assertThat(h.stores.sync.schemaAdmin().tableExists("salesforce", "contact")).isFalse();
    }
  }

  @Test
  void fieldsAddedAreAlteredAndBackFilledAndAFieldRemovedInSalesforceIsBadConfig()
      throws Exception {
    try (SyncHarness h = harness().start()) {
      h.controls.addField("Contact", "{\"name\":\"Tier__c\",\"type\":\"string\",\"length\":20}");
      List<String> ids = ReadPathIT.ids(h, "Contact");
      for (int i = 0; i < ids.size(); i++)
        h.update("Contact", ids.get(i), Map.of("Tier__c", "T" + (i % 3)));
      MappingId id = h.map("Contact", MappingConfig.of(Access.READ_ONLY, FIELDS));
      h.advance(Duration.ofSeconds(3));
      h.runUntil(id, DATA_SYNCED, 2);
      assertThat(h.stores.sync.schemaAdmin().columns("salesforce", "contact"))
          .doesNotContainKey("tier__c");

      MappingConfig more = MappingConfig.of(Access.READ_ONLY, with(FIELDS, "Tier__c", "Email"));
      h.service.updateMapping(id, more);
      assertThat(h.state(id)).isEqualTo(SCHEMA_CHANGED);
      h.events.clear();
      h.run(id);
      assertThat(h.events.states(id)).containsExactly(RESYNC, DATA_SYNCED);
      assertThat(h.db.count("SELECT count(*) FROM salesforce.contact WHERE tier__c IS NULL"))
          .isZero();
      assertThat(Comparison.differences(h.admin(), h.db, "salesforce", "Contact", more)).isEmpty();

      // removed in Salesforce: the next read that names it fails, the describe confirms it
      h.controls.removeField("Contact", "Tier__c");
      h.update("Contact", ids.get(0), Map.of("LastName", "Touched"));
      h.advance(Duration.ofSeconds(3));
      h.run(id);
      assertThat(h.state(id)).isEqualTo(BAD_CONFIG);
      assertThat(h.mapping(id).error()).contains("Tier__c");
      h.run(id);
      assertThat(h.state(id)).isEqualTo(BAD_CONFIG);

      // fixing the config brings it back; the column stays (Ferry never drops data)
      h.service.updateMapping(id, MappingConfig.of(Access.READ_ONLY, with(FIELDS, "Email")));
      h.runUntil(id, DATA_SYNCED, 3);
      h.run(id); // polls again
      assertThat(h.db.count("SELECT count(*) FROM salesforce.contact WHERE lastname = 'Touched'"))
          .isEqualTo(1);
      assertThat(h.stores.sync.schemaAdmin().columns("salesforce", "contact"))
          .containsKey("tier__c");
    }
  }

  @Test
  void aFieldRemovedIsNoticedByThePeriodicDescribeEvenWithoutChanges() throws Exception {
    try (SyncHarness h =
        harness().set(EngineSettings.DESCRIBE_CHECK, Duration.ofSeconds(30)).start()) {
      h.controls.addField("Contact", "{\"name\":\"Tier__c\",\"type\":\"string\",\"length\":20}");
      MappingId id = h.map("Contact", MappingConfig.of(Access.READ_ONLY, with(FIELDS, "Tier__c")));
      h.advance(Duration.ofSeconds(3));
      h.runUntil(id, DATA_SYNCED, 2);
      h.controls.removeField("Contact", "Tier__c");
      h.advance(Duration.ofSeconds(31));
      h.run(id);
      assertThat(h.state(id)).isEqualTo(BAD_CONFIG);
      assertThat(h.mapping(id).error()).contains("Tier__c");
    }
  }

  private static List<String> with(List<String> base, String... more) {
    List<String> out = new ArrayList<>(base);
    out.addAll(List.of(more));
    return out;
  }
}

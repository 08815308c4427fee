package dev.ferry.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.error.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MappingConfigTest {

  @Test
  void defaultsAreHerokuConnects() {
    MappingConfig c = MappingConfig.of(Access.READ_ONLY, List.of("Id", "SystemModstamp"));
    assertThat(c.sfPollingSeconds()).isEqualTo(600);
    assertThat(c.sfMaxDailyApiCalls()).isEqualTo(30_000);
    assertThat(c.sfNotifyEnabled()).isFalse();
    assertThat(c.upsertField()).isNull();
    assertThat(c.hasField("systemmodstamp")).isTrue();
  }

  @Test
  void reportsEveryProblemAtOnce() {
    assertThatThrownBy(() ->
            new MappingConfig(
                null,
                List.of("Id", "Name", "name", "bad name", "x\"; drop table t; --"),
                Map.of("Email", true),
                "Ext__c",
                0,
                false,
                -1))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        "access is required (\"read_only\" or \"read_write\")",
                        "fields: 'name' is listed twice",
                        "fields: 'bad name' is not a Salesforce field API name (a letter, then"
                            + " letters, digits and underscores)",
                        "fields: 'x\"; drop table t; --' is not a Salesforce field API name (a"
                            + " letter, then letters, digits and underscores)",
                        "indexes: 'Email' is not one of the mapped fields",
                        "upsert_field: 'Ext__c' is not one of the mapped fields",
                        "sf_polling_seconds must be between 1 and 86400, got 0",
                        "sf_max_daily_api_calls must not be negative, got -1"));
  }

  @Test
  void accessSpellsLikeTheJson() {
    assertThat(Access.fromJson("read_write")).isEqualTo(Access.READ_WRITE);
    assertThat(Access.READ_ONLY.jsonValue()).isEqualTo("read_only");
    assertThatThrownBy(() -> Access.fromJson("write")).hasMessageContaining("\"write\"");
  }

  @Test
  void pollingDownToOneSecondIsAllowed() {
    MappingConfig c =
        MappingConfig.of(Access.READ_ONLY, List.of("Id", "SystemModstamp")).withPolling(1, true);
    assertThat(c.sfPollingSeconds()).isEqualTo(1);
    assertThat(c.sfNotifyEnabled()).isTrue();
  }
}

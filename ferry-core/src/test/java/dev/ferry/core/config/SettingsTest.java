package dev.ferry.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.error.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
  static final Setting<Integer> PORT =
      Setting.integer("ferry.port", "FERRY_PORT")
          .group("Server")
          .defaultValue(8080)
          .validate(Setting.Checks.between(1, 65535))
          .doc("HTTP port.")
          .build();
  static final Setting<Duration> DELAY =
      Setting.seconds("ferry.drift.delay-seconds", "FERRY_DRIFT_DELAY_SECONDS")
          .group("Sync")
          .defaultValue(Duration.ofMinutes(5))
          .doc("Delay before a secondary poll.")
          .build();
  static final Setting<String> TOKEN =
      Setting.string("ferry.api-token", "FERRY_API_TOKEN").secret().doc("API token.").build();
  static final List<Setting<?>> ALL = List.of(PORT, DELAY, TOKEN);

  @Test
  void flagsBeatEnvironmentBeatFileBeatDefaults() {
    Settings s =
        Settings.resolve(
            ALL,
            Map.of("ferry.port", "9000"),
            Map.of("FERRY_PORT", "9001", "FERRY_DRIFT_DELAY_SECONDS", "7"),
            Map.of("ferry.port", "9002"));
    assertThat(s.get(PORT)).isEqualTo(9000);
    assertThat(s.get(DELAY)).isEqualTo(Duration.ofSeconds(7));
    assertThat(s.get(TOKEN)).isNull();
    assertThat(Settings.defaults(ALL).get(PORT)).isEqualTo(8080);
  }

  @Test
  void reportsEveryProblemAtOnceAndMasksSecrets() {
    assertThatThrownBy(() ->
            Settings.resolve(
                ALL,
                Map.of(),
                Map.of("FERRY_PORT", "0", "FERRY_DRIFT_DELAY_SECONDS", "soon"),
                Map.of()))
        .isInstanceOf(ConfigException.class)
        .satisfies(e ->
            assertThat(((ConfigException) e).problems())
                .containsExactly(
                    "FERRY_PORT must be between 1 and 65535, got 0",
                    "FERRY_DRIFT_DELAY_SECONDS must be seconds, got 'soon'"));
    Settings s = Settings.resolve(ALL, Map.of(), Map.of("FERRY_API_TOKEN", "hunter2"), Map.of());
    assertThat(s.describe()).contains("FERRY_API_TOKEN=<masked>").doesNotContain("hunter2");
  }

  @Test
  void generatesAReferenceGroupedBySection() {
    String md = ConfigReference.markdown("Configuration", ALL);
    assertThat(md)
        .contains("## Server")
        .contains("| `FERRY_PORT` | `ferry.port` | integer | `8080` | HTTP port. |")
        .contains("## Sync")
        .contains("`300`")
        .contains("API token. (secret)");
  }
}

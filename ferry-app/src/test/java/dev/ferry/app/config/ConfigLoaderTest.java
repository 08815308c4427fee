package dev.ferry.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.config.Settings;
import dev.ferry.core.control.SalesforceCredentials;
import dev.ferry.core.error.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static Settings load(
      Map<String, String> flags, Map<String, String> env, Map<String, String> file) {
    return ConfigLoader.load(
        FerrySettings.all(),
        new ConfigSources(flags, env, file, "ferry.properties"),
        List.of(EnvConnection.CHECK));
  }

  @Test
  void flagsBeatEnvironmentBeatFileBeatDefaults() {
    Settings s =
        load(
            Map.of("ferry.server.port", "9000"),
            Map.of("FERRY_PORT", "9001", "FERRY_SCHEMA", "sf_env"),
            Map.of(
                "ferry.server.port",
                "9002",
                "ferry.schema",
                "sf_file",
                "ferry.log.format",
                "json"));
    assertThat(s.get(AppSettings.PORT)).isEqualTo(9000);
    assertThat(s.get(AppSettings.SCHEMA)).isEqualTo("sf_env");
    assertThat(s.get(AppSettings.LOG_FORMAT)).hasToString("JSON");
    assertThat(s.get(AppSettings.HOST)).isEqualTo("127.0.0.1");
    assertThat(s.get(AppSettings.SF_LOGIN_URL)).isEqualTo("https://login.salesforce.com");
  }

  @Test
  void reportsEveryProblemAtOnceWithoutShowingSecrets() {
    assertThatThrownBy(() ->
            load(
                Map.of("ferry.no-such-thing", "1"),
                Map.of(
                    "FERRY_PORT", "eighty",
                    "FERRY_SCHEMA", "Bad-Schema",
                    "DATABASE_URL", "mysql://root:hunter2@db/x",
                    "FERRY_API_TOKEN", "short",
                    "FERRY_SF_PASSWORD", "pw-s3cret"),
                Map.of("ferry.typo", "x")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.problems())
                  .anyMatch(p -> p.contains("FERRY_PORT") && p.contains("integer"))
                  .anyMatch(p -> p.contains("FERRY_SCHEMA"))
                  .anyMatch(p -> p.contains("DATABASE_URL"))
                  .anyMatch(p -> p.contains("FERRY_API_TOKEN") && p.contains("16"))
                  .anyMatch(p -> p.contains("--set ferry.no-such-thing: unknown setting"))
                  .anyMatch(p -> p.contains("ferry.properties: unknown setting 'ferry.typo'"))
                  .anyMatch(p -> p.contains("FERRY_SF_CLIENT_ID is required"))
                  .anyMatch(p -> p.contains("FERRY_SF_PASSWORD needs FERRY_SF_USERNAME"))
                  .anyMatch(p -> p.contains("FERRY_SF_CLIENT_SECRET"));
              assertThat(e.getMessage()).doesNotContain("hunter2", "pw-s3cret", "short'");
            });
  }

  @Test
  void passwordFlowFromTheEnvironment() {
    Settings s =
        load(
            Map.of(),
            Map.of(
                "FERRY_SF_LOGIN_URL", "http://127.0.0.1:8484",
                "FERRY_SF_CLIENT_ID", "cid",
                "FERRY_SF_CLIENT_SECRET", "csecret",
                "FERRY_SF_USERNAME", "admin@example.com",
                "FERRY_SF_PASSWORD", "pw"),
            Map.of());
    SalesforceCredentials c = EnvConnection.credentials(s).orElseThrow();
    assertThat(c.flow()).isEqualTo(SalesforceCredentials.Flow.PASSWORD);
    assertThat(c.loginUrl()).isEqualTo("http://127.0.0.1:8484");
    assertThat(c.password()).isEqualTo("pw");
    assertThat(c.toString()).doesNotContain("csecret").doesNotContain("pw]");
  }

  @Test
  void refreshTokenAndJwtFlows(@TempDir Path dir) throws Exception {
    Settings refresh =
        load(
            Map.of(),
            Map.of("FERRY_SF_CLIENT_ID", "cid", "FERRY_SF_REFRESH_TOKEN", "rt"),
            Map.of());
    assertThat(EnvConnection.credentials(refresh).orElseThrow().flow())
        .isEqualTo(SalesforceCredentials.Flow.REFRESH_TOKEN);

    Path key = dir.resolve("key.pem");
    Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n");
    Settings jwt =
        load(
            Map.of(),
            Map.of(
                "FERRY_SF_CLIENT_ID", "cid",
                "FERRY_SF_USERNAME", "u@example.com",
                "FERRY_SF_JWT_KEY_FILE", key.toString()),
            Map.of());
    SalesforceCredentials c = EnvConnection.credentials(jwt).orElseThrow();
    assertThat(c.flow()).isEqualTo(SalesforceCredentials.Flow.JWT_BEARER);
    assertThat(c.privateKeyPem()).contains("BEGIN PRIVATE KEY");
  }

  @Test
  void ambiguousOrIncompleteFlowsAreRefused(@TempDir Path dir) {
    assertThatThrownBy(() ->
            load(
                Map.of(),
                Map.of(
                    "FERRY_SF_CLIENT_ID", "cid",
                    "FERRY_SF_REFRESH_TOKEN", "rt",
                    "FERRY_SF_JWT_KEY_FILE", dir.resolve("missing.pem").toString()),
                Map.of()))
        .hasMessageContaining("choose one Salesforce login flow");
    assertThatThrownBy(() -> load(Map.of(), Map.of("FERRY_SF_CLIENT_ID", "cid"), Map.of()))
        .hasMessageContaining("no Salesforce login flow");
    assertThatThrownBy(() ->
            load(
                Map.of(),
                Map.of(
                    "FERRY_SF_CLIENT_ID", "cid",
                    "FERRY_SF_USERNAME", "u",
                    "FERRY_SF_JWT_KEY_FILE", dir.resolve("missing.pem").toString()),
                Map.of()))
        .hasMessageContaining("FERRY_SF_JWT_KEY_FILE names a file that cannot be read");
  }

  @Test
  void noEnvironmentConnectionWhenNothingIsSet() {
    assertThat(EnvConnection.credentials(load(Map.of(), Map.of(), Map.of()))).isEmpty();
  }
}

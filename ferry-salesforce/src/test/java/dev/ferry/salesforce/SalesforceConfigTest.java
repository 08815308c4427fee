package dev.ferry.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.error.ConfigException;
import dev.ferry.salesforce.auth.Credentials;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SalesforceConfigTest {
  private static final Credentials PASSWORD =
      new Credentials.UsernamePassword(
          "client-id", "s3cret-client", "user@example.com", "pw-TOKEN");

  @Test
  void defaultsAreTheDocumentedConstants() {
    SalesforceConfig s = SalesforceConfig.builder().credentials(PASSWORD).build();
    assertThat(s.loginUrl()).isEqualTo(SalesforceConfig.DEFAULT_LOGIN_URL);
    assertThat(s.apiVersion()).isEqualTo("62.0");
    assertThat(s.dataPath()).isEqualTo("/services/data/v62.0");
    assertThat(s.queryBatchSize()).isEqualTo(2000);
    assertThat(s.uploadLimitBytes()).isEqualTo(100_000_000L);
    assertThat(s.maxAttempts()).isEqualTo(5);
    assertThat(s.callOptionsClient()).isEqualTo("ferry");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    assertThatThrownBy(() ->
            SalesforceConfig.builder()
                .loginUrl("ftp://example.com")
                .apiVersion("v62")
                .queryBatchSize(100)
                .maxAttempts(0)
                .initialBackoff(Duration.ofMinutes(2))
                .maxBackoff(Duration.ofMinutes(1))
                .uploadLimitBytes(200_000_000L)
                .build())
        .isInstanceOf(ConfigException.class)
        .satisfies(e ->
            assertThat(((ConfigException) e).problems())
                .hasSize(7)
                .anyMatch(p -> p.contains("loginUrl"))
                .anyMatch(p -> p.contains("credentials are required"))
                .anyMatch(p -> p.contains("apiVersion must look like 62.0, got 'v62'"))
                .anyMatch(p -> p.contains("queryBatchSize must be between 200 and 2000"))
                .anyMatch(p -> p.contains("maxAttempts"))
                .anyMatch(p -> p.contains("initialBackoff (PT2M) exceeds maxBackoff"))
                .anyMatch(p -> p.contains("uploadLimitBytes")));
  }

  @Test
  void refusesApiVersionsWithoutBulkQuery() {
    assertThatThrownBy(
            () -> SalesforceConfig.builder().credentials(PASSWORD).apiVersion("46.0").build())
        .hasMessageContaining("at least 47.0");
  }

  @Test
  void neverPrintsSecrets() {
    String shown =
        SalesforceConfig.builder().credentials(PASSWORD).build().toString()
            + new Credentials.RefreshToken("cid", "csecret", "5Aep861refresh").toString()
            + new Credentials.ClientCredentials("cid", "csecret").toString();
    assertThat(shown)
        .doesNotContain("s3cret-client", "pw-TOKEN", "csecret", "5Aep861refresh")
        .contains("user@example.com", "<masked>");
  }

  @Test
  void toBuilderRoundTrips() {
    SalesforceConfig s =
        SalesforceConfig.builder().credentials(PASSWORD).queryBatchSize(500).build();
    assertThat(s.toBuilder().build()).isEqualTo(s);
  }

  @Test
  void declaredSettingsResolveFromTheEnvironment() {
    dev.ferry.core.config.Settings resolved =
        dev.ferry.core.config.Settings.resolve(
            SalesforceSettings.all(),
            java.util.Map.of(),
            java.util.Map.of(
                "FERRY_SALESFORCE_API_VERSION", "60.0",
                "FERRY_SALESFORCE_QUERY_BATCH_SIZE", "500",
                "FERRY_SALESFORCE_LOGIN_URL", "https://test.salesforce.com"),
            java.util.Map.of());
    SalesforceConfig s = SalesforceSettings.builder(resolved).credentials(PASSWORD).build();
    assertThat(s.apiVersion()).isEqualTo("60.0");
    assertThat(s.queryBatchSize()).isEqualTo(500);
    assertThat(s.loginUrl().toString()).isEqualTo("https://test.salesforce.com");
    SalesforceConfig fromDefaults =
        SalesforceSettings.builder(
                dev.ferry.core.config.Settings.defaults(SalesforceSettings.all()))
            .credentials(PASSWORD)
            .build();
    SalesforceConfig plain = SalesforceConfig.builder().credentials(PASSWORD).build();
    assertThat(fromDefaults.toBuilder().clock(plain.clock()).sleeper(plain.sleeper()).build())
        .isEqualTo(plain);
    assertThatThrownBy(() ->
            dev.ferry.core.config.Settings.resolve(
                SalesforceSettings.all(),
                java.util.Map.of(),
                java.util.Map.of("FERRY_SALESFORCE_QUERY_BATCH_SIZE", "5"),
                java.util.Map.of()))
        .hasMessageContaining("FERRY_SALESFORCE_QUERY_BATCH_SIZE must be between 200 and 2000");
  }
}

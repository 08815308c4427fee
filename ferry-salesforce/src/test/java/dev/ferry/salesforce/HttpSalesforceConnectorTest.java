package dev.ferry.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.control.SalesforceCredentials;
import dev.ferry.core.control.SalesforceCredentials.Flow;
import dev.ferry.core.error.ConfigException;
import dev.ferry.core.port.SalesforceApi;
import dev.ferry.salesforce.auth.Credentials;
import dev.ferry.salesforce.testing.Fixtures;
import org.junit.jupiter.api.Test;

class HttpSalesforceConnectorTest {
  @Test
  void everyFlowMapsToItsCredentials() {
    assertThat(
            HttpSalesforceConnector.credentials(creds(Flow.PASSWORD, "sec", "u", "pw", null, null)))
        .isEqualTo(new Credentials.UsernamePassword("cid", "sec", "u", "pw"));
    assertThat(
            HttpSalesforceConnector.credentials(
                creds(Flow.REFRESH_TOKEN, "", null, null, "rt", null)))
        .isEqualTo(new Credentials.RefreshToken("cid", null, "rt"));
    assertThat(
            HttpSalesforceConnector.credentials(
                creds(Flow.CLIENT_CREDENTIALS, "sec", null, null, null, null)))
        .isEqualTo(new Credentials.ClientCredentials("cid", "sec"));
    assertThat(
            HttpSalesforceConnector.credentials(
                creds(Flow.JWT_BEARER, null, "u", null, null, Fixtures.text("rsa-pkcs8.pem"))))
        .isInstanceOf(Credentials.JwtBearer.class);
  }

  @Test
  void missingFieldsAreNamedTogether() {
    assertThatThrownBy(() ->
            HttpSalesforceConnector.credentials(creds(Flow.PASSWORD, null, "u", " ", null, null)))
        .isInstanceOf(ConfigException.class)
        .satisfies(e ->
            assertThat(((ConfigException) e).problems())
                .containsExactly(
                    "salesforce credentials: clientSecret is required for the PASSWORD flow",
                    "salesforce credentials: password is required for the PASSWORD flow"));
    assertThatThrownBy(() ->
            HttpSalesforceConnector.credentials(
                creds(Flow.JWT_BEARER, null, "u", null, null, "garbage")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("no PEM private key found");
  }

  @Test
  void opensAClientWithTheConnectionsLoginUrlAndVersion() {
    HttpSalesforceConnector connector =
        new HttpSalesforceConnector(() -> SalesforceConfig.builder().queryBatchSize(500));
    SalesforceApi api =
        connector.open(
            new SalesforceCredentials(
                "https://test.salesforce.com",
                Flow.CLIENT_CREDENTIALS,
                "cid",
                "sec",
                null,
                null,
                null,
                null,
                "60.0"));
    try (HttpSalesforceApi http = (HttpSalesforceApi) api) {
      assertThat(http.settings().loginUrl().toString()).isEqualTo("https://test.salesforce.com");
      assertThat(http.settings().apiVersion()).isEqualTo("60.0");
      assertThat(http.settings().queryBatchSize()).isEqualTo(500);
    }
  }

  private static SalesforceCredentials creds(
      Flow flow, String secret, String user, String password, String refresh, String pem) {
    return new SalesforceCredentials(
        "https://login.salesforce.com", flow, "cid", secret, user, password, refresh, pem, null);
  }
}

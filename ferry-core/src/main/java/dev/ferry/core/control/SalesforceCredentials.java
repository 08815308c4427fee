package dev.ferry.core.control;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a connection logs in to Salesforce. Stored sealed (encrypted at rest); never logged.
 *
 * @param loginUrl token host: https://login.salesforce.com, https://test.salesforce.com, a My
 *     Domain, or the emulator's base URL
 * @param flow which OAuth flow the other fields serve
 * @param privateKeyPem PKCS#8 PEM key for the JWT bearer flow
 * @param apiVersion e.g. "62.0"; null = the client's default
 */
public record SalesforceCredentials(
    String loginUrl,
    Flow flow,
    String clientId,
    @Nullable String clientSecret,
    @Nullable String username,
    @Nullable String password,
    @Nullable String refreshToken,
    @Nullable String privateKeyPem,
    @Nullable String apiVersion) {

  public enum Flow {
    PASSWORD,
    REFRESH_TOKEN,
    CLIENT_CREDENTIALS,
    JWT_BEARER
  }

  public SalesforceCredentials {
    Objects.requireNonNull(loginUrl, "loginUrl");
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(clientId, "clientId");
  }

  @Override
  public String toString() {
    // Records print every component; secrets must never reach a log line.
    return "SalesforceCredentials[loginUrl="
        + loginUrl
        + ", flow="
        + flow
        + ", clientId="
        + clientId
        + ", username="
        + username
        + "]";
  }
}

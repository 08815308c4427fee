package dev.ferry.salesforce;

import dev.ferry.core.control.SalesforceCredentials;
import dev.ferry.core.error.ConfigException;
import dev.ferry.core.port.SalesforceApi;
import dev.ferry.core.port.SalesforceConnector;
import dev.ferry.salesforce.auth.Credentials;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Opens an {@link HttpSalesforceApi} for a connection's stored credentials: the OAuth flow they
 * name, their login URL and API version, and the process-wide tunables of {@code base}. Missing
 * fields are reported together, naming the flow that needs them. Logs in lazily, on the first call.
 * The caller closes the returned api when the connection goes away (it is {@link AutoCloseable}).
 */
public final class HttpSalesforceConnector implements SalesforceConnector {
  private final Supplier<SalesforceConfig.Builder> base;

  /**
   * @param base a fresh builder with the tunables (timeouts, retries, clock) per connection
   */
  public HttpSalesforceConnector(Supplier<SalesforceConfig.Builder> base) {
    this.base = Objects.requireNonNull(base, "base");
  }

  @Override
  public SalesforceApi open(SalesforceCredentials c) {
    return open(c, null);
  }

  @Override
  public SalesforceApi open(SalesforceCredentials c, @Nullable String expectedOrganizationId) {
    SalesforceConfig.Builder settings =
        base.get()
            .loginUrl(c.loginUrl())
            .credentials(credentials(c))
            .expectedOrganizationId(expectedOrganizationId);
    if (c.apiVersion() != null && !c.apiVersion().isBlank()) settings.apiVersion(c.apiVersion());
    return HttpSalesforceApi.create(settings.build());
  }

  /** The client's credentials for a stored connection; every missing field is named. */
  public static Credentials credentials(SalesforceCredentials c) {
    List<String> needed =
        switch (c.flow()) {
          case PASSWORD -> List.of("clientSecret", "username", "password");
          case REFRESH_TOKEN -> List.of("refreshToken");
          case CLIENT_CREDENTIALS -> List.of("clientSecret");
          case JWT_BEARER -> List.of("username", "privateKeyPem");
        };
    List<String> problems = new ArrayList<>();
    if (c.clientId().isBlank()) problems.add(problem("clientId", c));
    for (String field : needed) {
      String v = value(c, field);
      if (v == null || v.isBlank()) problems.add(problem(field, c));
    }
    if (!problems.isEmpty()) throw new ConfigException(problems);
    try {
      return switch (c.flow()) {
        case PASSWORD ->
            new Credentials.UsernamePassword(
                c.clientId(), c.clientSecret(), c.username(), c.password());
        case REFRESH_TOKEN ->
            new Credentials.RefreshToken(
                c.clientId(),
                c.clientSecret() == null || c.clientSecret().isBlank() ? null : c.clientSecret(),
                c.refreshToken());
        case CLIENT_CREDENTIALS ->
            new Credentials.ClientCredentials(c.clientId(), c.clientSecret());
        case JWT_BEARER ->
            Credentials.JwtBearer.fromPem(c.clientId(), c.username(), c.privateKeyPem());
      };
    } catch (IllegalArgumentException e) {
      throw new ConfigException("salesforce credentials (" + c.flow() + "): " + e.getMessage());
    }
  }

  private static String problem(String field, SalesforceCredentials c) {
    return "salesforce credentials: " + field + " is required for the " + c.flow() + " flow";
  }

  private static @Nullable String value(SalesforceCredentials c, String field) {
    return switch (field) {
      case "clientSecret" -> c.clientSecret();
      case "username" -> c.username();
      case "password" -> c.password();
      case "refreshToken" -> c.refreshToken();
      case "privateKeyPem" -> c.privateKeyPem();
      default -> throw new IllegalArgumentException(field);
    };
  }
}

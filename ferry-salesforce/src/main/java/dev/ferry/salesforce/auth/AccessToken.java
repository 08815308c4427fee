package dev.ferry.salesforce.auth;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A token from {@code /services/oauth2/token}. Every later call goes to {@link #instanceUrl}, never
 * to the login host. {@code toString} masks the token.
 *
 * @param identityUrl the {@code id} URL; its last two path segments are the org and user ids
 */
public record AccessToken(
    String value, URI instanceUrl, @Nullable String identityUrl, Instant obtainedAt) {
  public AccessToken {
    Objects.requireNonNull(value, "access_token");
    Objects.requireNonNull(instanceUrl, "instance_url");
    Objects.requireNonNull(obtainedAt, "obtainedAt");
  }

  /** The org id from the identity URL, or null when Salesforce sent none. */
  public @Nullable String organizationId() {
    String[] parts = identityParts();
    return parts == null ? null : parts[parts.length - 2];
  }

  public @Nullable String userId() {
    String[] parts = identityParts();
    return parts == null ? null : parts[parts.length - 1];
  }

  private String @Nullable [] identityParts() {
    if (identityUrl == null) return null;
    String[] parts = URI.create(identityUrl).getPath().split("/");
    return parts.length >= 2 ? parts : null;
  }

  @Override
  public String toString() {
    return "AccessToken[instanceUrl=" + instanceUrl + ", obtainedAt=" + obtainedAt + ", <masked>]";
  }
}

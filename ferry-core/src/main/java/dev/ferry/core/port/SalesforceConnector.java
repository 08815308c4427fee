package dev.ferry.core.port;

import dev.ferry.core.control.SalesforceCredentials;
import org.jspecify.annotations.Nullable;

/** Opens a {@link SalesforceApi} for a connection's credentials (logs in lazily or at once). */
@FunctionalInterface
public interface SalesforceConnector {
  SalesforceApi open(SalesforceCredentials credentials);

  /**
   * Opens a client whose every login must reach {@code expectedOrganizationId} (the org the
   * connection syncs; null accepts any). A login that reaches another org — a refreshed sandbox
   * behind the same login — fails with {@link dev.ferry.core.error.InactiveOrgException}. A
   * connector that cannot tell ignores the expectation.
   */
  default SalesforceApi open(
      SalesforceCredentials credentials, @Nullable String expectedOrganizationId) {
    return open(credentials);
  }
}

package dev.ferry.core.port;

import dev.ferry.core.control.SalesforceCredentials;

/** Opens a {@link SalesforceApi} for a connection's credentials (logs in lazily or at once). */
@FunctionalInterface
public interface SalesforceConnector {
  SalesforceApi open(SalesforceCredentials credentials);
}

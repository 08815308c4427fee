package dev.ferry.core.control;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A connection to create: name, Postgres schema (default "salesforce"), optional credentials. */
public record NewConnection(
    String name,
    String schemaName,
    @Nullable SalesforceCredentials credentials,
    Map<String, Boolean> features) {
  public NewConnection {
    features = Map.copyOf(features);
  }
}

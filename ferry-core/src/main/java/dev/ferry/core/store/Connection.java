package dev.ferry.core.store;

import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.state.ConnectionState;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A connection (one org ⇄ one schema) as stored.
 *
 * @param features Heroku Connect feature flags ({@code poll_db_no_merge}, ...)
 * @param credentials sealed (encrypted) credentials blob, opaque to the store
 */
public record Connection(
    ConnectionId id,
    String name,
    String schemaName,
    ConnectionState state,
    long stateVersion,
    @Nullable String stateDetail,
    @Nullable String orgId,
    @Nullable String instanceUrl,
    @Nullable String apiVersion,
    Map<String, Boolean> features,
    byte @Nullable [] credentials,
    Instant createdAt,
    Instant updatedAt) {

  public Connection {
    features = Map.copyOf(features);
  }
}

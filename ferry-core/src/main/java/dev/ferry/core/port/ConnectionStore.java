package dev.ferry.core.port;

import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.state.ConnectionState;
import dev.ferry.core.store.Connection;
import dev.ferry.core.store.StateChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Connections (one Salesforce org ⇄ one schema) and their states. */
public interface ConnectionStore {

  /** Creates a connection in state NEW; the schema name must be unused by other connections. */
  Connection create(String name, String schemaName, Map<String, Boolean> features);

  Optional<Connection> find(ConnectionId id);

  List<Connection> list();

  /** CAS on the state version, recorded in the connection's history. Empty when the CAS lost. */
  Optional<Connection> transition(
      ConnectionId id,
      long expectedStateVersion,
      ConnectionState to,
      @Nullable String reason,
      @Nullable String detail);

  /** Records which org the connection is authorized against. */
  void updateOrg(ConnectionId id, String orgId, String instanceUrl, String apiVersion);

  /** Stores the sealed credentials blob (null removes them). */
  void updateCredentials(ConnectionId id, byte @Nullable [] sealed);

  void updateFeatures(ConnectionId id, Map<String, Boolean> features);

  /**
   * Renames the connection and/or moves it to another schema; throws {@link
   * dev.ferry.core.error.ConfigException} when another connection has that name or schema.
   */
  Connection rename(ConnectionId id, String name, String schemaName);

  List<StateChange> history(ConnectionId id, int limit);

  /** Deletes state changes older than {@code cutoff} but the newest of each; returns how many. */
  int purgeHistoryBefore(Instant cutoff);

  /** Deletes the connection and its mappings (the schema itself is dropped by SchemaAdmin). */
  boolean delete(ConnectionId id);
}

package dev.ferry.store.control;

import static dev.ferry.store.internal.Rows.instant;
import static dev.ferry.store.internal.Rows.setInstant;

import dev.ferry.core.error.ConfigException;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.model.PgIdentifiers;
import dev.ferry.core.port.ConnectionStore;
import dev.ferry.core.state.ConnectionState;
import dev.ferry.core.store.Connection;
import dev.ferry.core.store.StateChange;
import dev.ferry.store.internal.Jdbc;
import dev.ferry.store.internal.Rows;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** {@link ConnectionStore} over {@code ferry.connection} and its state history. */
public final class JdbcConnectionStore implements ConnectionStore {
  private static final String COLUMNS =
      "id, name, schema_name, state, state_version, state_detail, org_id, instance_url,"
          + " api_version, credentials, created_at, updated_at,"
          + " ARRAY(SELECT key FROM jsonb_each(features)) AS fkeys,"
          + " ARRAY(SELECT value::text::boolean FROM jsonb_each(features)) AS fvalues";
  private static final String FEATURES =
      "COALESCE((SELECT jsonb_object_agg(k, v) FROM unnest(?::text[], ?::boolean[]) AS f(k, v)),"
          + " '{}'::jsonb)";

  private final Jdbc jdbc;
  private final InstantSource clock;

  public JdbcConnectionStore(DataSource dataSource, InstantSource clock) {
    this.jdbc = new Jdbc(dataSource);
    this.clock = clock;
  }

  @Override
  public Connection create(String name, String schemaName, Map<String, Boolean> features) {
    PgIdentifiers.requireValid(schemaName);
    ConnectionId id = new ConnectionId(java.util.UUID.randomUUID());
    Instant now = clock.instant();
    return jdbc.inTransaction(
        "create connection " + name,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO ferry.connection (id, name, schema_name, state, features,"
                      + " created_at, updated_at) VALUES (?, ?, ?, ?, "
                      + FEATURES
                      + ", ?, ?) ON CONFLICT DO NOTHING")) {
            p.setObject(1, id.value());
            p.setString(2, name);
            p.setString(3, schemaName);
            p.setString(4, ConnectionState.NEW.name());
            bindFeatures(c, p, 5, features);
            setInstant(p, 7, now);
            setInstant(p, 8, now);
            if (p.executeUpdate() == 0) {
              throw new ConfigException(
                  "a connection named " + name + " or using schema " + schemaName + " exists");
            }
          }
          StateHistoryTable.CONNECTIONS.append(
              c, id.value(), null, ConnectionState.NEW.name(), now, "connection created");
          return find(c, id).orElseThrow();
        });
  }

  @Override
  public Connection rename(ConnectionId id, String name, String schemaName) {
    PgIdentifiers.requireValid(schemaName);
    Instant now = clock.instant();
    return jdbc.inTransaction(
        "rename connection " + id,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE ferry.connection k SET name = ?, schema_name = ?, updated_at = ?"
                      + " WHERE id = ? AND NOT EXISTS (SELECT 1 FROM ferry.connection o"
                      + " WHERE o.id <> k.id AND (o.name = ? OR o.schema_name = ?))")) {
            p.setString(1, name);
            p.setString(2, schemaName);
            setInstant(p, 3, now);
            p.setObject(4, id.value());
            p.setString(5, name);
            p.setString(6, schemaName);
            if (p.executeUpdate() == 0) {
              if (find(c, id).isEmpty()) {
                throw new dev.ferry.core.control.NotFoundException("no connection " + id);
              }
              throw new ConfigException(
                  "another connection is named " + name + " or uses schema " + schemaName);
            }
          }
          return find(c, id).orElseThrow();
        });
  }

  @Override
  public Optional<Connection> find(ConnectionId id) {
    return jdbc.inTransaction("read connection " + id, c -> find(c, id));
  }

  @Override
  public List<Connection> list() {
    return jdbc.inTransaction(
        "list connections",
        c -> {
          try (PreparedStatement p =
                  c.prepareStatement(
                      "SELECT " + COLUMNS + " FROM ferry.connection ORDER BY created_at, id");
              ResultSet rs = p.executeQuery()) {
            List<Connection> out = new ArrayList<>();
            while (rs.next()) out.add(map(rs));
            return out;
          }
        });
  }

  @Override
  public Optional<Connection> transition(
      ConnectionId id,
      long expectedStateVersion,
      ConnectionState to,
      @Nullable String reason,
      @Nullable String detail) {
    Instant now = clock.instant();
    return jdbc.inTransaction(
        "move connection " + id + " to " + to,
        c -> {
          String from;
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE ferry.connection k SET state = ?, state_version = k.state_version + 1,"
                      + " state_detail = ?, updated_at = ? FROM ferry.connection old"
                      + " WHERE k.id = old.id AND k.id = ? AND k.state_version = ?"
                      + " RETURNING old.state")) {
            p.setString(1, to.name());
            p.setString(2, detail);
            setInstant(p, 3, now);
            p.setObject(4, id.value());
            p.setLong(5, expectedStateVersion);
            try (ResultSet rs = p.executeQuery()) {
              if (!rs.next()) return Optional.empty();
              from = rs.getString(1);
            }
          }
          StateHistoryTable.CONNECTIONS.append(c, id.value(), from, to.name(), now, reason);
          return find(c, id);
        });
  }

  @Override
  public void updateOrg(ConnectionId id, String orgId, String instanceUrl, String apiVersion) {
    update(
        id, "org", "org_id = ?, instance_url = ?, api_version = ?", orgId, instanceUrl, apiVersion);
  }

  @Override
  public void updateCredentials(ConnectionId id, byte @Nullable [] sealed) {
    update(id, "credentials", "credentials = ?", (Object) sealed);
  }

  @Override
  public void updateFeatures(ConnectionId id, Map<String, Boolean> features) {
    jdbc.inTransaction(
        "update features of connection " + id,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE ferry.connection SET features = "
                      + FEATURES
                      + ", updated_at = ? WHERE id = ?")) {
            bindFeatures(c, p, 1, features);
            setInstant(p, 3, clock.instant());
            p.setObject(4, id.value());
            requireOne(p.executeUpdate(), id);
          }
          return null;
        });
  }

  @Override
  public int purgeHistoryBefore(Instant cutoff) {
    return StateHistoryTable.CONNECTIONS.purgeBefore(jdbc, cutoff);
  }

  @Override
  public List<StateChange> history(ConnectionId id, int limit) {
    return StateHistoryTable.CONNECTIONS.newestFirst(jdbc, "connection " + id, id.value(), limit);
  }

  @Override
  public boolean delete(ConnectionId id) {
    return jdbc.inTransaction(
        "delete connection " + id,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("DELETE FROM ferry.connection WHERE id = ?")) {
            p.setObject(1, id.value());
            return p.executeUpdate() > 0;
          }
        });
  }

  private void update(ConnectionId id, String what, String set, Object... values) {
    jdbc.inTransaction(
        "update " + what + " of connection " + id,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE ferry.connection SET " + set + ", updated_at = ? WHERE id = ?")) {
            int i = 1;
            for (Object v : values) p.setObject(i++, v);
            setInstant(p, i++, clock.instant());
            p.setObject(i, id.value());
            requireOne(p.executeUpdate(), id);
          }
          return null;
        });
  }

  private static void requireOne(int updated, ConnectionId id) {
    if (updated == 0) throw new ConfigException("no connection " + id);
  }

  private static void bindFeatures(
      java.sql.Connection c, PreparedStatement p, int i, Map<String, Boolean> features)
      throws SQLException {
    p.setArray(i, c.createArrayOf("text", features.keySet().toArray()));
    p.setArray(i + 1, c.createArrayOf("boolean", features.values().toArray()));
  }

  private static Optional<Connection> find(java.sql.Connection c, ConnectionId id)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("SELECT " + COLUMNS + " FROM ferry.connection WHERE id = ?")) {
      p.setObject(1, id.value());
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(map(rs)) : Optional.empty();
      }
    }
  }

  private static Connection map(ResultSet rs) throws SQLException {
    String[] keys = (String[]) rs.getArray("fkeys").getArray();
    Boolean[] values = (Boolean[]) rs.getArray("fvalues").getArray();
    Map<String, Boolean> features = new LinkedHashMap<>();
    for (int i = 0; i < keys.length; i++) features.put(keys[i], values[i]);
    return new Connection(
        new ConnectionId(Rows.uuid(rs, "id")),
        rs.getString("name"),
        rs.getString("schema_name"),
        ConnectionState.valueOf(rs.getString("state")),
        rs.getLong("state_version"),
        rs.getString("state_detail"),
        rs.getString("org_id"),
        rs.getString("instance_url"),
        rs.getString("api_version"),
        features,
        rs.getBytes("credentials"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"));
  }
}

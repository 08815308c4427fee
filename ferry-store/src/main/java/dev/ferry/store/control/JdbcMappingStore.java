package dev.ferry.store.control;

import static dev.ferry.store.internal.Rows.instant;
import static dev.ferry.store.internal.Rows.setInstant;

import dev.ferry.core.error.ConfigException;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.port.MappingStore;
import dev.ferry.core.state.MappingState;
import dev.ferry.core.store.Mapping;
import dev.ferry.core.store.StampRange;
import dev.ferry.core.store.StateChange;
import dev.ferry.store.internal.Jdbc;
import dev.ferry.store.internal.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** {@link MappingStore} over {@code ferry.mapping} and {@code ferry.mapping_state_history}. */
public final class JdbcMappingStore implements MappingStore {
  private static final String COLUMNS =
      "id, connection_id, object_name, revision, state, state_version, state_detail, error,"
          + " state_changed_at, created_at, updated_at, "
          + ConfigJson.select("config");

  private final Jdbc jdbc;
  private final InstantSource clock;
  private final PendingReadTable pending;

  public JdbcMappingStore(DataSource dataSource, InstantSource clock) {
    this.jdbc = new Jdbc(dataSource);
    this.clock = clock;
    this.pending = new PendingReadTable(jdbc, clock);
  }

  @Override
  public Mapping create(ConnectionId connection, String objectName, MappingConfig config) {
    MappingId id = MappingId.random();
    Instant now = clock.instant();
    return jdbc.inTransaction(
        "create mapping " + objectName + " on connection " + connection,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO ferry.mapping (id, connection_id, object_name, config, state,"
                      + " state_changed_at, created_at, updated_at) VALUES (?, ?, ?, "
                      + ConfigJson.BUILD
                      + ", ?, ?, ?, ?) ON CONFLICT (connection_id, object_name) DO NOTHING")) {
            int i = 1;
            p.setObject(i++, id.value());
            p.setObject(i++, connection.value());
            p.setString(i++, objectName);
            i = ConfigJson.bind(c, p, i, config);
            p.setString(i++, MappingState.INITIAL.name());
            setInstant(p, i++, now);
            setInstant(p, i++, now);
            setInstant(p, i, now);
            if (p.executeUpdate() == 0) {
              throw new ConfigException(
                  objectName + " is already mapped on connection " + connection);
            }
          }
          StateHistoryTable.MAPPINGS.append(
              c, id.value(), null, MappingState.INITIAL.name(), now, "mapping created");
          return find(c, "id = ?", id.value()).orElseThrow();
        });
  }

  @Override
  public Optional<Mapping> find(MappingId id) {
    return jdbc.inTransaction("read mapping " + id, c -> find(c, "id = ?", id.value()));
  }

  @Override
  public Optional<Mapping> find(ConnectionId connection, String objectName) {
    return jdbc.inTransaction(
        "read mapping " + objectName,
        c ->
            list(
                    c,
                    "connection_id = ? AND lower(object_name) = lower(?)",
                    connection.value(),
                    objectName)
                .stream()
                .findFirst());
  }

  @Override
  public List<Mapping> list(ConnectionId connection) {
    return jdbc.inTransaction(
        "list mappings of connection " + connection,
        c -> list(c, "connection_id = ?", connection.value()));
  }

  @Override
  public List<Mapping> listAll() {
    return jdbc.inTransaction("list mappings", c -> list(c, "true"));
  }

  @Override
  public Optional<Mapping> updateConfig(MappingId id, int expectedRevision, MappingConfig config) {
    return jdbc.inTransaction(
        "update config of mapping " + id,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE ferry.mapping SET config = "
                      + ConfigJson.BUILD
                      + ", revision = revision + 1, updated_at = ? WHERE id = ? AND revision = ?")) {
            int i = ConfigJson.bind(c, p, 1, config);
            setInstant(p, i++, clock.instant());
            p.setObject(i++, id.value());
            p.setInt(i, expectedRevision);
            if (p.executeUpdate() == 0) return Optional.empty();
          }
          return find(c, "id = ?", id.value());
        });
  }

  @Override
  public Optional<Mapping> transition(
      MappingId id,
      long expectedStateVersion,
      MappingState to,
      @Nullable String reason,
      @Nullable String detail,
      @Nullable String error) {
    Instant now = clock.instant();
    return jdbc.inTransaction(
        "move mapping " + id + " to " + to,
        c -> {
          String from;
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE ferry.mapping m SET state = ?, state_version = m.state_version + 1,"
                      + " state_detail = ?, error = ?, state_changed_at = ?, updated_at = ?"
                      + " FROM ferry.mapping old WHERE m.id = old.id AND m.id = ?"
                      + " AND m.state_version = ? RETURNING old.state")) {
            p.setString(1, to.name());
            p.setString(2, detail);
            p.setString(3, error);
            setInstant(p, 4, now);
            setInstant(p, 5, now);
            p.setObject(6, id.value());
            p.setLong(7, expectedStateVersion);
            try (ResultSet rs = p.executeQuery()) {
              if (!rs.next()) return Optional.empty();
              from = rs.getString(1);
            }
          }
          StateHistoryTable.MAPPINGS.append(c, id.value(), from, to.name(), now, reason);
          return find(c, "id = ?", id.value());
        });
  }

  @Override
  public int purgeHistoryBefore(Instant cutoff) {
    return StateHistoryTable.MAPPINGS.purgeBefore(jdbc, cutoff);
  }

  @Override
  public List<StateChange> history(MappingId id, int limit) {
    return StateHistoryTable.MAPPINGS.newestFirst(jdbc, "mapping " + id, id.value(), limit);
  }

  @Override
  public boolean delete(MappingId id) {
    return jdbc.inTransaction(
        "delete mapping " + id,
        c -> {
          // a reload's notes have no key to the mapping (an unlogged table): removed here
          try (PreparedStatement p =
              c.prepareStatement("DELETE FROM ferry.reload_read WHERE mapping_id = ?")) {
            p.setObject(1, id.value());
            p.executeUpdate();
          }
          try (PreparedStatement p = c.prepareStatement("DELETE FROM ferry.mapping WHERE id = ?")) {
            p.setObject(1, id.value());
            return p.executeUpdate() > 0;
          }
        });
  }

  private static Optional<Mapping> find(Connection c, String where, Object... args)
      throws SQLException {
    return list(c, where, args).stream().findFirst();
  }

  private static List<Mapping> list(Connection c, String where, Object... args)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM ferry.mapping WHERE "
                + where
                + " ORDER BY created_at, id")) {
      for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
      List<Mapping> out = new ArrayList<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) out.add(map(rs));
      }
      return out;
    }
  }

  private static Mapping map(ResultSet rs) throws SQLException {
    return new Mapping(
        new MappingId(Rows.uuid(rs, "id")),
        new ConnectionId(Rows.uuid(rs, "connection_id")),
        rs.getString("object_name"),
        ConfigJson.read(rs, 12),
        rs.getInt("revision"),
        MappingState.valueOf(rs.getString("state")),
        rs.getLong("state_version"),
        rs.getString("state_detail"),
        rs.getString("error"),
        instant(rs, "state_changed_at"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"));
  }

  // ---- owed reads (ferry.pending_read)

  @Override
  public Set<String> unfilledColumns(MappingId id) {
    return pending.unfilledColumns(id);
  }

  @Override
  public void addUnfilledColumns(MappingId id, Collection<String> columns) {
    pending.addUnfilledColumns(id, columns);
  }

  @Override
  public void removeUnfilledColumns(MappingId id, Collection<String> columns) {
    pending.removeUnfilledColumns(id, columns);
  }

  @Override
  public Optional<StampRange> unresolvedExternalIds(MappingId id) {
    return pending.unresolvedExternalIds(id);
  }

  @Override
  public void addUnresolvedExternalIds(MappingId id, StampRange range) {
    pending.addUnresolvedExternalIds(id, range);
  }

  @Override
  public void externalIdsResolved(MappingId id, StampRange resolved) {
    pending.externalIdsResolved(id, resolved);
  }

  @Override
  public void clearPendingReads(MappingId id) {
    pending.clear(id);
  }
}

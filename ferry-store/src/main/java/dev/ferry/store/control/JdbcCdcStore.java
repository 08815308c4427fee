package dev.ferry.store.control;

import dev.ferry.core.cdc.CdcStatus;
import dev.ferry.core.cdc.CdcSubscription;
import dev.ferry.core.cdc.ReplayId;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.port.CdcStore;
import dev.ferry.store.internal.Jdbc;
import dev.ferry.store.internal.Rows;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** {@link CdcStore} over {@code ferry.cdc_subscription}. */
public final class JdbcCdcStore implements CdcStore {
  private static final String COLUMNS =
      "mapping_id, channel, status, reason, replay_id, last_event_at, events_received,"
          + " last_latency_ms, holder, updated_at";

  private final Jdbc jdbc;
  private final InstantSource clock;

  public JdbcCdcStore(DataSource dataSource, InstantSource clock) {
    this.jdbc = new Jdbc(dataSource);
    this.clock = clock;
  }

  @Override
  public Optional<CdcSubscription> find(MappingId mapping) {
    return jdbc.inTransaction(
        "read the change-event subscription of mapping " + mapping,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT " + COLUMNS + " FROM ferry.cdc_subscription WHERE mapping_id = ?")) {
            p.setObject(1, mapping.value());
            try (ResultSet rs = p.executeQuery()) {
              return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public List<CdcSubscription> list() {
    return jdbc.inTransaction(
        "list change-event subscriptions",
        c -> {
          try (PreparedStatement p =
                  c.prepareStatement("SELECT " + COLUMNS + " FROM ferry.cdc_subscription");
              ResultSet rs = p.executeQuery()) {
            List<CdcSubscription> out = new ArrayList<>();
            while (rs.next()) out.add(row(rs));
            return out;
          }
        });
  }

  @Override
  public void status(
      MappingId mapping,
      String channel,
      CdcStatus status,
      @Nullable String reason,
      @Nullable String holder,
      Instant at) {
    update(
        "record the change-event status of mapping " + mapping,
        "INSERT INTO ferry.cdc_subscription (mapping_id, channel, status, reason, holder,"
            + " updated_at) SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM ferry.mapping"
            + " WHERE id = ?) ON CONFLICT (mapping_id) DO UPDATE SET channel = excluded.channel,"
            + " status = excluded.status, reason = excluded.reason, holder = excluded.holder,"
            + " updated_at = excluded.updated_at",
        p -> {
          p.setObject(1, mapping.value());
          p.setString(2, channel);
          p.setString(3, status.name());
          p.setString(4, reason);
          p.setString(5, holder);
          Rows.setInstant(p, 6, at);
          p.setObject(7, mapping.value());
        });
  }

  @Override
  public void advance(
      MappingId mapping, ReplayId replayId, long events, @Nullable Instant lastEventAt) {
    update(
        "store the replay id of mapping " + mapping,
        "UPDATE ferry.cdc_subscription SET replay_id = ?, events_received = events_received + ?,"
            + " last_event_at = COALESCE(?, last_event_at), updated_at = ? WHERE mapping_id = ?",
        p -> {
          p.setBytes(1, replayId.bytes());
          p.setLong(2, events);
          Rows.setInstant(p, 3, lastEventAt);
          Rows.setInstant(p, 4, clock.instant());
          p.setObject(5, mapping.value());
        });
  }

  @Override
  public void latency(MappingId mapping, Duration latency) {
    update(
        "record the event latency of mapping " + mapping,
        "UPDATE ferry.cdc_subscription SET last_latency_ms = ? WHERE mapping_id = ?",
        p -> {
          p.setLong(1, latency.toMillis());
          p.setObject(2, mapping.value());
        });
  }

  @Override
  public void forgetReplay(MappingId mapping) {
    update(
        "forget the replay id of mapping " + mapping,
        "UPDATE ferry.cdc_subscription SET replay_id = NULL, updated_at = ? WHERE mapping_id = ?",
        p -> {
          Rows.setInstant(p, 1, clock.instant());
          p.setObject(2, mapping.value());
        });
  }

  @Override
  public void delete(MappingId mapping) {
    update(
        "remove the change-event subscription of mapping " + mapping,
        "DELETE FROM ferry.cdc_subscription WHERE mapping_id = ?",
        p -> p.setObject(1, mapping.value()));
  }

  private interface Binder {
    void bind(PreparedStatement p) throws SQLException;
  }

  private void update(String operation, String sql, Binder binder) {
    jdbc.inTransaction(
        operation,
        c -> {
          try (PreparedStatement p = c.prepareStatement(sql)) {
            binder.bind(p);
            return p.executeUpdate();
          }
        });
  }

  private static CdcSubscription row(ResultSet rs) throws SQLException {
    byte[] replay = rs.getBytes("replay_id");
    long latency = rs.getLong("last_latency_ms");
    boolean noLatency = rs.wasNull();
    return new CdcSubscription(
        new MappingId(Rows.uuid(rs, "mapping_id")),
        rs.getString("channel"),
        CdcStatus.valueOf(rs.getString("status")),
        rs.getString("reason"),
        replay == null || replay.length == 0 ? null : ReplayId.of(replay),
        Rows.instant(rs, "last_event_at"),
        rs.getLong("events_received"),
        noLatency ? null : Duration.ofMillis(latency),
        rs.getString("holder"),
        Rows.instant(rs, "updated_at"));
  }
}

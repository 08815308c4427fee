package dev.ferry.store.control;

import dev.ferry.core.id.MappingId;
import dev.ferry.core.port.WatermarkStore;
import dev.ferry.core.store.WatermarkKind;
import dev.ferry.store.internal.Jdbc;
import dev.ferry.store.internal.Rows;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** {@link WatermarkStore} over {@code ferry.watermark}. */
public final class JdbcWatermarkStore implements WatermarkStore {
  private final Jdbc jdbc;

  public JdbcWatermarkStore(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public Optional<Instant> read(MappingId mapping, WatermarkKind kind) {
    return jdbc.inTransaction(
        "read " + kind + " watermark of mapping " + mapping,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT value FROM ferry.watermark WHERE mapping_id = ? AND kind = ?")) {
            p.setObject(1, mapping.value());
            p.setString(2, kind.name());
            try (ResultSet rs = p.executeQuery()) {
              return rs.next() ? Optional.of(Rows.instant(rs, "value")) : Optional.empty();
            }
          }
        });
  }

  @Override
  public Map<MappingId, Instant> readAll(WatermarkKind kind) {
    return jdbc.inTransaction(
        "read every " + kind + " watermark",
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("SELECT mapping_id, value FROM ferry.watermark WHERE kind = ?")) {
            p.setString(1, kind.name());
            Map<MappingId, Instant> out = new HashMap<>();
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                out.put(
                    new MappingId(rs.getObject("mapping_id", UUID.class)),
                    Rows.instant(rs, "value"));
              }
            }
            return out;
          }
        });
  }
}

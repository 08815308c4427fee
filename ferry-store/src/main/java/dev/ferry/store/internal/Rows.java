package dev.ferry.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Zone-safe reading and binding of timestamptz, and other small row helpers. */
public final class Rows {
  private Rows() {}

  public static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  public static void setInstant(PreparedStatement p, int index, @Nullable Instant value)
      throws SQLException {
    p.setObject(index, value == null ? null : value.atOffset(ZoneOffset.UTC));
  }

  public static UUID uuid(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, UUID.class);
  }
}

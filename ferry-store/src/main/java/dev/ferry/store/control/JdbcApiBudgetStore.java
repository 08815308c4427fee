package dev.ferry.store.control;

import static dev.ferry.store.internal.Rows.instant;
import static dev.ferry.store.internal.Rows.setInstant;

import dev.ferry.core.id.MappingId;
import dev.ferry.core.port.ApiBudgetStore;
import dev.ferry.core.store.ApiBudget;
import dev.ferry.store.internal.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link ApiBudgetStore} over {@code ferry.api_budget} and {@code ferry.mapping_api_calls}. */
public final class JdbcApiBudgetStore implements ApiBudgetStore {
  private final Jdbc jdbc;

  public JdbcApiBudgetStore(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public void observe(String orgId, long used, long max, Instant at) {
    jdbc.inTransaction(
        "record API usage of org " + orgId,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO ferry.api_budget (org_id, used, max, observed_at) VALUES (?, ?, ?, ?)"
                      + " ON CONFLICT (org_id) DO UPDATE SET used = EXCLUDED.used,"
                      + " max = EXCLUDED.max, observed_at = EXCLUDED.observed_at"
                      + " WHERE ferry.api_budget.observed_at <= EXCLUDED.observed_at")) {
            p.setString(1, orgId);
            p.setLong(2, used);
            p.setLong(3, max);
            setInstant(p, 4, at);
            p.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<ApiBudget> read(String orgId) {
    return jdbc.inTransaction(
        "read API usage of org " + orgId,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("SELECT * FROM ferry.api_budget WHERE org_id = ?")) {
            p.setString(1, orgId);
            try (ResultSet rs = p.executeQuery()) {
              if (!rs.next()) return Optional.empty();
              return Optional.of(
                  new ApiBudget(
                      orgId, rs.getLong("used"), rs.getLong("max"), instant(rs, "observed_at")));
            }
          }
        });
  }

  @Override
  public long addMappingCalls(MappingId mapping, LocalDate day, long calls) {
    return jdbc.inTransaction(
        "count API calls of mapping " + mapping,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO ferry.mapping_api_calls (mapping_id, day, calls) VALUES (?, ?, ?)"
                      + " ON CONFLICT (mapping_id, day) DO UPDATE"
                      + " SET calls = ferry.mapping_api_calls.calls + EXCLUDED.calls RETURNING calls")) {
            p.setObject(1, mapping.value());
            p.setObject(2, day);
            p.setLong(3, calls);
            try (ResultSet rs = p.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  @Override
  public long mappingCalls(MappingId mapping, LocalDate day) {
    return jdbc.inTransaction(
        "read API calls of mapping " + mapping,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT calls FROM ferry.mapping_api_calls WHERE mapping_id = ? AND day = ?")) {
            p.setObject(1, mapping.value());
            p.setObject(2, day);
            try (ResultSet rs = p.executeQuery()) {
              return rs.next() ? rs.getLong(1) : 0L;
            }
          }
        });
  }
}

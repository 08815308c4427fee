package dev.ferry.store.slots;

import static dev.ferry.store.internal.Rows.instant;
import static dev.ferry.store.internal.Rows.setInstant;

import dev.ferry.core.port.JobSlots;
import dev.ferry.core.store.SlotLease;
import dev.ferry.store.internal.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * {@link JobSlots} over {@code ferry.job_slot} (engineering §2.3): K rows per kind; acquiring
 * updates one free or expired row picked with {@code FOR UPDATE SKIP LOCKED}. Time comes from the
 * injected clock, so every node must keep its clock roughly right (as db-scheduler requires).
 */
public final class JdbcJobSlots implements JobSlots {
  private final Jdbc jdbc;
  private final InstantSource clock;

  public JdbcJobSlots(DataSource dataSource, InstantSource clock) {
    this.jdbc = new Jdbc(dataSource);
    this.clock = clock;
  }

  @Override
  public void ensureSlots(String kind, int slots) {
    if (slots < 0) throw new IllegalArgumentException("slots < 0 for " + kind);
    jdbc.inTransaction(
        "size job slots " + kind,
        c -> {
          try (PreparedStatement add =
              c.prepareStatement(
                  "INSERT INTO ferry.job_slot (kind, slot) SELECT ?, s FROM generate_series(1, ?) s"
                      + " ON CONFLICT DO NOTHING")) {
            add.setString(1, kind);
            add.setInt(2, slots);
            add.executeUpdate();
          }
          // Slots beyond K go once free; held ones go when released or expired.
          try (PreparedStatement drop =
              c.prepareStatement(
                  "DELETE FROM ferry.job_slot WHERE kind = ? AND slot > ? AND lease_until <= ?")) {
            drop.setString(1, kind);
            drop.setInt(2, slots);
            setInstant(drop, 3, clock.instant());
            drop.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<SlotLease> tryAcquire(
      String kind, String holder, Duration ttl, @Nullable String jobRef) {
    Instant now = clock.instant();
    Instant until = now.plus(ttl);
    return jdbc.inTransaction(
        "acquire a " + kind + " slot for " + holder,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE ferry.job_slot SET holder = ?, lease_until = ?, job_ref = ?,"
                      + " acquired_at = ? WHERE (kind, slot) = (SELECT kind, slot FROM ferry.job_slot"
                      + " WHERE kind = ? AND lease_until <= ? ORDER BY slot LIMIT 1"
                      + " FOR UPDATE SKIP LOCKED) RETURNING slot")) {
            p.setString(1, holder);
            setInstant(p, 2, until);
            p.setString(3, jobRef);
            setInstant(p, 4, now);
            p.setString(5, kind);
            setInstant(p, 6, now);
            try (ResultSet rs = p.executeQuery()) {
              if (!rs.next()) return Optional.empty();
              return Optional.of(new SlotLease(kind, rs.getInt(1), holder, until, jobRef));
            }
          }
        });
  }

  @Override
  public boolean renew(SlotLease lease, Duration ttl) {
    Instant now = clock.instant();
    return jdbc.inTransaction(
        "renew " + lease.kind() + " slot " + lease.slot() + " of " + lease.holder(),
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE ferry.job_slot SET lease_until = ? WHERE kind = ? AND slot = ?"
                      + " AND holder = ? AND lease_until > ?")) {
            setInstant(p, 1, now.plus(ttl));
            p.setString(2, lease.kind());
            p.setInt(3, lease.slot());
            p.setString(4, lease.holder());
            setInstant(p, 5, now);
            return p.executeUpdate() == 1;
          }
        });
  }

  @Override
  public void release(SlotLease lease) {
    jdbc.inTransaction(
        "release " + lease.kind() + " slot " + lease.slot() + " of " + lease.holder(),
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE ferry.job_slot SET holder = NULL, job_ref = NULL, lease_until = '-infinity'"
                      + " WHERE kind = ? AND slot = ? AND holder = ?")) {
            p.setString(1, lease.kind());
            p.setInt(2, lease.slot());
            p.setString(3, lease.holder());
            p.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public List<SlotLease> holders(String kind) {
    return jdbc.inTransaction(
        "list " + kind + " slot holders",
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT slot, holder, lease_until, job_ref FROM ferry.job_slot"
                      + " WHERE kind = ? AND lease_until > ? ORDER BY slot")) {
            p.setString(1, kind);
            setInstant(p, 2, clock.instant());
            List<SlotLease> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new SlotLease(
                        kind,
                        rs.getInt("slot"),
                        rs.getString("holder"),
                        instant(rs, "lease_until"),
                        rs.getString("job_ref")));
              }
            }
            return out;
          }
        });
  }
}

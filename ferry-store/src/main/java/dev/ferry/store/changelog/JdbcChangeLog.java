package dev.ferry.store.changelog;

import static dev.ferry.store.changelog.TriggerLogTables.ENTRY_COLUMNS;
import static dev.ferry.store.changelog.TriggerLogTables.entryColumns;
import static dev.ferry.store.internal.Rows.setInstant;
import static dev.ferry.store.internal.Sql.qualified;

import dev.ferry.core.model.PgIdentifiers;
import dev.ferry.core.port.ChangeLog;
import dev.ferry.core.store.ChangeEntry;
import dev.ferry.core.store.EntryOutcome;
import dev.ferry.core.store.RowState;
import dev.ferry.store.internal.Jdbc;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ChangeLog} over a connection schema's {@code _trigger_log} (and, for what a record's
 * successful writes recorded, its archive): what the writers claim, complete and listen to.
 */
public final class JdbcChangeLog implements ChangeLog {
  private static final Logger log = LoggerFactory.getLogger(JdbcChangeLog.class);

  private static final String LOCK_CLAIMS = "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))";

  /** The next NEW entries ({@code %2$s}: the table filter) whose record has none in flight. */
  private static final String CLAIM =
      """
      WITH picked AS (
        SELECT t.id FROM %1$s t
         WHERE t.state = 'NEW'%2$s
           AND NOT EXISTS (SELECT 1 FROM %1$s p
                            WHERE p.state = 'PENDING' AND p.table_name = t.table_name
                              AND p.record_id = t.record_id AND p.id < t.id)
         ORDER BY t.id LIMIT ? FOR UPDATE SKIP LOCKED)
      UPDATE %1$s e SET state = 'PENDING', updated_at = ? FROM picked
       WHERE e.id = picked.id
      RETURNING %3$s
      """;

  private static final String RECORDS_IN_FLIGHT =
      "SELECT DISTINCT table_name, record_id FROM %1$s WHERE state = 'PENDING'%2$s";

  private static final String NEXT_NEW =
      "SELECT id, table_name, record_id FROM %1$s WHERE state = 'NEW'%2$s ORDER BY id LIMIT ?";

  private static final String MARK_PENDING =
      """
      UPDATE %1$s e SET state = 'PENDING', updated_at = ?
        FROM unnest(?::int4[]) AS v(id)
       WHERE e.id = v.id AND e.state = 'NEW'
      RETURNING %2$s
      """;

  /**
   * Each record's row and its sfid: the row's, else the one the record's newest successful write
   * recorded ({@code %4$s}: that write, looked up in log {@code %1$s} and archive {@code %2$s};
   * none after a DELETE). {@code %3$s} is the mapped table.
   */
  private static final String ROW_STATES =
      """
      SELECT r.rid, t.id IS NOT NULL AS present,
             COALESCE(t.sfid,
                      (SELECT CASE WHEN x.action = 'DELETE' THEN NULL ELSE x.sfid END
                         FROM (SELECT l.id, l.sfid, l.action FROM %1$s l WHERE %4$s
                               UNION ALL
                               SELECT l.id, l.sfid, l.action FROM %2$s l WHERE %4$s) x
                        ORDER BY x.id DESC LIMIT 1))
        FROM (SELECT DISTINCT unnest(?::int4[]) AS rid) r
        LEFT JOIN %3$s t ON t.id = r.rid
      """;

  private static final String WRITTEN =
      "l.record_id = r.rid AND l.table_name = ? AND l.state = 'SUCCESS' AND l.sfid IS NOT NULL";

  private static final String RECORDED_SFIDS =
      "SELECT sfid FROM %1$s WHERE %3$s UNION SELECT sfid FROM %2$s WHERE %3$s";

  private static final String RECORDED =
      "table_name = ? AND state = 'SUCCESS' AND processed_at >= ? AND sfid = ANY (?)";

  private static final String STALE_PENDING =
      "SELECT %2$s FROM %1$s WHERE state = 'PENDING' AND updated_at < ? ORDER BY id";

  private static final String RELEASE =
      "UPDATE %1$s SET state = 'NEW', updated_at = ? WHERE id = ANY (?) AND state = 'PENDING'";

  /**
   * The marked entries become REQUEUED and their copies are inserted as NEW in their original order
   * (new ids from the sequence, so they go to the end of the queue).
   */
  private static final String REQUEUE_MARKED =
      """
      WITH marked AS (
        UPDATE %1$s SET state = 'REQUEUED', updated_at = ?
         WHERE state = 'REQUEUE'
        RETURNING id, action, table_name, record_id, sfid, old, "values")
      INSERT INTO %1$s
        (txid, created_at, updated_at, state, action, table_name, record_id, sfid, old, "values")
      SELECT txid_current(), clock_timestamp(), ?, 'NEW', action, table_name, record_id, sfid,
             old, "values"
        FROM marked ORDER BY id
      """;

  private static final String WAKE = "SELECT pg_notify(?, 'ping')";

  private final DataSource dataSource;
  private final Jdbc jdbc;
  private final TriggerLogTables tables;
  private final InstantSource clock;
  private final OutcomeStore outcomes;

  public JdbcChangeLog(DataSource dataSource, String schema, InstantSource clock) {
    this.dataSource = dataSource;
    this.jdbc = new Jdbc(dataSource);
    this.tables = TriggerLogTables.of(schema);
    this.clock = clock;
    this.outcomes = new OutcomeStore(jdbc, tables, clock);
  }

  @Override
  public List<ChangeEntry> claim(int max, Set<String> tables) {
    if (max <= 0) return List.of();
    return jdbc.inTransaction(
        "claim trigger log entries of " + this.tables.schema(),
        c -> {
          lockClaims(c);
          String tableFilter = tables.isEmpty() ? "" : " AND t.table_name = ANY (?)";
          try (PreparedStatement p =
              c.prepareStatement(
                  CLAIM.formatted(this.tables.log(), tableFilter, entryColumns("e.")))) {
            int i = 1;
            if (!tables.isEmpty()) p.setArray(i++, c.createArrayOf("varchar", tables.toArray()));
            p.setInt(i++, max);
            setInstant(p, i, clock.instant());
            return inIdOrder(TriggerLogTables.read(p));
          }
        });
  }

  /**
   * Three plain statements instead of one correlated one, so the cost never depends on the
   * planner's statistics (a trigger log just filled by a large INSERT has none worth the name, and
   * a correlated "earlier entry in flight" probe then scans every PENDING entry for each NEW one):
   * the records in flight, then the next NEW entries in id order, cut in Java before the first
   * entry of a record in flight, then those marked PENDING by id.
   */
  @Override
  public List<ChangeEntry> claimInOrder(int max, Set<String> tables) {
    if (max <= 0) return List.of();
    return jdbc.inTransaction(
        "claim trigger log entries of " + this.tables.schema() + " in order",
        c -> {
          lockClaims(c);
          Array names = tables.isEmpty() ? null : c.createArrayOf("varchar", tables.toArray());
          String tableFilter = names == null ? "" : " AND table_name = ANY (?)";
          Set<String> inFlight = new HashSet<>();
          try (PreparedStatement p =
              c.prepareStatement(RECORDS_IN_FLIGHT.formatted(this.tables.log(), tableFilter))) {
            if (names != null) p.setArray(1, names);
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) inFlight.add(rs.getString(1) + "#" + rs.getInt(2));
            }
          }
          List<Integer> ids = new ArrayList<>();
          try (PreparedStatement p =
              c.prepareStatement(NEXT_NEW.formatted(this.tables.log(), tableFilter))) {
            int i = 1;
            if (names != null) p.setArray(i++, names);
            p.setInt(i, max);
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                if (inFlight.contains(rs.getString(2) + "#" + rs.getInt(3))) break;
                ids.add(rs.getInt(1));
              }
            }
          }
          if (ids.isEmpty()) return List.of();
          try (PreparedStatement p =
              c.prepareStatement(MARK_PENDING.formatted(this.tables.log(), entryColumns("e.")))) {
            setInstant(p, 1, clock.instant());
            p.setArray(2, c.createArrayOf("int4", ids.toArray()));
            return inIdOrder(TriggerLogTables.read(p));
          }
        });
  }

  private static List<ChangeEntry> inIdOrder(List<ChangeEntry> entries) {
    entries.sort(Comparator.comparingLong(ChangeEntry::id));
    return entries;
  }

  /**
   * Claims run one at a time per schema, so the "earlier entry in flight" check sees every
   * committed claim; SKIP LOCKED steps over rows others hold otherwise.
   */
  private void lockClaims(Connection c) throws SQLException {
    try (PreparedStatement lock = c.prepareStatement(LOCK_CLAIMS)) {
      lock.setString(1, "ferry.claim:" + tables.schema());
      lock.execute();
    }
  }

  @Override
  public int complete(List<EntryOutcome> outcomes) {
    return this.outcomes.complete(outcomes);
  }

  /**
   * The newest successful write of each record (after a DELETE the record is gone), looked up per
   * record, and only for a row without an sfid of its own: a correlated lookup by index whatever
   * the planner believes. (A join with the array's records was planned as a nested loop recomputing
   * the whole lookup per record whenever the statistics were stale, as they are right after a large
   * INSERT or a TRUNCATE: minutes for 20,000 records.)
   */
  @Override
  public Map<Integer, RowState> rowStates(String table, Collection<Integer> recordIds) {
    if (recordIds.isEmpty()) return Map.of();
    String rows = qualified(tables.schema(), PgIdentifiers.requireValid(table));
    return jdbc.inTransaction(
        "read row states of " + table,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  ROW_STATES.formatted(tables.log(), tables.archive(), rows, WRITTEN))) {
            p.setString(1, table);
            p.setString(2, table);
            p.setArray(3, c.createArrayOf("int4", recordIds.toArray()));
            Map<Integer, RowState> out = new LinkedHashMap<>();
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                int id = rs.getInt(1);
                out.put(id, new RowState(id, rs.getBoolean(2), rs.getString(3)));
              }
            }
            return out;
          }
        });
  }

  @Override
  public Set<String> recordedSfids(String table, Collection<String> sfids, Instant since) {
    if (sfids.isEmpty()) return Set.of();
    return jdbc.inTransaction(
        "find sfids written to " + table,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  RECORDED_SFIDS.formatted(tables.log(), tables.archive(), RECORDED))) {
            Array ids = c.createArrayOf("varchar", sfids.toArray());
            int i = 1;
            for (int part = 0; part < 2; part++) {
              p.setString(i++, table);
              setInstant(p, i++, since);
              p.setArray(i++, ids);
            }
            Set<String> out = new HashSet<>();
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) out.add(rs.getString(1));
            }
            return out;
          }
        });
  }

  @Override
  public List<ChangeEntry> stalePending(Instant cutoff) {
    return jdbc.inTransaction(
        "find stale PENDING entries of " + tables.schema(),
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(STALE_PENDING.formatted(tables.log(), ENTRY_COLUMNS))) {
            setInstant(p, 1, cutoff);
            return TriggerLogTables.read(p);
          }
        });
  }

  @Override
  public int release(Collection<Long> entryIds) {
    if (entryIds.isEmpty()) return 0;
    return jdbc.inTransaction(
        "release PENDING entries of " + tables.schema(),
        c -> {
          try (PreparedStatement p = c.prepareStatement(RELEASE.formatted(tables.log()))) {
            setInstant(p, 1, clock.instant());
            p.setArray(2, c.createArrayOf("int4", entryIds.stream().map(Long::intValue).toArray()));
            return p.executeUpdate();
          }
        });
  }

  /** One statement on the (state, id) index, cheap when nothing is marked. */
  @Override
  public int requeueMarked() {
    return jdbc.inTransaction(
        "queue REQUEUE entries of " + tables.schema() + " again",
        c -> {
          try (PreparedStatement p = c.prepareStatement(REQUEUE_MARKED.formatted(tables.log()))) {
            Instant now = clock.instant();
            setInstant(p, 1, now);
            setInstant(p, 2, now);
            int queued = p.executeUpdate();
            if (queued > 0) {
              log.atInfo()
                  .addKeyValue("schema", tables.schema())
                  .addKeyValue("entries", queued)
                  .log("entries set to REQUEUE were queued again as NEW");
            }
            return queued;
          }
        });
  }

  @Override
  public void wake() {
    jdbc.inTransaction(
        "wake the writers of " + tables.schema(),
        c -> {
          try (PreparedStatement p = c.prepareStatement(WAKE)) {
            p.setString(1, tables.schema() + ".hc_trigger_log");
            p.execute();
          }
          return null;
        });
  }

  @Override
  public Wakeups listen() {
    return new TriggerLogListener(dataSource, tables.schema() + ".hc_trigger_log");
  }
}

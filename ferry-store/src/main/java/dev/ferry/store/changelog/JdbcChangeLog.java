package dev.ferry.store.changelog;

import static dev.ferry.store.internal.Rows.instant;
import static dev.ferry.store.internal.Rows.setInstant;
import static dev.ferry.store.internal.Sql.qualified;

import dev.ferry.core.control.RetryResult;
import dev.ferry.core.model.PgIdentifiers;
import dev.ferry.core.port.ChangeLog;
import dev.ferry.core.store.Backlog;
import dev.ferry.core.store.ChangeEntry;
import dev.ferry.core.store.EntryAction;
import dev.ferry.core.store.EntryOutcome;
import dev.ferry.core.store.EntryState;
import dev.ferry.core.store.RowState;
import dev.ferry.core.store.RowWriteBack;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ChangeLog} over a connection schema's {@code _trigger_log} and its archive. */
public final class JdbcChangeLog implements ChangeLog {
  private static final Logger log = LoggerFactory.getLogger(JdbcChangeLog.class);
  private static final String ENTRY_COLUMNS = entryColumns("");

  /**
   * States that end an entry and move it to the archive at once, listed so the move can use the
   * (state, id) index. FAILED is not among them: a failure stays in the log for a while ({@link
   * #archiveFailed}).
   */
  private static final Object[] DONE_STATES =
      java.util.Arrays.stream(EntryState.values())
          .filter(EntryState::isDone)
          .filter(s -> s != EntryState.FAILED)
          .map(Enum::name)
          .toArray();

  /** The columns {@link #read} maps, qualified by {@code alias} (with its dot) when given. */
  private static String entryColumns(String alias) {
    String a = alias;
    return a
        + "id AS id, "
        + a
        + "txid AS txid, "
        + a
        + "action AS action, "
        + a
        + "table_name AS table_name, "
        + a
        + "record_id AS record_id, "
        + a
        + "sfid AS sfid, "
        + a
        + "state AS state, "
        + a
        + "created_at AS created_at, "
        + a
        + "updated_at AS updated_at, "
        + a
        + "sf_result AS sf_result, "
        + a
        + "sf_message AS sf_message, "
        + "public.hstore_to_array("
        + a
        + "old::public.hstore) AS old_kv, "
        + "public.hstore_to_array("
        + a
        + "\"values\"::public.hstore) AS values_kv";
  }

  private final DataSource dataSource;
  private final Jdbc jdbc;
  private final String schema;
  private final String logTable;
  private final String archiveTable;
  private final InstantSource clock;
  private final java.util.concurrent.atomic.AtomicBoolean analyzing =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** Entries a completion must move before the archive's statistics are looked at. */
  private static final int ANALYZE_AFTER = 1000;

  public JdbcChangeLog(DataSource dataSource, String schema, InstantSource clock) {
    this.dataSource = dataSource;
    this.jdbc = new Jdbc(dataSource);
    this.schema = PgIdentifiers.requireValid(schema);
    this.logTable = qualified(schema, "_trigger_log");
    this.archiveTable = qualified(schema, "_trigger_log_archive");
    this.clock = clock;
  }

  @Override
  public List<ChangeEntry> claim(int max, Set<String> tables) {
    if (max <= 0) return List.of();
    return jdbc.inTransaction(
        "claim trigger log entries of " + schema,
        c -> {
          lockClaims(c);
          String tableFilter = tables.isEmpty() ? "" : " AND t.table_name = ANY (?)";
          try (PreparedStatement p =
              c.prepareStatement(
                  "WITH picked AS (SELECT t.id FROM "
                      + logTable
                      + " t WHERE t.state = 'NEW'"
                      + tableFilter
                      + " AND NOT EXISTS (SELECT 1 FROM "
                      + logTable
                      + " p WHERE p.state = 'PENDING' AND p.table_name = t.table_name"
                      + " AND p.record_id = t.record_id AND p.id < t.id)"
                      + " ORDER BY t.id LIMIT ? FOR UPDATE SKIP LOCKED)"
                      + " UPDATE "
                      + logTable
                      + " e SET state = 'PENDING', updated_at = ? FROM picked"
                      + " WHERE e.id = picked.id RETURNING "
                      + entryColumns("e."))) {
            int i = 1;
            if (!tables.isEmpty()) p.setArray(i++, c.createArrayOf("varchar", tables.toArray()));
            p.setInt(i++, max);
            setInstant(p, i, clock.instant());
            List<ChangeEntry> entries = read(p);
            entries.sort((a, b) -> Long.compare(a.id(), b.id()));
            return entries;
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
        "claim trigger log entries of " + schema + " in order",
        c -> {
          lockClaims(c);
          Array names = tables.isEmpty() ? null : c.createArrayOf("varchar", tables.toArray());
          String tableFilter = names == null ? "" : " AND table_name = ANY (?)";
          Set<String> inFlight = new java.util.HashSet<>();
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT DISTINCT table_name, record_id FROM "
                      + logTable
                      + " WHERE state = 'PENDING'"
                      + tableFilter)) {
            if (names != null) p.setArray(1, names);
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) inFlight.add(rs.getString(1) + "#" + rs.getInt(2));
            }
          }
          List<Integer> ids = new ArrayList<>();
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT id, table_name, record_id FROM "
                      + logTable
                      + " WHERE state = 'NEW'"
                      + tableFilter
                      + " ORDER BY id LIMIT ?")) {
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
              c.prepareStatement(
                  "UPDATE "
                      + logTable
                      + " e SET state = 'PENDING', updated_at = ? FROM unnest(?::int4[]) AS v(id)"
                      + " WHERE e.id = v.id AND e.state = 'NEW' RETURNING "
                      + entryColumns("e."))) {
            setInstant(p, 1, clock.instant());
            p.setArray(2, c.createArrayOf("int4", ids.toArray()));
            List<ChangeEntry> entries = read(p);
            entries.sort((a, b) -> Long.compare(a.id(), b.id()));
            return entries;
          }
        });
  }

  /**
   * Claims run one at a time per schema, so the "earlier entry in flight" check sees every
   * committed claim; SKIP LOCKED steps over rows others hold otherwise.
   */
  private void lockClaims(Connection c) throws SQLException {
    try (PreparedStatement lock =
        c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
      lock.setString(1, "ferry.claim:" + schema);
      lock.execute();
    }
  }

  @Override
  public int complete(List<EntryOutcome> outcomes) {
    if (outcomes.isEmpty()) return 0;
    int done = completeAndWriteBack(outcomes);
    if (done >= ANALYZE_AFTER) analyzeArchiveIfGrown();
    return done;
  }

  /**
   * A burst of writes fills the archive far faster than autovacuum analyzes it (a minute apart at
   * best); planned with the statistics of an archive a fraction of its size, {@link #rowStates}'
   * join can scan the whole archive once per row (minutes for 20,000 rows). So after a large
   * completion the archive is analyzed whenever it has changed by more than its analyzed size
   * since: once per doubling, a few tens of milliseconds each.
   */
  private void analyzeArchiveIfGrown() {
    if (!analyzing.compareAndSet(false, true)) return; // another completion is at it
    try {
      jdbc.inTransaction(
          "analyze " + archiveTable,
          c -> {
            boolean grown;
            try (PreparedStatement p =
                c.prepareStatement(
                    "SELECT s.n_mod_since_analyze > GREATEST(k.reltuples, 0) + ?"
                        + " FROM pg_stat_user_tables s JOIN pg_class k ON k.oid = s.relid"
                        + " WHERE s.relid = to_regclass(?)")) {
              p.setInt(1, ANALYZE_AFTER);
              p.setString(2, archiveTable);
              try (ResultSet rs = p.executeQuery()) {
                grown = rs.next() && rs.getBoolean(1);
              }
            }
            if (grown) {
              try (PreparedStatement p = c.prepareStatement("ANALYZE " + archiveTable)) {
                p.execute();
              }
            }
            return null;
          });
    } catch (RuntimeException e) {
      log.atDebug().addKeyValue("schema", schema).log("could not analyze the archive: {}", e);
    } finally {
      analyzing.set(false);
    }
  }

  private int completeAndWriteBack(List<EntryOutcome> outcomes) {
    Instant now = clock.instant();
    return jdbc.inTransaction(
        "complete " + outcomes.size() + " trigger log entries of " + schema,
        c -> {
          Set<Long> completed = completeEntries(c, outcomes, now);
          // the rows of completed entries, per table, the last outcome of a row winning
          Map<String, Map<Integer, EntryOutcome>> backs = new LinkedHashMap<>();
          for (EntryOutcome o : outcomes) {
            if (!completed.contains(o.entryId())) {
              log.atWarn()
                  .addKeyValue("schema", schema)
                  .addKeyValue("entry", o.entryId())
                  .log("entry was not PENDING any more; its outcome and write-back are skipped");
              continue;
            }
            RowWriteBack w = o.writeBack();
            if (w != null) {
              backs.computeIfAbsent(w.table(), k -> new LinkedHashMap<>()).put(w.recordId(), o);
            }
          }
          for (Map.Entry<String, Map<Integer, EntryOutcome>> t : backs.entrySet()) {
            Set<Integer> updated = writeBack(c, t.getKey(), t.getValue().values());
            for (EntryOutcome o : t.getValue().values()) {
              RowWriteBack w = o.writeBack();
              if (!updated.contains(w.recordId())) deleteIfRowWasDeleted(c, o, w);
            }
          }
          return completed.size();
        });
  }

  /**
   * Sets the outcomes of entries still PENDING; returns those it completed. Failures stay in the
   * log (where applications look for them, and set them back to NEW to retry); every other outcome
   * moves to the archive in one statement (deleted from the log, inserted into the archive with its
   * outcome), never rewritten in the log first: one pass over the rows instead of two.
   */
  private Set<Long> completeEntries(Connection c, List<EntryOutcome> outcomes, Instant now)
      throws SQLException {
    List<EntryOutcome> failed = new ArrayList<>();
    List<EntryOutcome> finished = new ArrayList<>(outcomes.size());
    for (EntryOutcome o : outcomes) (o.state() == EntryState.FAILED ? failed : finished).add(o);
    Set<Long> done = new java.util.HashSet<>();
    if (!finished.isEmpty()) done.addAll(archiveOutcomes(c, finished, now));
    if (!failed.isEmpty()) done.addAll(keepFailures(c, failed, now));
    return done;
  }

  /** Failures stay in the log with their outcome; returns the entries it completed. */
  private Set<Long> keepFailures(Connection c, List<EntryOutcome> outcomes, Instant now)
      throws SQLException {
    int n = outcomes.size();
    Object[] ids = new Object[n];
    Object[] results = new Object[n];
    Object[] messages = new Object[n];
    for (int k = 0; k < n; k++) {
      EntryOutcome o = outcomes.get(k);
      ids[k] = (int) o.entryId();
      results[k] = o.sfResult();
      messages[k] = o.sfMessage();
    }
    try (PreparedStatement p =
        c.prepareStatement(
            """
            UPDATE %s e
               SET state = 'FAILED', sf_result = v.result, sf_message = v.message,
                   updated_at = ?, processed_at = ?, processed_tx = txid_current()
              FROM unnest(?::int4[], ?::int4[], ?::text[]) AS v(id, result, message)
             WHERE e.id = v.id AND e.state = 'PENDING'
            RETURNING e.id
            """
                .formatted(logTable))) {
      setInstant(p, 1, now);
      setInstant(p, 2, now);
      p.setArray(3, c.createArrayOf("int4", ids));
      p.setArray(4, c.createArrayOf("int4", results));
      p.setArray(5, c.createArrayOf("text", messages));
      Set<Long> done = new java.util.HashSet<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) done.add(rs.getLong(1));
      }
      return done;
    }
  }

  /** Moves finished entries to the archive with their outcome; returns those it moved. */
  private Set<Long> archiveOutcomes(Connection c, List<EntryOutcome> outcomes, Instant now)
      throws SQLException {
    int n = outcomes.size();
    Object[] ids = new Object[n];
    Object[] states = new Object[n];
    Object[] results = new Object[n];
    Object[] messages = new Object[n];
    Object[] sfids = new Object[n];
    for (int k = 0; k < n; k++) {
      EntryOutcome o = outcomes.get(k);
      RowWriteBack w = o.writeBack();
      ids[k] = (int) o.entryId();
      states[k] = o.state().name();
      results[k] = o.sfResult();
      messages[k] = o.sfMessage();
      sfids[k] = o.state() == EntryState.SUCCESS && w != null ? w.sfid() : null;
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "WITH moved AS (DELETE FROM "
                + logTable
                + " e USING unnest(?::int4[], ?::varchar[], ?::int4[], ?::text[], ?::varchar[])"
                + " AS v(id, state, result, message, sfid)"
                + " WHERE e.id = v.id AND e.state = 'PENDING'"
                + " RETURNING e.id, e.txid, e.created_at, e.action, e.table_name, e.record_id,"
                + " COALESCE(v.sfid, e.sfid) AS sfid, e.old, e.\"values\", v.state AS new_state,"
                + " v.result, v.message),"
                + " archived AS (INSERT INTO "
                + archiveTable
                + " (id, txid, created_at, updated_at, processed_at, processed_tx, state, action,"
                + " table_name, record_id, sfid, old, \"values\", sf_result, sf_message)"
                + " SELECT id, txid, created_at, ?, ?, txid_current(), new_state, action,"
                + " table_name, record_id, sfid, old, \"values\", result, message FROM moved"
                + " ON CONFLICT (id) DO NOTHING)"
                + " SELECT id FROM moved")) {
      p.setArray(1, c.createArrayOf("int4", ids));
      p.setArray(2, c.createArrayOf("varchar", states));
      p.setArray(3, c.createArrayOf("int4", results));
      p.setArray(4, c.createArrayOf("text", messages));
      p.setArray(5, c.createArrayOf("varchar", sfids));
      setInstant(p, 6, now);
      setInstant(p, 7, now);
      Set<Long> done = new java.util.HashSet<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) done.add(rs.getLong(1));
      }
      return done;
    }
  }

  /**
   * Puts the outcomes on the rows of one table as Ferry, in two statements; returns the rows it
   * found. The status trigger keeps an explicit {@code _hc_lastop} only when it changes, so a
   * repeated outcome (FAILED again) first steps through PENDING. A reader may already have stored a
   * freshly inserted record as a row of its own (no upsert field to match it by, spec §5.6): where
   * Heroku Connect keeps that duplicate, Ferry removes it and gives the sfid to the application's
   * row (see {@link #adoptReaderCopies}); a copy the application has touched since is left alone
   * and the application's row keeps its null sfid instead of failing the batch.
   */
  private Set<Integer> writeBack(Connection c, String tableName, Collection<EntryOutcome> rows)
      throws SQLException {
    String table = qualified(schema, PgIdentifiers.requireValid(tableName));
    int n = rows.size();
    Object[] ids = new Object[n];
    Object[] sfids = new Object[n];
    Object[] lastops = new Object[n];
    Object[] errs = new Object[n];
    int k = 0;
    for (EntryOutcome o : rows) {
      RowWriteBack w = o.writeBack();
      ids[k] = w.recordId();
      sfids[k] = w.sfid();
      lastops[k] = w.lastop();
      errs[k] = w.hcErr();
      k++;
    }
    Array idArray = c.createArrayOf("int4", ids);
    Array lastopArray = c.createArrayOf("varchar", lastops);
    Array sfidArray = c.createArrayOf("varchar", sfids);
    adoptReaderCopies(c, tableName, table, idArray, sfidArray, lastopArray);
    try (PreparedStatement step =
        c.prepareStatement(
            "UPDATE "
                + table
                + " t SET _hc_lastop = 'PENDING' FROM unnest(?::int4[], ?::varchar[])"
                + " AS v(id, lastop) WHERE t.id = v.id AND t._hc_lastop = v.lastop")) {
      step.setArray(1, idArray);
      step.setArray(2, lastopArray);
      step.executeUpdate();
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE "
                + table
                + " t SET sfid = CASE WHEN v.sfid IS NULL OR EXISTS (SELECT 1 FROM "
                + table
                + " x WHERE x.sfid = v.sfid AND x.id <> t.id) THEN t.sfid ELSE v.sfid END,"
                + " _hc_lastop = v.lastop, _hc_err = v.err"
                + " FROM unnest(?::int4[], ?::varchar[], ?::varchar[], ?::text[])"
                + " AS v(id, sfid, lastop, err) WHERE t.id = v.id RETURNING t.id")) {
      p.setArray(1, idArray);
      p.setArray(2, sfidArray);
      p.setArray(3, lastopArray);
      p.setArray(4, c.createArrayOf("text", errs));
      Set<Integer> found = new java.util.HashSet<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) found.add(rs.getInt(1));
      }
      return found;
    }
  }

  /**
   * Deletes the rows a reader stored for records that inserts of this batch created, before their
   * sfids were written back: only rows still exactly as the reader left them ({@code SYNCED}, no
   * change of the application waiting), so nothing the application wrote is lost. Ferry's session
   * is not captured, so the delete never reaches Salesforce.
   */
  private void adoptReaderCopies(
      Connection c, String tableName, String table, Array ids, Array sfids, Array lastops)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "DELETE FROM "
                + table
                + " x USING unnest(?::int4[], ?::varchar[], ?::varchar[]) AS v(id, sfid, lastop)"
                + " WHERE v.lastop = 'INSERTED' AND v.sfid IS NOT NULL AND x.sfid = v.sfid"
                + " AND x.id <> v.id AND x._hc_lastop = 'SYNCED' AND NOT EXISTS (SELECT 1 FROM "
                + logTable
                + " l WHERE l.table_name = ? AND l.record_id = x.id"
                + " AND l.state IN ('NEW', 'PENDING')) RETURNING x.id, x.sfid, v.id")) {
      p.setArray(1, ids);
      p.setArray(2, sfids);
      p.setArray(3, lastops);
      p.setString(4, tableName);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          log.atInfo()
              .addKeyValue("schema", schema)
              .addKeyValue("table", tableName)
              .addKeyValue("sfid", rs.getString(2))
              .addKeyValue("reader_row", rs.getInt(1))
              .addKeyValue("record", rs.getInt(3))
              .log("the reader stored an inserted record before its write-back; kept one row");
        }
      }
    }
  }

  /**
   * An insert reached Salesforce but its row is gone: the application deleted it meanwhile, and
   * that DELETE was captured without an sfid (IGNORE). Queue the DELETE the record now needs. A row
   * that vanished otherwise (TRUNCATE, a reload) is left alone: nothing asked to delete it.
   */
  private void deleteIfRowWasDeleted(Connection c, EntryOutcome o, RowWriteBack w)
      throws SQLException {
    if (!"INSERTED".equals(w.lastop()) || w.sfid() == null) return;
    String deleted =
        " WHERE table_name = ? AND record_id = ? AND action = 'DELETE' AND state = 'IGNORE'"
            + " AND id > ?";
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO "
                + logTable
                + " (action, table_name, txid, created_at, state, record_id, sfid)"
                + " SELECT 'DELETE', ?, txid_current(), clock_timestamp(), 'NEW', ?, ?"
                + " WHERE EXISTS (SELECT 1 FROM "
                + logTable
                + deleted
                + " UNION ALL SELECT 1 FROM "
                + archiveTable
                + deleted
                + ")")) {
      int i = 1;
      p.setString(i++, w.table());
      p.setInt(i++, w.recordId());
      p.setString(i++, w.sfid());
      for (int part = 0; part < 2; part++) {
        p.setString(i++, w.table());
        p.setInt(i++, w.recordId());
        p.setLong(i++, o.entryId());
      }
      if (p.executeUpdate() > 0) {
        log.atInfo()
            .addKeyValue("schema", schema)
            .addKeyValue("table", w.table())
            .addKeyValue("record", w.recordId())
            .addKeyValue("sfid", w.sfid())
            .log("row deleted while its insert was in flight; queued the DELETE of the record");
      }
    }
  }

  @Override
  public Map<Integer, RowState> rowStates(String table, Collection<Integer> recordIds) {
    if (recordIds.isEmpty()) return Map.of();
    String rows = qualified(schema, PgIdentifiers.requireValid(table));
    // The newest successful write of each record (after a DELETE the record is gone), looked up
    // per record, and only for a row without an sfid of its own: a correlated lookup by index
    // whatever the planner believes. (A join with the array's records was planned as a nested
    // loop recomputing the whole lookup per record whenever the statistics were stale, as they
    // are right after a large INSERT or a TRUNCATE: minutes for 20,000 records.)
    String written =
        " l WHERE l.record_id = r.rid AND l.table_name = ? AND l.state = 'SUCCESS'"
            + " AND l.sfid IS NOT NULL";
    return jdbc.inTransaction(
        "read row states of " + table,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT r.rid, t.id IS NOT NULL AS present, COALESCE(t.sfid,"
                      + " (SELECT CASE WHEN x.action = 'DELETE' THEN NULL ELSE x.sfid END"
                      + " FROM (SELECT l.id, l.sfid, l.action FROM "
                      + logTable
                      + written
                      + " UNION ALL SELECT l.id, l.sfid, l.action FROM "
                      + archiveTable
                      + written
                      + ") x ORDER BY x.id DESC LIMIT 1))"
                      + " FROM (SELECT DISTINCT unnest(?::int4[]) AS rid) r LEFT JOIN "
                      + rows
                      + " t ON t.id = r.rid")) {
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
  public int archiveDone() {
    return jdbc.inTransaction(
        "archive trigger log entries of " + schema,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "WITH moved AS (DELETE FROM "
                      + logTable
                      + " WHERE state = ANY (?) RETURNING *)"
                      + " INSERT INTO "
                      + archiveTable
                      + " SELECT * FROM moved ON CONFLICT (id) DO NOTHING")) {
            p.setArray(1, c.createArrayOf("varchar", DONE_STATES));
            return p.executeUpdate();
          }
        });
  }

  @Override
  public int archiveFailed(Instant processedBefore) {
    return jdbc.inTransaction(
        "archive failed trigger log entries of " + schema,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  """
                  WITH moved AS (
                    DELETE FROM %s
                     WHERE state = 'FAILED'
                       AND COALESCE(processed_at, updated_at, created_at) < ?
                    RETURNING *)
                  INSERT INTO %s SELECT * FROM moved ON CONFLICT (id) DO NOTHING
                  """
                      .formatted(logTable, archiveTable))) {
            setInstant(p, 1, processedBefore);
            return p.executeUpdate();
          }
        });
  }

  /**
   * One statement on the (state, id) index, cheap when nothing is marked: the marked entries become
   * REQUEUED and their copies are inserted as NEW in their original order (new ids from the
   * sequence, so they go to the end of the queue; the insert notifies the writers).
   */
  @Override
  public int requeueMarked() {
    return jdbc.inTransaction(
        "queue REQUEUE entries of " + schema + " again",
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  """
                  WITH marked AS (
                    UPDATE %1$s SET state = 'REQUEUED', updated_at = ?
                     WHERE state = 'REQUEUE'
                    RETURNING id, action, table_name, record_id, sfid, old, "values")
                  INSERT INTO %1$s
                    (txid, created_at, updated_at, state, action, table_name, record_id, sfid, old,
                     "values")
                  SELECT txid_current(), clock_timestamp(), ?, 'NEW', action, table_name,
                         record_id, sfid, old, "values"
                    FROM marked ORDER BY id
                  """
                      .formatted(logTable))) {
            Instant now = clock.instant();
            setInstant(p, 1, now);
            setInstant(p, 2, now);
            int queued = p.executeUpdate();
            if (queued > 0) {
              log.atInfo()
                  .addKeyValue("schema", schema)
                  .addKeyValue("entries", queued)
                  .log("entries set to REQUEUE were queued again as NEW");
            }
            return queued;
          }
        });
  }

  @Override
  public List<ChangeEntry> stalePending(Instant cutoff) {
    return jdbc.inTransaction(
        "find stale PENDING entries of " + schema,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT "
                      + ENTRY_COLUMNS
                      + " FROM "
                      + logTable
                      + " WHERE state = 'PENDING' AND updated_at < ? ORDER BY id")) {
            setInstant(p, 1, cutoff);
            return read(p);
          }
        });
  }

  @Override
  public int release(Collection<Long> entryIds) {
    if (entryIds.isEmpty()) return 0;
    return jdbc.inTransaction(
        "release PENDING entries of " + schema,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE "
                      + logTable
                      + " SET state = 'NEW', updated_at = ? WHERE id = ANY (?) AND state = 'PENDING'")) {
            setInstant(p, 1, clock.instant());
            p.setArray(2, c.createArrayOf("int4", entryIds.stream().map(Long::intValue).toArray()));
            return p.executeUpdate();
          }
        });
  }

  @Override
  public int purgeArchive(Instant cutoff) {
    return jdbc.inTransaction(
        "purge trigger log archive of " + schema,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("DELETE FROM " + archiveTable + " WHERE created_at < ?")) {
            setInstant(p, 1, cutoff);
            return p.executeUpdate();
          }
        });
  }

  @Override
  public List<ChangeEntry> failedSince(Instant since, @Nullable String table, int limit) {
    String filter =
        " WHERE state = 'FAILED' AND created_at >= ?"
            + (table == null ? "" : " AND table_name = ?");
    return jdbc.inTransaction(
        "read failed entries of " + schema,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT * FROM (SELECT "
                      + ENTRY_COLUMNS
                      + " FROM "
                      + logTable
                      + filter
                      + " UNION ALL SELECT "
                      + ENTRY_COLUMNS
                      + " FROM "
                      + archiveTable
                      + filter
                      + ") f ORDER BY created_at DESC, id DESC LIMIT ?")) {
            int i = 1;
            for (int part = 0; part < 2; part++) {
              setInstant(p, i++, since);
              if (table != null) p.setString(i++, table);
            }
            p.setInt(i, limit);
            return read(p);
          }
        });
  }

  @Override
  public Set<String> recordedSfids(String table, Collection<String> sfids, Instant since) {
    if (sfids.isEmpty()) return Set.of();
    String filter =
        " WHERE table_name = ? AND state = 'SUCCESS' AND processed_at >= ? AND sfid = ANY (?)";
    return jdbc.inTransaction(
        "find sfids written to " + table,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT sfid FROM "
                      + logTable
                      + filter
                      + " UNION SELECT sfid FROM "
                      + archiveTable
                      + filter)) {
            java.sql.Array ids = c.createArrayOf("varchar", sfids.toArray());
            int i = 1;
            for (int part = 0; part < 2; part++) {
              p.setString(i++, table);
              setInstant(p, i++, since);
              p.setArray(i++, ids);
            }
            Set<String> out = new java.util.HashSet<>();
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) out.add(rs.getString(1));
            }
            return out;
          }
        });
  }

  @Override
  public long countFailedSince(Instant since, @Nullable String table) {
    String filter =
        " WHERE state = 'FAILED' AND created_at >= ?"
            + (table == null ? "" : " AND table_name = ?");
    return jdbc.inTransaction(
        "count failed entries of " + schema,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT (SELECT count(*) FROM "
                      + logTable
                      + filter
                      + ") + (SELECT count(*) FROM "
                      + archiveTable
                      + filter
                      + ")")) {
            int i = 1;
            for (int part = 0; part < 2; part++) {
              setInstant(p, i++, since);
              if (table != null) p.setString(i++, table);
            }
            try (ResultSet rs = p.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  @Override
  public Backlog backlog(@Nullable String table) {
    return jdbc.inTransaction(
        "measure the backlog of " + schema,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT count(*) FILTER (WHERE state IN ('NEW', 'REQUEUE')) AS new_entries,"
                      + " count(*) FILTER (WHERE state = 'PENDING') AS pending_entries,"
                      + " min(created_at) AS oldest FROM "
                      + logTable
                      + " WHERE state IN ('NEW', 'PENDING', 'REQUEUE')"
                      + (table == null ? "" : " AND table_name = ?"))) {
            if (table != null) p.setString(1, table);
            try (ResultSet rs = p.executeQuery()) {
              rs.next();
              return new Backlog(
                  rs.getLong("new_entries"), rs.getLong("pending_entries"), instant(rs, "oldest"));
            }
          }
        });
  }

  @Override
  public RetryResult requeueFailed(@Nullable String table, @Nullable Long entryId) {
    return new Requeue(schema, logTable, archiveTable, clock).run(jdbc, table, entryId);
  }

  @Override
  public void wake() {
    jdbc.inTransaction(
        "wake the writers of " + schema,
        c -> {
          try (PreparedStatement p = c.prepareStatement("SELECT pg_notify(?, 'ping')")) {
            p.setString(1, schema + ".hc_trigger_log");
            p.execute();
          }
          return null;
        });
  }

  @Override
  public long countNew() {
    return jdbc.inTransaction(
        "count NEW entries of " + schema,
        c -> {
          try (PreparedStatement p =
                  c.prepareStatement("SELECT count(*) FROM " + logTable + " WHERE state = 'NEW'");
              ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  @Override
  public Wakeups listen() {
    return new TriggerLogListener(dataSource, schema + ".hc_trigger_log");
  }

  private static List<ChangeEntry> read(PreparedStatement p) throws SQLException {
    List<ChangeEntry> out = new ArrayList<>();
    try (ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        out.add(
            new ChangeEntry(
                rs.getLong("id"),
                rs.getLong("txid"),
                EntryAction.valueOf(rs.getString("action")),
                rs.getString("table_name"),
                rs.getInt("record_id"),
                rs.getString("sfid"),
                pairs(rs.getArray("old_kv")),
                pairs(rs.getArray("values_kv")),
                EntryState.valueOf(rs.getString("state")),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                (Integer) rs.getObject("sf_result"),
                rs.getString("sf_message")));
      }
    }
    return out;
  }

  /** {k1, v1, k2, v2, ...} from hstore_to_array. */
  private static Map<String, @Nullable String> pairs(@Nullable Array array) throws SQLException {
    Map<String, @Nullable String> m = new LinkedHashMap<>();
    if (array == null) return m;
    String[] kv = (String[]) array.getArray();
    for (int i = 0; i + 1 < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
    return m;
  }
}

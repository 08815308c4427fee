package dev.ferry.store.changelog;

import static dev.ferry.store.internal.Rows.setInstant;
import static dev.ferry.store.internal.Sql.qualified;

import dev.ferry.core.model.PgIdentifiers;
import dev.ferry.core.store.EntryOutcome;
import dev.ferry.core.store.EntryState;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the writers' outcomes ({@link dev.ferry.core.port.ChangeLog#complete}): each entry's
 * outcome and its row's write-back, in one transaction.
 */
final class OutcomeStore {
  private static final Logger log = LoggerFactory.getLogger(OutcomeStore.class);

  /** Entries a completion must move before the archive's statistics are looked at. */
  private static final int ANALYZE_AFTER = 1000;

  /** Failures stay in the log ({@code %1$s}) with their outcome. */
  private static final String KEEP_FAILURES =
      """
      UPDATE %1$s e
         SET state = 'FAILED', sf_result = v.result, sf_message = v.message,
             updated_at = ?, processed_at = ?, processed_tx = txid_current()
        FROM unnest(?::int4[], ?::int4[], ?::text[]) AS v(id, result, message)
       WHERE e.id = v.id AND e.state = 'PENDING'
      RETURNING e.id
      """;

  /** Every other outcome moves from the log ({@code %1$s}) to the archive ({@code %2$s}). */
  private static final String ARCHIVE_OUTCOMES =
      """
      WITH moved AS (
        DELETE FROM %1$s e
         USING unnest(?::int4[], ?::varchar[], ?::int4[], ?::text[], ?::varchar[])
               AS v(id, state, result, message, sfid)
         WHERE e.id = v.id AND e.state = 'PENDING'
        RETURNING e.id, e.txid, e.created_at, e.action, e.table_name, e.record_id,
                  COALESCE(v.sfid, e.sfid) AS sfid, e.old, e."values", v.state AS new_state,
                  v.result, v.message),
      archived AS (
        INSERT INTO %2$s
          (id, txid, created_at, updated_at, processed_at, processed_tx, state, action,
           table_name, record_id, sfid, old, "values", sf_result, sf_message)
        SELECT id, txid, created_at, ?, ?, txid_current(), new_state, action,
               table_name, record_id, sfid, old, "values", result, message
          FROM moved
        ON CONFLICT (id) DO NOTHING)
      SELECT id FROM moved
      """;

  /** A repeated outcome first steps the rows of table {@code %1$s} through PENDING. */
  private static final String STEP_THROUGH_PENDING =
      """
      UPDATE %1$s t SET _hc_lastop = 'PENDING'
        FROM unnest(?::int4[], ?::varchar[]) AS v(id, lastop)
       WHERE t.id = v.id AND t._hc_lastop = v.lastop
      """;

  /** The write-back on the rows of table {@code %1$s}; an sfid another row holds is not taken. */
  private static final String WRITE_BACK =
      """
      UPDATE %1$s t
         SET sfid = CASE WHEN v.sfid IS NULL
                           OR EXISTS (SELECT 1 FROM %1$s x WHERE x.sfid = v.sfid AND x.id <> t.id)
                         THEN t.sfid ELSE v.sfid END,
             _hc_lastop = v.lastop, _hc_err = v.err
        FROM unnest(?::int4[], ?::varchar[], ?::varchar[], ?::text[]) AS v(id, sfid, lastop, err)
       WHERE t.id = v.id
      RETURNING t.id
      """;

  /** The reader's untouched copies in table {@code %1$s}, no change waiting in log {@code %2$s}. */
  private static final String ADOPT_READER_COPIES =
      """
      DELETE FROM %1$s x
       USING unnest(?::int4[], ?::varchar[], ?::varchar[]) AS v(id, sfid, lastop)
       WHERE v.lastop = 'INSERTED' AND v.sfid IS NOT NULL AND x.sfid = v.sfid
         AND x.id <> v.id AND x._hc_lastop = 'SYNCED'
         AND NOT EXISTS (SELECT 1 FROM %2$s l
                          WHERE l.table_name = ? AND l.record_id = x.id
                            AND l.state IN ('NEW', 'PENDING'))
      RETURNING x.id, x.sfid, v.id
      """;

  /** The DELETE a record needs when its row's delete was IGNOREd (in log or archive). */
  private static final String QUEUE_DELETE_OF_DELETED_ROW =
      """
      INSERT INTO %1$s (action, table_name, txid, created_at, state, record_id, sfid)
      SELECT 'DELETE', ?, txid_current(), clock_timestamp(), 'NEW', ?, ?
       WHERE EXISTS (
               SELECT 1 FROM %1$s WHERE %3$s
               UNION ALL
               SELECT 1 FROM %2$s WHERE %3$s)
      """;

  private static final String IGNORED_DELETE_AFTER =
      "table_name = ? AND record_id = ? AND action = 'DELETE' AND state = 'IGNORE' AND id > ?";

  private static final String ARCHIVE_GROWN =
      """
      SELECT s.n_mod_since_analyze > GREATEST(k.reltuples, 0) + ?
        FROM pg_stat_user_tables s JOIN pg_class k ON k.oid = s.relid
       WHERE s.relid = to_regclass(?)
      """;

  private final Jdbc jdbc;
  private final TriggerLogTables tables;
  private final InstantSource clock;
  private final AtomicBoolean analyzing = new AtomicBoolean();

  OutcomeStore(Jdbc jdbc, TriggerLogTables tables, InstantSource clock) {
    this.jdbc = jdbc;
    this.tables = tables;
    this.clock = clock;
  }

  int complete(List<EntryOutcome> outcomes) {
    if (outcomes.isEmpty()) return 0;
    int done = completeAndWriteBack(outcomes);
    if (done >= ANALYZE_AFTER) analyzeArchiveIfGrown();
    return done;
  }

  /**
   * A burst of writes fills the archive far faster than autovacuum analyzes it (a minute apart at
   * best); planned with the statistics of an archive a fraction of its size, {@code rowStates}'
   * join can scan the whole archive once per row (minutes for 20,000 rows). So after a large
   * completion the archive is analyzed whenever it has changed by more than its analyzed size
   * since: once per doubling, a few tens of milliseconds each.
   */
  private void analyzeArchiveIfGrown() {
    if (!analyzing.compareAndSet(false, true)) return; // another completion is at it
    try {
      jdbc.inTransaction(
          "analyze " + tables.archive(),
          c -> {
            boolean grown;
            try (PreparedStatement p = c.prepareStatement(ARCHIVE_GROWN)) {
              p.setInt(1, ANALYZE_AFTER);
              p.setString(2, tables.archive());
              try (ResultSet rs = p.executeQuery()) {
                grown = rs.next() && rs.getBoolean(1);
              }
            }
            if (grown) {
              try (PreparedStatement p = c.prepareStatement("ANALYZE " + tables.archive())) {
                p.execute();
              }
            }
            return null;
          });
    } catch (RuntimeException e) {
      log.atDebug()
          .addKeyValue("schema", tables.schema())
          .log("could not analyze the archive: {}", e);
    } finally {
      analyzing.set(false);
    }
  }

  private int completeAndWriteBack(List<EntryOutcome> outcomes) {
    Instant now = clock.instant();
    return jdbc.inTransaction(
        "complete " + outcomes.size() + " trigger log entries of " + tables.schema(),
        c -> {
          Set<Long> completed = completeEntries(c, outcomes, now);
          // the rows of completed entries, per table, the last outcome of a row winning
          Map<String, Map<Integer, EntryOutcome>> backs = new LinkedHashMap<>();
          for (EntryOutcome o : outcomes) {
            if (!completed.contains(o.entryId())) {
              log.atWarn()
                  .addKeyValue("schema", tables.schema())
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
    Set<Long> done = new HashSet<>();
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
    try (PreparedStatement p = c.prepareStatement(KEEP_FAILURES.formatted(tables.log()))) {
      setInstant(p, 1, now);
      setInstant(p, 2, now);
      p.setArray(3, c.createArrayOf("int4", ids));
      p.setArray(4, c.createArrayOf("int4", results));
      p.setArray(5, c.createArrayOf("text", messages));
      return ids(p);
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
        c.prepareStatement(ARCHIVE_OUTCOMES.formatted(tables.log(), tables.archive()))) {
      p.setArray(1, c.createArrayOf("int4", ids));
      p.setArray(2, c.createArrayOf("varchar", states));
      p.setArray(3, c.createArrayOf("int4", results));
      p.setArray(4, c.createArrayOf("text", messages));
      p.setArray(5, c.createArrayOf("varchar", sfids));
      setInstant(p, 6, now);
      setInstant(p, 7, now);
      return ids(p);
    }
  }

  private static Set<Long> ids(PreparedStatement p) throws SQLException {
    Set<Long> done = new HashSet<>();
    try (ResultSet rs = p.executeQuery()) {
      while (rs.next()) done.add(rs.getLong(1));
    }
    return done;
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
    String table = qualified(tables.schema(), PgIdentifiers.requireValid(tableName));
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
    try (PreparedStatement step = c.prepareStatement(STEP_THROUGH_PENDING.formatted(table))) {
      step.setArray(1, idArray);
      step.setArray(2, lastopArray);
      step.executeUpdate();
    }
    try (PreparedStatement p = c.prepareStatement(WRITE_BACK.formatted(table))) {
      p.setArray(1, idArray);
      p.setArray(2, sfidArray);
      p.setArray(3, lastopArray);
      p.setArray(4, c.createArrayOf("text", errs));
      Set<Integer> found = new HashSet<>();
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
        c.prepareStatement(ADOPT_READER_COPIES.formatted(table, tables.log()))) {
      p.setArray(1, ids);
      p.setArray(2, sfids);
      p.setArray(3, lastops);
      p.setString(4, tableName);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          log.atInfo()
              .addKeyValue("schema", tables.schema())
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
    try (PreparedStatement p =
        c.prepareStatement(
            QUEUE_DELETE_OF_DELETED_ROW.formatted(
                tables.log(), tables.archive(), IGNORED_DELETE_AFTER))) {
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
            .addKeyValue("schema", tables.schema())
            .addKeyValue("table", w.table())
            .addKeyValue("record", w.recordId())
            .addKeyValue("sfid", w.sfid())
            .log("row deleted while its insert was in flight; queued the DELETE of the record");
      }
    }
  }
}

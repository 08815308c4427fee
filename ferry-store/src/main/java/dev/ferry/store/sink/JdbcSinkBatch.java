package dev.ferry.store.sink;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.ferry.core.model.ColumnRole;
import dev.ferry.core.model.ColumnSpec;
import dev.ferry.core.model.ValueKind;
import dev.ferry.core.sf.SfRecord;
import dev.ferry.core.store.MergeResult;
import dev.ferry.core.store.SinkBatch;
import dev.ferry.core.store.SinkOptions;
import dev.ferry.core.store.SinkTarget;
import dev.ferry.core.store.WatermarkKind;
import dev.ferry.store.internal.Jdbc;
import dev.ferry.store.internal.SqlErrors;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SinkBatch} holding one connection and transaction. Rows are converted and streamed
 * through COPY as they arrive: into a temp staging table, merged at {@link #commit}; or, when the
 * batch expects new rows (a reload), straight into the table inside a savepoint while a spool file
 * keeps a copy, so that a row that exists already, a repeated record or a delete sends the batch
 * back to the staging path with nothing lost.
 */
final class JdbcSinkBatch implements SinkBatch {
  private static final Logger log = LoggerFactory.getLogger(JdbcSinkBatch.class);
  private static final String SAVEPOINT = "ferry_append";

  /** At most this many UPDATE statements per batch (see {@link #updateChanged}). */
  private static final int MAX_UPDATE_STATEMENTS = 32;

  private final SinkTarget target;
  private final SinkOptions options;
  private final InstantSource clock;
  private final Connection connection;
  private final String operation;
  private final SfidHashes sfids = new SfidHashes();
  private final long startNanos = System.nanoTime();
  private final List<String> appendedSfids = new ArrayList<>();

  private @Nullable StagedColumns columns;
  private @Nullable MergeSql sql;
  private @Nullable CopyIn copy;
  private @Nullable CopyCsvWriter out;
  private @Nullable List<String> lastHeader;
  private int @Nullable [] lastIndexes;
  private ValueKind[] kinds = new ValueKind[0];
  private String[] names = new String[0];
  private @Nullable String[] converted = new String[0];
  private int modstampColumn = -1;
  private int isDeletedColumn = -1;
  private @Nullable ModstampMax maxModstamp;
  private long staged;
  private long copyDoneNanos;
  private boolean finished;

  /** Appending straight into the table (see class doc); false once on the staging path. */
  private boolean appending;

  private @Nullable Spool spool;
  private @Nullable SQLException appendFailure;

  JdbcSinkBatch(
      DataSource dataSource, SinkTarget target, SinkOptions options, InstantSource clock) {
    this.target = target;
    this.options = options;
    this.clock = clock;
    this.operation = "merge into " + target.describe();
    Connection c = null;
    try {
      c = dataSource.getConnection();
      c.setAutoCommit(false);
      Jdbc.asFerry(c);
    } catch (SQLException e) {
      closeQuietly(c);
      throw SqlErrors.classify(operation, e);
    }
    this.connection = c;
  }

  @Override
  public void add(SfRecord record) {
    requireOpen();
    writeRow(indexesFor(record.header().names()), record.values());
  }

  @Override
  public long addCsv(Reader csvPage) {
    requireOpen();
    long rows = 0;
    try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(csvPage)) {
      Iterator<CsvRecord> it = reader.iterator();
      if (!it.hasNext()) return 0;
      List<String> header = it.next().getFields();
      int[] idx = indexesFor(header);
      String[] values = new String[header.size()];
      while (it.hasNext()) {
        CsvRecord r = it.next();
        if (r.getFieldCount() != values.length) {
          throw new IllegalArgumentException(
              "CSV line "
                  + r.getStartingLineNumber()
                  + " has "
                  + r.getFieldCount()
                  + " fields, header has "
                  + values.length);
        }
        for (int i = 0; i < values.length; i++) values[i] = r.getField(i);
        writeRow(idx, values);
        rows++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading a CSV page for " + target.describe(), e);
    }
    return rows;
  }

  @Override
  public long staged() {
    return staged;
  }

  private int[] indexesFor(List<String> header) {
    if (header.equals(lastHeader)) return lastIndexes;
    if (columns == null) start(header);
    lastIndexes = columns.indexesIn(header);
    lastHeader = List.copyOf(header);
    return lastIndexes;
  }

  private void start(List<String> header) {
    columns = StagedColumns.fromHeader(target.table(), header);
    sql = new MergeSql(target, columns);
    List<ColumnSpec> cols = columns.columns();
    kinds = new ValueKind[cols.size()];
    names = new String[cols.size()];
    for (int i = 0; i < cols.size(); i++) {
      kinds[i] = cols.get(i).type().kind();
      names[i] = cols.get(i).name();
      if (cols.get(i).role() == ColumnRole.MODSTAMP) modstampColumn = i;
      if (cols.get(i).role() == ColumnRole.IS_DELETED) isDeletedColumn = i;
    }
    maxModstamp = new ModstampMax(kinds[modstampColumn]);
    appending = options.expectNewRows();
    try (Statement s = connection.createStatement()) {
      if (appending) {
        spool = new Spool();
        s.execute("SAVEPOINT " + SAVEPOINT);
        copy = copyApi().copyIn(sql.copyIntoTable());
      } else {
        s.execute(sql.createStage());
        copy = copyApi().copyIn(sql.copy());
      }
    } catch (SQLException e) {
      throw fail(e);
    }
    out = new CopyCsvWriter(this::send);
  }

  /** Full buffers go to the spool first (it must hold every byte), then to the COPY. */
  private void send(byte[] bytes, int length) throws SQLException {
    if (spool != null) spool.write(bytes, length);
    if (appendFailure != null) return; // the direct COPY already failed; the spool has it all
    if (!appending) {
      copy.writeToCopy(bytes, 0, length);
      return;
    }
    try {
      copy.writeToCopy(bytes, 0, length);
    } catch (SQLException e) {
      appendFailure = e;
    }
  }

  private void writeRow(int[] idx, @Nullable String[] values) {
    String sfid = values[idx[0]];
    if (sfid == null || sfid.isEmpty()) {
      throw new IllegalArgumentException(
          "row " + (staged + 1) + " for " + target.describe() + " has no Id");
    }
    // Convert the whole row before writing any of it: a bad value rejects this row only.
    if (converted.length != idx.length) converted = new String[idx.length];
    for (int i = 0; i < idx.length; i++) {
      converted[i] = ValueConverter.convert(kinds[i], values[idx[i]], names[i]);
    }
    try {
      boolean repeated = !sfids.add(sfid);
      if (appending && (repeated || (isDeleted(idx, values) && sql.removesDeleted()))) {
        switchToStaging("the batch " + (repeated ? "repeats a record" : "reports a delete"));
      }
      for (int i = 0; i < idx.length; i++) {
        if (i == modstampColumn) maxModstamp.offer(converted[i]);
        out.field(converted[i]);
      }
      out.endRow();
      if (appending && appendedSfids.size() < options.collectChangedSfids())
        appendedSfids.add(sfid);
      if (appendFailure != null) onAppendFailure();
    } catch (SQLException e) {
      throw fail(e);
    }
    staged++;
  }

  private boolean isDeleted(int[] idx, @Nullable String[] values) {
    return isDeletedColumn >= 0 && "true".equalsIgnoreCase(values[idx[isDeletedColumn]]);
  }

  /** A failed direct COPY falls back to staging only for duplicates; anything else fails. */
  private void onAppendFailure() throws SQLException {
    SQLException e = appendFailure;
    if ("23505".equals(e.getSQLState())) switchToStaging("a row exists already");
    else throw e;
  }

  /** Abandons the direct COPY and replays the spooled rows into a staging table. */
  private void switchToStaging(String why) throws SQLException {
    out.flush(); // everything so far is in the spool now
    if (copy.isActive()) {
      try {
        copy.cancelCopy();
      } catch (SQLException ignored) {
        // cancelling reports the COPY as failed; the savepoint rollback below clears it
      }
    }
    try (Statement s = connection.createStatement()) {
      s.execute("ROLLBACK TO SAVEPOINT " + SAVEPOINT);
      s.execute(sql.createStage());
    }
    copy = copyApi().copyIn(sql.copy());
    appending = false;
    appendFailure = null;
    appendedSfids.clear();
    spool.replayInto(copy);
    spool.close();
    spool = null;
    log.atDebug()
        .addKeyValue("table", target.table().tableName())
        .addKeyValue("rows", staged)
        .addKeyValue("reason", why)
        .log("append fell back to staging and merge");
  }

  @Override
  public MergeResult commit(@Nullable Instant watermark) {
    requireOpen();
    try {
      MergeResult result = columns == null ? MergeResult.empty() : finishRows();
      finished = true;
      if (watermark != null) advance(connection, target, WatermarkKind.CHANGES, watermark, clock);
      connection.commit();
      log.atDebug()
          .addKeyValue("table", target.table().tableName())
          .addKeyValue("mapping", target.mapping())
          .addKeyValue("rows", staged)
          .addKeyValue("inserted", result.inserted())
          .addKeyValue("updated", result.updated())
          .addKeyValue("deleted", result.deleted())
          .addKeyValue("copy_ms", (copyDoneNanos - startNanos) / 1_000_000)
          .addKeyValue("ms", (System.nanoTime() - startNanos) / 1_000_000)
          .log("merged batch");
      return result;
    } catch (SQLException e) {
      throw fail(e);
    } catch (RuntimeException e) {
      finished = true;
      Jdbc.rollbackQuietly(connection, e);
      closeQuietly(connection);
      throw e;
    } finally {
      if (finished) closeQuietly(connection);
      closeSpool();
    }
  }

  private MergeResult finishRows() throws SQLException {
    out.flush();
    if (appending) {
      if (appendFailure == null) {
        try {
          copy.endCopy();
        } catch (SQLException e) {
          appendFailure = e;
        }
      }
      if (appendFailure != null) {
        onAppendFailure(); // switches to staging, or throws
      } else {
        copyDoneNanos = System.nanoTime();
        try (Statement s = connection.createStatement()) {
          s.execute("RELEASE SAVEPOINT " + SAVEPOINT);
        }
        return new MergeResult(
            staged, staged, 0, 0, 0, 0, maxModstamp.max(), List.copyOf(appendedSfids));
      }
    }
    copy.endCopy();
    copy = null;
    copyDoneNanos = System.nanoTime();
    return merge();
  }

  private MergeResult merge() throws SQLException {
    int collect = options.collectChangedSfids();
    List<String> changed = new ArrayList<>();
    try (Statement s = connection.createStatement()) {
      long remaining = staged; // rows left in the staging table
      if (options.noteRead()) s.executeUpdate(sql.noteRead(target));
      if (sfids.sawDuplicates()) remaining -= s.executeUpdate(sql.dedupe());
      long deleted = 0;
      if (sql.removesDeleted()) {
        deleted = s.executeUpdate(sql.deleteRemoved());
        remaining -= s.executeUpdate(sql.dropRemovedFromStage());
      }
      // 1. application rows without sfid, matched by the upsert field (they get the sfid)
      long matchedByUpsert = 0;
      if (sql.hasUpsertColumn() && queryBoolean(s, sql.targetHasRowsWithoutSfid())) {
        matchedByUpsert = run(s, sql.updateByUpsertField(collect > 0), collect, changed);
      }
      // 2. new sfids
      long inserted = run(s, sql.insertNew(collect > 0), collect, changed);
      // 3. known sfids, when some staged rows were neither inserted nor matched above
      long updated = 0;
      if (inserted + matchedByUpsert < remaining) {
        updated = updateChanged(s, collect, changed);
      }
      long all = updated + matchedByUpsert;
      return new MergeResult(
          staged,
          inserted,
          all,
          deleted,
          staged - inserted - all - deleted,
          matchedByUpsert,
          maxModstamp.max(),
          changed.size() > collect ? changed.subList(0, collect) : changed);
    }
  }

  /**
   * Updates the rows Salesforce changed, each only in the columns that differ: rows are grouped by
   * which columns differ, one UPDATE per group. A batch where rows differ in many ways updates the
   * rarest ways together (their columns' union): a bounded number of statements.
   */
  private long updateChanged(Statement s, int collect, List<String> changed) throws SQLException {
    s.execute(sql.createChanged());
    List<String> masks = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql.changedMasks())) {
      while (rs.next()) masks.add(rs.getString(1));
    }
    long updated = 0;
    for (int from = 0; from < masks.size(); from++) {
      List<String> group =
          from < MAX_UPDATE_STATEMENTS - 1
              ? List.of(masks.get(from))
              : masks.subList(from, masks.size());
      updated += run(s, sql.updateChanged(columnsOf(group), group, collect > 0), collect, changed);
      if (group.size() > 1) break;
    }
    return updated;
  }

  /** The set columns any of {@code masks} marks as different. */
  private List<ColumnSpec> columnsOf(List<String> masks) {
    List<ColumnSpec> set = sql.setColumns();
    List<ColumnSpec> out = new ArrayList<>();
    for (int i = 0; i < set.size(); i++) {
      for (String mask : masks) {
        if (mask.charAt(i) == '1') {
          out.add(set.get(i));
          break;
        }
      }
    }
    return out;
  }

  private static long run(Statement s, String statement, int collect, List<String> changed)
      throws SQLException {
    if (collect == 0) return s.executeUpdate(statement);
    try (ResultSet rs = s.executeQuery(MergeSql.counted(statement, collect))) {
      rs.next();
      long n = rs.getLong(1);
      Array ids = rs.getArray(2);
      for (Object id : (Object[]) ids.getArray()) {
        if (changed.size() < collect) changed.add((String) id);
      }
      return n;
    }
  }

  private static boolean queryBoolean(Statement s, String query) throws SQLException {
    try (ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  /** Moves a watermark forward (never back) in the caller's transaction. */
  static void advance(
      Connection c, SinkTarget target, WatermarkKind kind, Instant value, InstantSource clock)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO ferry.watermark (mapping_id, kind, value, updated_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (mapping_id, kind) DO UPDATE SET"
                + " value = GREATEST(ferry.watermark.value, EXCLUDED.value),"
                + " updated_at = EXCLUDED.updated_at")) {
      p.setObject(1, target.mapping().value());
      p.setString(2, kind.name());
      p.setObject(3, value.atOffset(ZoneOffset.UTC));
      p.setObject(4, clock.instant().atOffset(ZoneOffset.UTC));
      p.executeUpdate();
    }
  }

  @Override
  public void close() {
    if (finished) return;
    finished = true;
    cancelCopy();
    try {
      connection.rollback();
    } catch (SQLException e) {
      log.debug("rollback of {} failed: {}", operation, e.getMessage());
    }
    closeQuietly(connection);
    closeSpool();
  }

  private org.postgresql.copy.CopyManager copyApi() throws SQLException {
    return connection.unwrap(PGConnection.class).getCopyAPI();
  }

  private RuntimeException fail(SQLException e) {
    finished = true;
    cancelCopy();
    Jdbc.rollbackQuietly(connection, e);
    closeQuietly(connection);
    closeSpool();
    return SqlErrors.classify(operation, e);
  }

  private void cancelCopy() {
    try {
      if (copy != null && copy.isActive()) copy.cancelCopy();
    } catch (SQLException ignored) {
      // the rollback that follows discards everything anyway
    }
  }

  private void closeSpool() {
    if (spool != null) spool.close();
    spool = null;
  }

  private void requireOpen() {
    if (finished) throw new IllegalStateException("batch for " + target.describe() + " is closed");
  }

  private static void closeQuietly(@Nullable Connection c) {
    if (c == null) return;
    try {
      c.close();
    } catch (SQLException ignored) {
      // nothing left to do
    }
  }
}

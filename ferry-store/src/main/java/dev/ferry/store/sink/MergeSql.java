package dev.ferry.store.sink;

import static dev.ferry.store.internal.Sql.id;
import static dev.ferry.store.internal.Sql.literal;
import static dev.ferry.store.internal.Sql.qualified;

import dev.ferry.core.model.ColumnRole;
import dev.ferry.core.model.ColumnSpec;
import dev.ferry.core.store.DeleteMode;
import dev.ferry.core.store.SinkTarget;
import dev.ferry.store.internal.Sql;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The statements that merge a staging table into a mapped table. The rules (spec §5.6, §6.2): match
 * by sfid, then by the upsert field (an application-inserted row that has no sfid yet); never
 * replace a row with an older modstamp, nor a locally changed (PENDING) row with one of the same
 * modstamp; leave identical rows alone; insert the rest.
 *
 * <p>Changes the application made that are still on their way to Salesforce win over what
 * Salesforce says now (spec §5.7): a row with NEW or PENDING {@code _trigger_log} entries is not
 * overwritten (the echo of an earlier write of the same row would flip it back; its own write's
 * echo brings it in line later), a row matched by the upsert field while its insert is in flight
 * only receives its sfid, and a record whose DELETE is queued is not inserted again.
 */
final class MergeSql {
  static final String STAGE = "ferry_stage";
  static final String CHANGED = "ferry_changed";

  private final String table;
  private final List<ColumnSpec> staged;
  private final String m;
  private final @Nullable String upsert;
  private final boolean removeDeleted;
  private final String triggerLog;
  private final String tableLiteral;

  MergeSql(SinkTarget target, StagedColumns columns) {
    this.table = qualified(target.schema(), target.table().tableName());
    this.triggerLog = qualified(target.schema(), "_trigger_log");
    this.tableLiteral = literal(target.table().tableName());
    this.staged = columns.columns();
    this.m = id(target.table().modstampColumn().name());
    String u = target.table().upsertColumn();
    this.upsert = columns.byName(u) == null ? null : id(u);
    this.removeDeleted =
        target.deleteMode() == DeleteMode.REMOVE && columns.has(ColumnRole.IS_DELETED);
  }

  String createStage() {
    return "CREATE TEMP TABLE "
        + STAGE
        + " ("
        + staged.stream()
            .map(c -> id(c.name()) + " " + c.type().sql())
            .collect(Collectors.joining(", "))
        + ") ON COMMIT DROP";
  }

  String copy() {
    return "COPY " + STAGE + " (" + list("") + ") FROM STDIN (FORMAT csv)";
  }

  /** Straight into the table (rows expected to be new). */
  String copyIntoTable() {
    return "COPY " + table + " (" + list("") + ") FROM STDIN (FORMAT csv)";
  }

  /** Keeps the newest row per sfid (the last staged among equal modstamps). */
  String dedupe() {
    return "DELETE FROM "
        + STAGE
        + " a USING "
        + STAGE
        + " b WHERE a.sfid = b.sfid AND a.ctid <> b.ctid AND (a."
        + m
        + " < b."
        + m
        + " OR (a."
        + m
        + " IS NULL AND b."
        + m
        + " IS NOT NULL) OR (a."
        + m
        + " IS NOT DISTINCT FROM b."
        + m
        + " AND a.ctid < b.ctid))";
  }

  /** True when the table holds rows without sfid (application inserts not yet written back). */
  String targetHasRowsWithoutSfid() {
    return "SELECT EXISTS (SELECT 1 FROM " + table + " WHERE sfid IS NULL)";
  }

  boolean hasUpsertColumn() {
    return upsert != null;
  }

  boolean removesDeleted() {
    return removeDeleted;
  }

  /** REMOVE mode: rows Salesforce reports deleted go, unless Postgres holds a newer version. */
  String deleteRemoved() {
    return "DELETE FROM "
        + table
        + " t USING "
        + STAGE
        + " s WHERE s.isdeleted AND t.sfid = s.sfid AND (t."
        + m
        + " IS NULL OR t."
        + m
        + " <= s."
        + m
        + ")";
  }

  String dropRemovedFromStage() {
    return "DELETE FROM " + STAGE + " WHERE isdeleted";
  }

  /**
   * The rows a batch changes, matched by sfid, into {@link #CHANGED}: those Salesforce holds a
   * newer (or, for a row without a local change, the same) version of, with no change of their own
   * on its way, and where some column differs. {@code ferry_mask} says which of {@link #setColumns}
   * differ ('1') and which do not ('0'), so that each row is updated in exactly those columns.
   */
  String createChanged() {
    List<ColumnSpec> set = setColumns();
    return "CREATE TEMP TABLE "
        + CHANGED
        + " ON COMMIT DROP AS SELECT s.*, "
        + set.stream()
            .map(c ->
                "(CASE WHEN t."
                    + id(c.name())
                    + " IS DISTINCT FROM s."
                    + id(c.name())
                    + " THEN '1' ELSE '0' END)")
            .collect(Collectors.joining(" || "))
        + " AS ferry_mask FROM "
        + STAGE
        + " s JOIN "
        + table
        + " t ON t.sfid = s.sfid WHERE "
        + updatable("s")
        + " AND ROW("
        + names(set, "t.")
        + ") IS DISTINCT FROM ROW("
        + names(set, "s.")
        + ")";
  }

  /** The masks of {@link #createChanged}, the most frequent first. */
  String changedMasks() {
    return "SELECT ferry_mask FROM " + CHANGED + " GROUP BY ferry_mask ORDER BY count(*) DESC, 1";
  }

  /** The columns an update may set: every staged column but sfid (the match key). */
  List<ColumnSpec> setColumns() {
    return staged.subList(1, staged.size());
  }

  /**
   * Updates the changed rows whose mask is one of {@code masks}, setting only {@code columns} (the
   * columns those masks mark): an application trigger {@code AFTER UPDATE OF col} fires for a
   * column Salesforce changed, not for every mapped column. The conditions of {@link
   * #createChanged} are checked again on the row as it is now.
   */
  String updateChanged(List<ColumnSpec> columns, List<String> masks, boolean returning) {
    return "UPDATE "
        + table
        + " t SET ("
        + names(columns, "")
        + ") = ROW("
        + names(columns, "c.")
        + ") FROM "
        + CHANGED
        + " c WHERE t.sfid = c.sfid AND c.ferry_mask IN ("
        + masks.stream().map(Sql::literal).collect(Collectors.joining(", "))
        + ") AND "
        + updatable("c")
        + " AND ROW("
        + names(columns, "t.")
        + ") IS DISTINCT FROM ROW("
        + names(columns, "c.")
        + ")"
        + (returning ? " RETURNING t.sfid" : "");
  }

  /**
   * Row {@code t} may take the version in {@code x}: Salesforce's is newer, or the same and the row
   * has no local change (PENDING); and no change of the row is on its way to Salesforce.
   */
  private String updatable(String x) {
    return "(t."
        + m
        + " IS NULL OR "
        + x
        + "."
        + m
        + " > t."
        + m
        + " OR ("
        + x
        + "."
        + m
        + " = t."
        + m
        + " AND t._hc_lastop IS DISTINCT FROM 'PENDING')) AND NOT "
        + unsent("t.id");
  }

  /** Notes the staged sfids as read by the running reload. */
  String noteRead(SinkTarget target) {
    return "INSERT INTO ferry.reload_read (mapping_id, sfid) SELECT "
        + literal(target.mapping().value().toString())
        + "::uuid, sfid FROM "
        + STAGE;
  }

  @Nullable String updateByUpsertField(boolean returning) {
    if (upsert == null) return null;
    return "UPDATE "
        + table
        + " t SET ("
        + list("")
        + ") = ROW("
        + staged.stream()
            .map(c ->
                c.role() == ColumnRole.SFID
                    ? "s." + id(c.name())
                    : "CASE WHEN "
                        + unsent("t.id")
                        + " THEN t."
                        + id(c.name())
                        + " ELSE s."
                        + id(c.name())
                        + " END")
            .collect(Collectors.joining(", "))
        + ") FROM "
        + STAGE
        + " s WHERE t.sfid IS NULL AND s."
        + upsert
        + " IS NOT NULL AND t."
        + upsert
        + " = s."
        + upsert
        + " AND NOT EXISTS (SELECT 1 FROM "
        + table
        + " x WHERE x.sfid = s.sfid)"
        + (returning ? " RETURNING t.sfid" : "");
  }

  /**
   * Inserts the rows whose sfid is new. The anti-join keeps rows that exist from reaching the
   * table's BEFORE trigger (a drift re-poll is mostly such rows); ON CONFLICT covers a concurrent
   * writer of the same sfid.
   */
  String insertNew(boolean returning) {
    return "INSERT INTO "
        + table
        + " ("
        + list("")
        + ") SELECT "
        + list("s.")
        + " FROM "
        + STAGE
        + " s WHERE NOT EXISTS (SELECT 1 FROM "
        + table
        + " x WHERE x.sfid = s.sfid) AND NOT EXISTS (SELECT 1 FROM "
        + triggerLog
        + " l WHERE l.sfid = s.sfid AND l.action = 'DELETE' AND l.state IN ('NEW', 'PENDING')"
        + " AND l.table_name = "
        + tableLiteral
        + ") ON CONFLICT (sfid) DO NOTHING"
        + (returning ? " RETURNING sfid" : "");
  }

  /** True when the row {@code rowId} has changes not written to Salesforce yet. */
  private String unsent(String rowId) {
    return "EXISTS (SELECT 1 FROM "
        + triggerLog
        + " l WHERE l.table_name = "
        + tableLiteral
        + " AND l.record_id = "
        + rowId
        + " AND l.state IN ('NEW', 'PENDING'))";
  }

  /** Wraps a RETURNING statement: (row count, first {@code limit} sfids). */
  static String counted(String returningStatement, int limit) {
    return "WITH changed AS ("
        + returningStatement
        + ") SELECT (SELECT count(*) FROM changed),"
        + " ARRAY(SELECT sfid FROM changed LIMIT "
        + limit
        + ")";
  }

  private String list(String prefix) {
    return names(staged, prefix);
  }

  private static String names(List<ColumnSpec> cols, String prefix) {
    return cols.stream().map(c -> prefix + id(c.name())).collect(Collectors.joining(", "));
  }
}

package dev.ferry.engine.lifecycle;

import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.store.Mapping;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Log lines in Heroku Connect's shape (spec §8.4): logfmt with {@code event}, {@code connection}
 * (Heroku Connect's {@code addon_id}), {@code object_type} ({@code mapping} or {@code sync}),
 * {@code object_id} and {@code state}; the level is the line's own. Rendered as logfmt by the app's
 * encoder ({@code %kvp}).
 */
public final class SyncLog {
  private static final Logger log = LoggerFactory.getLogger("dev.ferry.sync");

  private SyncLog() {}

  /** A mapping-level line, e.g. {@code event="RELOAD TABLE contact" state=RELOAD_TABLE}. */
  public static void mapping(Mapping m, String event) {
    line(Level.INFO, m, "mapping", event);
  }

  public static void mappingWarn(Mapping m, String event) {
    line(Level.WARN, m, "mapping", event);
  }

  /** A data-movement line, e.g. {@code event="Contact QUERY ↷SALESFORCE 500 rows (0.77 secs)"}. */
  public static void sync(Mapping m, String event) {
    line(Level.INFO, m, "sync", event);
  }

  /** {@code <Object> QUERY ↷SALESFORCE n rows (s secs)}. */
  public static void query(Mapping m, long rows, Duration took) {
    sync(m, m.objectName() + " QUERY ↷SALESFORCE " + rows + " rows (" + secs(took) + " secs)");
  }

  /** {@code <Object> INSERT|UPSERT|DELETE ↓DATABASE n rows (s secs)}. */
  public static void database(Mapping m, String verb, long rows, Duration took) {
    line(
        Level.DEBUG,
        m,
        "sync",
        m.objectName() + " " + verb + " ↓DATABASE " + rows + " rows (" + secs(took) + " secs)");
  }

  /**
   * A write to Salesforce, e.g. {@code event="Account INSERT ↑SALESFORCE 200 rows (0.31 secs)"}
   * with {@code object_type=sync object_id=<connection>}, plus {@code details} (outcomes, job).
   */
  public static void salesforceWrite(
      ConnectionId connection,
      String object,
      SaveOperation operation,
      int rows,
      Duration took,
      Map<String, Object> details) {
    String verb = operation == SaveOperation.CREATE ? "INSERT" : operation.name();
    String event = object + " " + verb + " ↑SALESFORCE " + rows + " rows (" + secs(took) + " secs)";
    var line =
        log.atInfo()
            .setMessage(event)
            .addKeyValue("event", event)
            .addKeyValue("connection", connection)
            .addKeyValue("object_type", "sync")
            .addKeyValue("object_id", connection)
            .addKeyValue("object", object);
    new TreeMap<>(details).forEach(line::addKeyValue);
    line.log();
  }

  private static void line(Level level, Mapping m, String objectType, String event) {
    log.atLevel(level)
        .setMessage(event)
        .addKeyValue("event", event)
        .addKeyValue("connection", m.connectionId())
        .addKeyValue("object_type", objectType)
        .addKeyValue("object_id", m.id())
        .addKeyValue("state", m.state())
        .log();
  }

  static String secs(Duration d) {
    return String.format(Locale.ROOT, "%.2f", d.toNanos() / 1e9);
  }

  /** The table name as Heroku Connect's lines show it ({@code contact}). */
  public static String table(Mapping m) {
    return m.objectName().toLowerCase(Locale.ROOT);
  }
}

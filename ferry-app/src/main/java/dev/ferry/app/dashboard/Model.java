package dev.ferry.app.dashboard;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the dashboard's templates show: display-ready values only (formatted times, counts,
 * percentages), built by {@link Views} from {@link dev.ferry.core.control.FerryService} results, so
 * the templates hold no logic beyond loops and conditions.
 */
public final class Model {
  private Model() {}

  /** A one-time message after an action: kind {@code ok} or {@code error}. */
  public record Flash(String kind, String text) {}

  /** What every page's frame needs: the title, the session's CSRF token, the flash message. */
  public record Chrome(String title, String csrf, @Nullable Flash flash) {}

  public record LoginPage(@Nullable String error) {}

  public record ErrorPage(Chrome chrome, int status, String message) {}

  // ---- connections

  public record ConnectionRow(
      String id,
      String name,
      String state,
      String stateClass,
      String stateDescription,
      @Nullable String detail,
      String orgId,
      String instanceUrl,
      String schema,
      int mappings,
      int synced,
      int inError) {}

  public record ConnectionsPage(Chrome chrome, List<ConnectionRow> rows) {}

  /** The connection page's refreshed part: the connection's state and its mappings. */
  public record ConnectionPart(ConnectionRow connection, List<MappingRow> mappings) {}

  public record ConnectionPage(
      Chrome chrome,
      ConnectionPart part,
      UsagePart usage,
      Errors errors,
      boolean paused,
      boolean pausable) {}

  // ---- mappings

  /**
   * @param progress 0..100 while a load runs and the rows to load are known, else null
   * @param loading a load (or reload) runs: the page shows a progress bar
   */
  public record MappingRow(
      String id,
      String objectName,
      String access,
      String state,
      String label,
      String stateClass,
      @Nullable String detail,
      @Nullable String error,
      String dbCount,
      String sfCount,
      boolean countsDiffer,
      boolean loading,
      @Nullable Integer progress,
      String progressText,
      String lastPoll,
      String lag,
      String watermark,
      boolean abortable,
      String events,
      String eventsClass,
      @Nullable String eventsDetail) {}

  public record HistoryRow(String at, String from, String to, String reason) {}

  /**
   * One poll window: a primary poll's rows read, or a secondary (drift) poll's repairs.
   *
   * @param repaired e.g. "2 (003…, 003…)" for a drift poll that changed rows, "" otherwise
   */
  public record PollRow(
      String kind,
      String window,
      String api,
      String status,
      String rows,
      String repaired,
      String started,
      String error) {}

  /** The mapping page's refreshed part. */
  public record MappingPart(MappingRow row, List<HistoryRow> history, List<PollRow> polls) {}

  public record MappingPage(
      Chrome chrome, String connectionId, String connectionName, MappingPart part, Errors errors) {}

  // ---- API usage, write errors, logs

  public record MappingUsage(String objectName, String callsToday, String limit) {}

  /**
   * @param known Salesforce has reported the org's usage
   * @param percent 0..100 of the org's daily allowance
   */
  public record UsagePart(
      boolean known,
      String used,
      String max,
      int percent,
      String level,
      String observed,
      List<MappingUsage> mappings) {}

  public record ErrorRow(long id, String table, int recordId, String message, String created) {}

  /**
   * @param unavailable why write errors cannot be shown (no write path), else null
   */
  public record Errors(@Nullable String unavailable, long count, List<ErrorRow> rows) {}

  public record LogLine(long seq, String level, String text) {}

  public record LogsPage(Chrome chrome, List<LogLine> lines) {}
}

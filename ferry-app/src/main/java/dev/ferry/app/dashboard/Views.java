package dev.ferry.app.dashboard;

import dev.ferry.app.log.RecentLogs;
import dev.ferry.core.control.ApiUsageView;
import dev.ferry.core.control.ConnectionView;
import dev.ferry.core.control.EventsView;
import dev.ferry.core.control.MappingView;
import dev.ferry.core.control.WriteError;
import dev.ferry.core.control.WriteErrors;
import dev.ferry.core.state.ConnectionState;
import dev.ferry.core.state.MappingState;
import dev.ferry.core.store.ApiBudget;
import dev.ferry.core.store.Connection;
import dev.ferry.core.store.Mapping;
import dev.ferry.core.store.PollKind;
import dev.ferry.core.store.PollWindow;
import dev.ferry.core.store.StateChange;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns control-plane results into the dashboard's display models: times in UTC and relative to
 * now, counts with separators, a load's progress (rows in the table against the rows Salesforce
 * counted when the load began).
 */
final class Views {
  /** States in which a load (or reload) runs, so a progress bar makes sense. */
  static final Set<MappingState> LOADING =
      Set.of(
          MappingState.RELOAD_TABLE,
          MappingState.WAIT_BULK_LOAD,
          MappingState.LOADING_BULK_JOB,
          MappingState.RESOLVE_EXTERNAL_IDS);

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SHORT =
      DateTimeFormatter.ofPattern("MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final InstantSource clock;

  Views(InstantSource clock) {
    this.clock = clock;
  }

  // ---- connections

  List<Model.ConnectionRow> connections(List<ConnectionView> views) {
    return views.stream().map(this::connection).toList();
  }

  Model.ConnectionRow connection(ConnectionView v) {
    Connection c = v.connection();
    int synced = 0;
    int inError = 0;
    for (MappingView m : v.mappings()) {
      if (m.mapping().state() == MappingState.DATA_SYNCED) synced++;
      if (m.mapping().state().isError() || m.mapping().state().isBlocking()) inError++;
    }
    return new Model.ConnectionRow(
        c.id().toString(),
        c.name(),
        c.state().name(),
        connectionClass(c.state()),
        c.state().description(),
        c.stateDetail(),
        c.orgId() == null ? "not authorized" : c.orgId(),
        c.instanceUrl() == null ? "" : c.instanceUrl(),
        c.schemaName(),
        v.mappings().size(),
        synced,
        inError);
  }

  Model.ConnectionPart connectionPart(ConnectionView v) {
    Instant now = clock.instant();
    return new Model.ConnectionPart(
        connection(v), v.mappings().stream().map(m -> mapping(m, now)).toList());
  }

  static String connectionClass(ConnectionState s) {
    return switch (s) {
      case IDLE, POLLING_DB_CHANGES -> "ok";
      case BUSY, IMPORT_CONFIGURATION, RECOVERY, NEW -> "busy";
      case PAUSED, NEED_AUTHENTICATION -> "idle";
      default -> "error";
    };
  }

  static boolean pausable(ConnectionState s) {
    return switch (s) {
      case IDLE, POLLING_DB_CHANGES, BUSY -> true;
      default -> false;
    };
  }

  // ---- mappings

  Model.MappingRow mapping(MappingView v) {
    return mapping(v, clock.instant());
  }

  static Model.MappingRow mapping(MappingView v, Instant now) {
    Mapping m = v.mapping();
    MappingState state = m.state();
    boolean loading = LOADING.contains(state);
    Integer progress = null;
    String progressText = "";
    if (loading) {
      Long total = v.sfCount();
      if (total != null && total > 0) {
        progress = (int) Math.min(100, v.dbCount() * 100 / total);
        progressText = count(v.dbCount()) + " of " + count(total) + " rows";
      } else {
        progressText = count(v.dbCount()) + " rows so far";
      }
    }
    return new Model.MappingRow(
        m.id().toString(),
        m.objectName(),
        m.config().access().name().toLowerCase(Locale.ROOT),
        state.name(),
        state.dashboardLabel(),
        mappingClass(state),
        m.stateDetail(),
        m.error(),
        count(v.dbCount()),
        v.sfCount() == null ? "not counted yet" : count(v.sfCount()),
        v.sfCount() != null && v.sfCount() != v.dbCount(),
        loading,
        progress,
        progressText,
        ago(v.lastPollAt(), now),
        v.watermark() == null ? "—" : duration(Duration.between(v.watermark(), now)),
        v.watermark() == null ? "none yet" : TIME.format(v.watermark()),
        state.isAbortable(),
        events(v.events(), now),
        switch (v.events().status()) {
          case "LISTENING" -> "ok";
          case "FALLBACK" -> "error";
          case "OFF" -> "muted";
          default -> "busy";
        },
        eventsDetail(v.events()));
  }

  /** "LISTENING · last event 3 s ago · 412 ms to Postgres · 2,071 received". */
  static String events(EventsView e, Instant now) {
    if (e.status().equals("OFF")) return "off (polling every sf_polling_seconds)";
    StringBuilder s = new StringBuilder(e.status());
    s.append(" · last event ").append(ago(e.lastEventAt(), now));
    if (e.latency() != null)
      s.append(" · ").append(e.latency().toMillis()).append(" ms to Postgres");
    s.append(" · ").append(count(e.received())).append(" received");
    return s.toString();
  }

  static @Nullable String eventsDetail(EventsView e) {
    List<String> parts = new java.util.ArrayList<>();
    if (e.reason() != null) parts.add(e.reason());
    if (e.replayId() != null) parts.add("replay id " + e.replayId());
    if (e.holder() != null) parts.add("held by " + e.holder());
    return parts.isEmpty() ? null : String.join(" · ", parts);
  }

  static String mappingClass(MappingState s) {
    if (s == MappingState.DATA_SYNCED) return "ok";
    if (s.isError() || s == MappingState.ABORTED) return "error";
    return "busy";
  }

  Model.MappingPart mappingPart(MappingView v, List<StateChange> history, List<PollWindow> polls) {
    return new Model.MappingPart(
        mapping(v),
        history.stream()
            .map(h ->
                new Model.HistoryRow(
                    TIME.format(h.at()),
                    h.from() == null ? "—" : h.from(),
                    h.to(),
                    h.reason() == null ? "" : h.reason()))
            .toList(),
        polls.stream().map(Views::poll).toList());
  }

  static Model.PollRow poll(PollWindow w) {
    String repaired = "";
    if (w.kind() == PollKind.SECONDARY) {
      repaired =
          w.repairedCount() == 0
              ? "none"
              : w.repairedCount()
                  + (w.repairedIds().isEmpty()
                      ? ""
                      : " (" + String.join(", ", w.repairedIds()) + ")");
    }
    return new Model.PollRow(
        w.kind() == PollKind.PRIMARY ? "poll" : "drift check",
        SHORT.format(w.lower()) + " → " + SHORT.format(w.upper()),
        w.api().name(),
        w.status().name(),
        count(w.rows()),
        repaired,
        TIME.format(w.startedAt()),
        w.error() == null ? "" : w.error());
  }

  // ---- API usage, errors, logs

  static Model.UsagePart usage(ApiUsageView u) {
    List<Model.MappingUsage> mappings =
        u.mappings().stream()
            .map(m ->
                new Model.MappingUsage(
                    m.objectName(),
                    count(m.callsToday()),
                    m.dailyLimit() > 0 ? count(m.dailyLimit()) : "org limit only"))
            .toList();
    ApiBudget org = u.org();
    if (org == null) {
      return new Model.UsagePart(false, "", "", 0, "ok", "not reported yet", mappings);
    }
    int percent = (int) Math.min(100, Math.round(org.fractionUsed() * 100));
    String level = percent >= 90 ? "error" : percent >= 75 ? "busy" : "ok";
    return new Model.UsagePart(
        true,
        count(org.used()),
        count(org.max()),
        percent,
        level,
        TIME.format(org.observedAt()),
        mappings);
  }

  static Model.Errors errors(WriteErrors errors) {
    return new Model.Errors(
        null, errors.count(), errors.results().stream().map(Views::error).toList());
  }

  static Model.Errors errorsUnavailable(String why) {
    return new Model.Errors(why, 0, List.of());
  }

  private static Model.ErrorRow error(WriteError e) {
    return new Model.ErrorRow(
        e.id(), e.tableName(), e.recordId(), e.message(), TIME.format(e.createdAt()));
  }

  /** Newest first: the top of the page is what just happened, with no script to scroll. */
  static List<Model.LogLine> logs(List<RecentLogs.Line> lines) {
    return lines.reversed().stream()
        .map(l -> new Model.LogLine(l.seq(), l.level(), l.text()))
        .toList();
  }

  // ---- formatting

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String ago(@Nullable Instant at, Instant now) {
    return at == null ? "never" : duration(Duration.between(at, now)) + " ago";
  }

  /** "4 s", "3 min", "2 h 5 min", "3 d"; negative durations (clock skew) count as 0. */
  static String duration(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) return s + " s";
    if (s < 3600) return (s / 60) + " min";
    if (s < 86_400)
      return (s / 3600) + " h" + (s % 3600 >= 60 ? " " + (s % 3600) / 60 + " min" : "");
    return (s / 86_400) + " d";
  }
}

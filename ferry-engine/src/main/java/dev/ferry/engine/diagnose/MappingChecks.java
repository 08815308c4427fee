package dev.ferry.engine.diagnose;

import static dev.ferry.core.state.MappingState.*;

import dev.ferry.core.cdc.CdcStatus;
import dev.ferry.core.cdc.CdcSubscription;
import dev.ferry.core.control.Check;
import dev.ferry.core.model.Access;
import dev.ferry.core.port.ApiBudgetStore;
import dev.ferry.core.port.CdcStore;
import dev.ferry.core.port.PollWindowStore;
import dev.ferry.core.state.ConnectionState;
import dev.ferry.core.state.MappingState;
import dev.ferry.core.store.Connection;
import dev.ferry.core.store.Mapping;
import dev.ferry.core.store.PollKind;
import dev.ferry.core.store.PollStatus;
import dev.ferry.core.store.PollWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The checks of one mapping from what Ferry recorded: its state, how long ago it last polled, its
 * API calls today, its failed writes, and the drift its secondary polls repaired.
 */
final class MappingChecks {
  /** States in which a mapping polls on its interval (lag is meaningful). */
  static final Set<MappingState> POLLING =
      Set.of(
          DATA_SYNCED,
          POLLING_SF_CHANGES,
          POLLING_SF_BULK,
          POLLING_SF_FOR_DELETES,
          WAIT_BULK_UPDATE,
          APPLYING_BULK_UPDATE,
          POLL_EXTERNAL_IDS);

  static final Duration LAG_YELLOW_GRACE = Duration.ofMinutes(1);
  static final int LAG_YELLOW_INTERVALS = 3;
  static final Duration LAG_RED_GRACE = Duration.ofMinutes(10);
  static final int LAG_RED_INTERVALS = 10;
  static final Duration DRIFT_PERIOD = Duration.ofHours(24);
  static final double CALLS_WARN_FRACTION = 0.8;

  /** Poll windows read to find the last poll and the recent drift. */
  private static final int WINDOWS_READ = 500;

  private final PollWindowStore windows;
  private final ApiBudgetStore budgets;
  private final boolean driftEnabled;
  private final @Nullable CdcStore cdc;
  private final Duration safetyPoll;

  MappingChecks(
      PollWindowStore windows,
      ApiBudgetStore budgets,
      boolean driftEnabled,
      @Nullable CdcStore cdc,
      Duration safetyPoll) {
    this.windows = windows;
    this.budgets = budgets;
    this.driftEnabled = driftEnabled;
    this.cdc = cdc;
    this.safetyPoll = safetyPoll;
  }

  List<Check> run(Connection c, Mapping m, ConnectionChecks.WriteFacts writes, Instant now) {
    List<PollWindow> recent = windows.recent(m.id(), WINDOWS_READ);
    CdcSubscription events =
        cdc == null || !m.config().sfNotifyEnabled() ? null : cdc.find(m.id()).orElse(null);
    boolean listening = events != null && events.status() == CdcStatus.LISTENING;
    return List.of(
        state(m),
        lag(c, m, recent, now, listening ? safetyPoll : Duration.ZERO),
        apiCalls(m, now),
        failedWrites(m, writes),
        drift(recent, now),
        changeEvents(m, events));
  }

  /** Accelerated polling: are the mapping's change events flowing, and if not, why. */
  Check changeEvents(Mapping m, @Nullable CdcSubscription s) {
    Rule r = Rule.CHANGE_EVENTS;
    if (!m.config().sfNotifyEnabled()) {
      return r.skipped("Accelerated polling is off for the mapping (sf_notify_enabled is false).");
    }
    if (cdc == null) {
      return r.yellow(
          "sf_notify_enabled is set but this Ferry does not listen to change events: the mapping"
              + " polls every "
              + m.config().sfPollingSeconds()
              + " s.");
    }
    if (s == null) {
      return POLLING.contains(m.state())
          ? r.yellow(
              "No process has subscribed to the mapping's change events yet: check that a Ferry"
                  + " process runs with FERRY_EVENTS_ENABLED=true.")
          : r.skipped("Change events start once the mapping's load has finished.");
    }
    return switch (s.status()) {
      case LISTENING ->
          r.green(
              "Change events flow on "
                  + s.channel()
                  + " ("
                  + s.eventsReceived()
                  + " received"
                  + (s.lastLatency() == null
                      ? ""
                      : ", last " + s.lastLatency().toMillis() + " ms to Postgres")
                  + "); the regular poll runs every "
                  + Durations.human(
                      safetyPoll.compareTo(Duration.ofSeconds(m.config().sfPollingSeconds())) > 0
                          ? safetyPoll
                          : Duration.ofSeconds(m.config().sfPollingSeconds()))
                  + ".");
      case STARTING ->
          r.yellow(
              "Subscribing to "
                  + s.channel()
                  + (s.reason() == null ? "" : " (" + s.reason() + ")")
                  + "; the mapping polls every "
                  + m.config().sfPollingSeconds()
                  + " s meanwhile.");
      case FALLBACK ->
          r.red(
              "Change events are unavailable: "
                  + s.reason()
                  + ". The mapping polls every "
                  + m.config().sfPollingSeconds()
                  + " s instead (at its API cost).");
    };
  }

  static Check state(Mapping m) {
    Rule r = Rule.MAPPING_STATE;
    MappingState s = m.state();
    String error = m.error() == null ? "" : ": " + m.error();
    return switch (s) {
      case BAD_CONFIG ->
          r.red(
              "The mapping is BAD_CONFIG"
                  + error
                  + ". Its config no longer fits Salesforce (e.g. a mapped field was deleted) or"
                  + " the database (a table of its name that Ferry did not create): update the"
                  + " mapping (import a corrected config) to resume.");
      case UNAUTHORIZED, INACTIVE_ORG ->
          r.red(
              "The mapping is "
                  + s
                  + error
                  + ". Re-authorize the connection (POST /connections/{id}/actions/authorize).");
      case BULK_LOAD_ERROR ->
          r.red("The mapping is BULK_LOAD_ERROR" + error + ". Reload the mapping once fixed.");
      case SYSTEM_ERROR, DB_UNAVAILABLE ->
          r.red("The mapping is " + s + error + ". Fix the cause, then restart the connection.");
      case SYNC_REMOVED -> r.yellow("The mapping is being deleted.");
      case ABORTED ->
          r.yellow(
              "The mapping's load was ABORTED: the table may be incomplete and is not polled."
                  + " Reload the mapping.");
      default -> r.green("The mapping is " + s + " (" + s.dashboardLabel() + ").");
    };
  }

  static Check lag(Connection c, Mapping m, List<PollWindow> recent, Instant now) {
    return lag(c, m, recent, now, Duration.ZERO);
  }

  /** {@code cadence}: the safety-poll interval while events flow (ZERO: sf_polling_seconds). */
  static Check lag(
      Connection c, Mapping m, List<PollWindow> recent, Instant now, Duration cadence) {
    Rule r = Rule.POLL_LAG;
    if (!POLLING.contains(m.state())) {
      return r.skipped("The mapping does not poll in state " + m.state() + ".");
    }
    Instant last =
        recent.stream()
            .filter(w -> w.kind() == PollKind.PRIMARY && w.parentId() == null)
            .filter(w -> w.status() == PollStatus.DONE && w.finishedAt() != null)
            .map(PollWindow::finishedAt)
            .max(Instant::compareTo)
            .orElse(m.stateChangedAt());
    Duration interval = Duration.ofSeconds(m.config().sfPollingSeconds());
    if (cadence.compareTo(interval) > 0) interval = cadence;
    Duration age = Duration.between(last, now);
    Duration yellow = interval.multipliedBy(LAG_YELLOW_INTERVALS).plus(LAG_YELLOW_GRACE);
    Duration red = interval.multipliedBy(LAG_RED_INTERVALS).plus(LAG_RED_GRACE);
    String facts =
        "The last poll finished "
            + Durations.human(age)
            + " ago; the mapping polls every "
            + Durations.human(interval);
    if (age.compareTo(yellow) <= 0) return r.green(facts + ".");
    if (c.state() == ConnectionState.PAUSED) {
      return r.yellow(facts + ". The connection is paused: resume it to poll again.");
    }
    String why =
        ". Polls are late: check the Salesforce API Budget and Daily API Calls checks, the"
            + " connection state, and Ferry's log for failing polls.";
    return age.compareTo(red) > 0 ? r.red(facts + why) : r.yellow(facts + why);
  }

  Check apiCalls(Mapping m, Instant now) {
    Rule r = Rule.MAPPING_API_CALLS;
    long used = budgets.mappingCalls(m.id(), now.atZone(ZoneOffset.UTC).toLocalDate());
    int max = m.config().sfMaxDailyApiCalls();
    if (max <= 0) {
      return r.green("The mapping made " + used + " API calls today (UTC); it has no daily limit.");
    }
    String facts =
        "The mapping made " + used + " of its " + max + " daily API calls (sf_max_daily_api_calls)";
    if (used >= max) {
      return r.red(
          facts
              + ": its routine polls wait until midnight UTC. Raise sf_max_daily_api_calls or poll"
              + " less often (sf_polling_seconds).");
    }
    if (used >= max * CALLS_WARN_FRACTION) return r.yellow(facts + ".");
    return r.green(facts + ".");
  }

  static Check failedWrites(Mapping m, ConnectionChecks.WriteFacts writes) {
    Rule r = Rule.MAPPING_FAILED_WRITES;
    if (m.config().access() == Access.READ_ONLY) {
      return r.skipped("The mapping is read-only: it writes nothing to Salesforce.");
    }
    if (!writes.available()) return r.skipped(writes.unavailable());
    long n = writes.failed();
    if (n > 0) {
      return r.red(
          n
              + " write"
              + (n == 1 ? "" : "s")
              + " of this mapping failed in the last 24 hours. List them with GET"
              + " /mappings/{id}/errors, fix the rows, then POST /mappings/{id}/errors/retry.");
    }
    return r.green("No write of this mapping failed in the last 24 hours.");
  }

  Check drift(List<PollWindow> recent, Instant now) {
    Rule r = Rule.DRIFT_REPAIRED;
    if (!driftEnabled) return r.skipped("Drift detection is off (FERRY_DRIFT_ENABLED).");
    Instant since = now.minus(DRIFT_PERIOD);
    List<PollWindow> done =
        recent.stream()
            .filter(w -> w.kind() == PollKind.SECONDARY && w.status() == PollStatus.DONE)
            .filter(w -> w.finishedAt() != null && w.finishedAt().isAfter(since))
            .toList();
    long repaired = done.stream().mapToLong(PollWindow::repairedCount).sum();
    long windows = done.stream().filter(w -> w.repairedCount() > 0).count();
    if (repaired > 0) {
      return r.yellow(
          "Secondary polls repaired "
              + repaired
              + " row"
              + (repaired == 1 ? "" : "s")
              + " in "
              + windows
              + " window"
              + (windows == 1 ? "" : "s")
              + " in the last 24 hours: Salesforce made changes visible after the primary poll"
              + " had passed them. Nothing is lost; if this is frequent, raise"
              + " FERRY_POLL_SAFETY_LAG_SECONDS.");
    }
    return r.green(
        done.size()
            + " secondary poll"
            + (done.size() == 1 ? "" : "s")
            + " in the last 24 hours found no drift.");
  }
}

package dev.ferry.engine.diagnose;

import dev.ferry.core.control.Check;
import dev.ferry.core.port.ApiBudgetStore;
import dev.ferry.core.port.JobSlots;
import dev.ferry.core.port.SalesforceApi;
import dev.ferry.core.port.WriteErrorLog;
import dev.ferry.core.state.ConnectionState;
import dev.ferry.core.store.ApiBudget;
import dev.ferry.core.store.Backlog;
import dev.ferry.core.store.Connection;
import dev.ferry.core.store.Mapping;
import dev.ferry.core.store.SlotLease;
import dev.ferry.engine.cluster.Slots;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** The checks of a connection as a whole (docs/diagnostics.md, connection checks). */
final class ConnectionChecks {
  /** Versions behind the latest before the API version check warns (three releases a year). */
  static final int VERSIONS_BEHIND_WARN = 3;

  static final int MAPPINGS_WARN = 100;

  /** The org's API usage, as a fraction of the polls' share, from which the budget check warns. */
  static final double BUDGET_WARN_FRACTION = 0.8;

  static final Duration BACKLOG_YELLOW = Duration.ofMinutes(5);
  static final Duration BACKLOG_RED = Duration.ofMinutes(30);

  private final ApiBudgetStore budgets;
  private final JobSlots slots;
  private final int apiBudgetPercent;
  private final int bulkMaxJobs;

  ConnectionChecks(ApiBudgetStore budgets, JobSlots slots, int apiBudgetPercent, int bulkMaxJobs) {
    this.budgets = budgets;
    this.slots = slots;
    this.apiBudgetPercent = apiBudgetPercent;
    this.bulkMaxJobs = bulkMaxJobs;
  }

  List<Check> run(
      Connection c,
      List<Mapping> mappings,
      Supplier<SalesforceApi> api,
      @Nullable WriteErrorLog log,
      WriteFacts writes,
      Instant now) {
    return List.of(
        state(c),
        apiVersion(c, api),
        mappingCount(mappings),
        budget(c),
        bulkSlots(c),
        failedWrites(writes),
        backlog(c, log, now));
  }

  static Check state(Connection c) {
    Rule r = Rule.CONNECTION_STATE;
    String detail = c.stateDetail() == null ? "" : " (" + c.stateDetail() + ")";
    return switch (c.state()) {
      case IDLE, POLLING_DB_CHANGES, BUSY, RECOVERY, IMPORT_CONFIGURATION ->
          r.green("The connection is " + c.state() + detail + ".");
      case PAUSED ->
          r.yellow(
              "The connection is PAUSED: nothing is polled from or written to Salesforce;"
                  + " changes in Postgres wait in the trigger log. Resume it to sync again.");
      case NEW, NEED_AUTHENTICATION ->
          r.red(
              "The connection is "
                  + c.state()
                  + ": it has no Salesforce credentials. Authorize it"
                  + " (POST /connections/{id}/actions/authorize).");
      default ->
          r.red(
              "The connection is "
                  + c.state()
                  + detail
                  + ": "
                  + c.state().description()
                  + ". Fix the cause, then restart (recover) the connection.");
    };
  }

  static Check apiVersion(Connection c, Supplier<SalesforceApi> apiSource) {
    Rule r = Rule.MUST_USE_RECENT_API_VERSION;
    if (c.credentials() == null) return r.skipped("The connection is not authorized yet.");
    List<String> served;
    String current;
    try {
      SalesforceApi api = apiSource.get();
      served = api.versions();
      current =
          c.apiVersion() == null || c.apiVersion().isBlank() ? api.apiVersion() : c.apiVersion();
    } catch (RuntimeException e) {
      return r.skipped("Could not ask Salesforce for its API versions: " + e.getMessage());
    }
    Optional<Integer> latest = served.stream().map(ConnectionChecks::major).max(Integer::compare);
    if (latest.isEmpty()) return r.skipped("Salesforce listed no API versions.");
    String latestText = latest.get() + ".0";
    if (!served.contains(current)) {
      return r.red(
          "The connection uses API version "
              + current
              + ", which this org does not serve (latest: "
              + latestText
              + "). Re-authorize the connection with api_version "
              + latestText
              + ".");
    }
    int behind = latest.get() - major(current);
    if (behind > VERSIONS_BEHIND_WARN) {
      return r.yellow(
          "The latest available Salesforce API version is "
              + latestText
              + ". Your connection is using version "
              + current
              + ". Check the schema diff (GET /connections/{id}/schema-diff?target_version="
              + latestText
              + ") and re-authorize with the newer api_version.");
    }
    return r.green(
        "The connection uses API version " + current + " (latest available: " + latestText + ").");
  }

  static Check mappingCount(List<Mapping> mappings) {
    Rule r = Rule.NUMBER_OF_MAPPINGS;
    int n = mappings.size();
    if (n == 0) return r.yellow("The connection has no mappings: nothing is synchronized.");
    if (n > MAPPINGS_WARN) {
      return r.yellow(
          "The connection has "
              + n
              + " mappings (more than "
              + MAPPINGS_WARN
              + "): they share the org's API budget and bulk job slots; consider fewer mappings"
              + " or longer polling intervals.");
    }
    return r.green("The connection has " + n + " mapping" + (n == 1 ? "" : "s") + ".");
  }

  Check budget(Connection c) {
    Rule r = Rule.API_BUDGET;
    if (c.orgId() == null) return r.skipped("The connection is not authorized yet.");
    Optional<ApiBudget> seen = budgets.read(c.orgId());
    if (seen.isEmpty() || seen.get().max() <= 0) {
      return r.skipped("Salesforce has not reported the org's API usage yet.");
    }
    ApiBudget b = seen.get();
    double percent = b.fractionUsed() * 100;
    String usage =
        String.format(
            Locale.ROOT,
            "The org has used %d of %d daily API requests (%.0f%%, as of %s)",
            b.used(),
            b.max(),
            percent,
            b.observedAt());
    if (percent >= apiBudgetPercent) {
      return r.red(
          usage
              + "; routine polls wait until usage falls below "
              + apiBudgetPercent
              + "% (FERRY_API_BUDGET_PERCENT). Reduce other API consumers or raise the org's limit.");
    }
    if (percent >= apiBudgetPercent * BUDGET_WARN_FRACTION) {
      return r.yellow(
          usage + "; polls stop at " + apiBudgetPercent + "% (FERRY_API_BUDGET_PERCENT).");
    }
    return r.green(usage + "; polls stop at " + apiBudgetPercent + "%.");
  }

  Check bulkSlots(Connection c) {
    Rule r = Rule.BULK_JOB_SLOTS;
    String kind = Slots.bulkKind(c.orgId() != null ? c.orgId() : c.id().toString());
    List<SlotLease> held = slots.holders(kind);
    if (held.size() >= bulkMaxJobs) {
      return r.yellow(
          "All "
              + bulkMaxJobs
              + " bulk job slots of the org are held ("
              + String.join(", ", held.stream().map(SlotLease::holder).toList())
              + "); other bulk loads and polls wait for a free slot (FERRY_BULK_MAX_JOBS).");
    }
    return r.green(held.size() + " of " + bulkMaxJobs + " bulk job slots of the org are in use.");
  }

  static Check failedWrites(WriteFacts writes) {
    Rule r = Rule.FAILED_WRITES;
    if (!writes.available()) return r.skipped(writes.unavailable());
    long n = writes.failed();
    if (n > 0) {
      return r.red(
          n
              + " write"
              + (n == 1 ? "" : "s")
              + " to Salesforce failed in the last 24 hours. List them with GET"
              + " /connections/{id}/errors, fix the data, then retry with POST"
              + " /connections/{id}/errors/retry.");
    }
    return r.green("No write to Salesforce failed in the last 24 hours.");
  }

  static Check backlog(Connection c, @Nullable WriteErrorLog log, Instant now) {
    Rule r = Rule.TRIGGER_LOG_BACKLOG;
    if (log == null) return r.skipped("This Ferry process has no write path configured.");
    Backlog b;
    try {
      b = log.backlog(null);
    } catch (RuntimeException e) {
      return r.skipped("Could not read the trigger log: " + e.getMessage());
    }
    if (b.waiting() == 0 || b.oldestCreatedAt() == null) {
      return r.green("No change waits in the trigger log.");
    }
    Duration age = Duration.between(b.oldestCreatedAt(), now);
    String facts =
        b.waiting()
            + " change"
            + (b.waiting() == 1 ? "" : "s")
            + " wait in the trigger log; the oldest was captured "
            + Durations.human(age)
            + " ago";
    if (c.state() == ConnectionState.PAUSED) {
      return r.yellow(facts + ". The connection is paused: resume it to write them.");
    }
    if (age.compareTo(BACKLOG_RED) > 0) {
      return r.red(
          facts
              + ". Writes are not keeping up or are stuck: check the connection state, the"
              + " mapping states and the log for write errors.");
    }
    if (age.compareTo(BACKLOG_YELLOW) > 0) {
      return r.yellow(facts + ". Writes are behind.");
    }
    return r.green(facts + ".");
  }

  private static int major(String version) {
    try {
      return Integer.parseInt(version.substring(0, version.indexOf('.')));
    } catch (RuntimeException e) {
      return 0;
    }
  }

  /**
   * What the write path knows: the failed writes of the last 24 h, or why they are unknown.
   *
   * @param unavailable why the trigger log could not be read; null when it was
   */
  record WriteFacts(@Nullable String unavailable, long failed) {
    boolean available() {
      return unavailable == null;
    }
  }
}

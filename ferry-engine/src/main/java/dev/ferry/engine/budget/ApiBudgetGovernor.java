package dev.ferry.engine.budget;

import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.port.ApiBudgetStore;
import dev.ferry.core.port.NotificationStore;
import dev.ferry.core.sf.ApiUsage;
import dev.ferry.core.sf.OrgLimits;
import dev.ferry.core.store.ApiBudget;
import dev.ferry.core.store.Mapping;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Keeps polls and writes within the API budget: the org's daily allowance as Salesforce reports it
 * (shared by every Ferry process through {@link ApiBudgetStore}) and each mapping's {@code
 * sf_max_daily_api_calls} per UTC day, which counts the mapping's polls and its writes alike. Loads
 * and user-requested work are not deferred: only routine polls and writes are.
 */
public final class ApiBudgetGovernor {
  private final ApiBudgetStore store;
  private final NotificationStore notifications;
  private final int orgPercent;
  private final Set<String> notified = ConcurrentHashMap.newKeySet();

  public ApiBudgetGovernor(ApiBudgetStore store, NotificationStore notifications, int orgPercent) {
    this.store = store;
    this.notifications = notifications;
    this.orgPercent = orgPercent;
  }

  /** Charges the calls a unit of work made to the mapping and records the org's usage. */
  public void charge(
      Mapping mapping, @Nullable String orgId, MeteredSalesforceApi meter, Instant now) {
    charge(mapping, orgId, meter.calls(), meter.apiUsage(), now);
  }

  /**
   * Charges {@code calls} to the mapping's count of the day and records the org's usage as
   * Salesforce last reported it.
   */
  public void charge(
      Mapping mapping, @Nullable String orgId, long calls, Optional<ApiUsage> usage, Instant now) {
    if (calls > 0) store.addMappingCalls(mapping.id(), day(now), calls);
    if (orgId != null && usage.isPresent()) {
      ApiUsage u = usage.get();
      store.observe(orgId, u.used(), u.max(), u.observedAt());
    }
  }

  /** Why a routine poll of {@code mapping} must wait, or empty when it may run. */
  public Optional<String> pollDeferral(Mapping mapping, @Nullable String orgId, Instant now) {
    Optional<String> org = orgReason(orgId, "polls");
    if (org.isPresent()) {
      notifyOnce(mapping.connectionId(), mapping, "api_budget", org.get(), "polls", now);
      return org;
    }
    Optional<String> own = mappingReason(mapping, now);
    own.ifPresent(why ->
        notifyOnce(mapping.connectionId(), mapping, "mapping_api_budget", why, "polls", now));
    return own;
  }

  /**
   * Why the writes of a connection must wait for the org's budget (the same limit as polls: {@code
   * FERRY_API_BUDGET_PERCENT} of the daily allowance), or empty when they may go out.
   */
  public Optional<String> orgWriteDeferral(
      ConnectionId connection, @Nullable String orgId, Instant now) {
    Optional<String> org = orgReason(orgId, "writes");
    org.ifPresent(why -> notifyOnce(connection, null, "api_budget", why, "writes", now));
    return org;
  }

  /**
   * Why the writes of {@code mapping} must wait for its {@code sf_max_daily_api_calls}, or empty.
   */
  public Optional<String> mappingWriteDeferral(Mapping mapping, Instant now) {
    Optional<String> own = mappingReason(mapping, now);
    own.ifPresent(why ->
        notifyOnce(mapping.connectionId(), mapping, "mapping_api_budget", why, "writes", now));
    return own;
  }

  /**
   * Whether the org's recorded usage is older than {@code maxAge}: while everything waits for the
   * budget nothing else calls Salesforce, so whoever waits refreshes it now and then.
   */
  public boolean orgUsageOlderThan(@Nullable String orgId, Duration maxAge, Instant now) {
    if (orgId == null) return false;
    return store.read(orgId).map(b -> b.observedAt().isBefore(now.minus(maxAge))).orElse(false);
  }

  /** Records the org's usage from its {@code /limits} (one API call, made by the caller). */
  public void observe(String orgId, OrgLimits limits, Instant now) {
    limits.dailyApiRequests().ifPresent(l -> store.observe(orgId, l.used(), l.max(), now));
  }

  private Optional<String> orgReason(@Nullable String orgId, String what) {
    if (orgId == null) return Optional.empty();
    Optional<ApiBudget> budget = store.read(orgId);
    if (budget.isEmpty() || budget.get().fractionUsed() * 100 < orgPercent) return Optional.empty();
    ApiBudget b = budget.get();
    return Optional.of(
        "org "
            + orgId
            + " has used "
            + b.used()
            + " of "
            + b.max()
            + " daily API requests (limit for "
            + what
            + ": "
            + orgPercent
            + "%)");
  }

  private Optional<String> mappingReason(Mapping mapping, Instant now) {
    int max = mapping.config().sfMaxDailyApiCalls();
    if (max <= 0) return Optional.empty();
    long used = store.mappingCalls(mapping.id(), day(now));
    if (used < max) return Optional.empty();
    return Optional.of(
        "mapping "
            + mapping.objectName()
            + " made "
            + used
            + " API calls today (sf_max_daily_api_calls "
            + max
            + ")");
  }

  private void notifyOnce(
      ConnectionId connection,
      @Nullable Mapping mapping,
      String kind,
      String message,
      String what,
      Instant now) {
    String key = (mapping == null ? connection.toString() : mapping.id().toString());
    if (notified.add(key + "/" + kind + "/" + what + "/" + day(now))) {
      notifications.add(
          connection, mapping == null ? null : mapping.id(), kind, message + "; " + what + " wait");
    }
  }

  static LocalDate day(Instant now) {
    return now.atZone(ZoneOffset.UTC).toLocalDate();
  }
}

package dev.ferry.engine.budget;

import dev.ferry.core.port.ApiBudgetStore;
import dev.ferry.core.port.NotificationStore;
import dev.ferry.core.sf.ApiUsage;
import dev.ferry.core.store.ApiBudget;
import dev.ferry.core.store.Mapping;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Keeps polls within the API budget: the org's daily allowance as Salesforce reports it (shared by
 * every Ferry process through {@link ApiBudgetStore}) and each mapping's {@code
 * sf_max_daily_api_calls} per UTC day. Loads and user-requested work are not deferred: only routine
 * polls are.
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
    long calls = meter.calls();
    if (calls > 0) store.addMappingCalls(mapping.id(), day(now), calls);
    Optional<ApiUsage> usage = meter.apiUsage();
    if (orgId != null && usage.isPresent()) {
      ApiUsage u = usage.get();
      store.observe(orgId, u.used(), u.max(), u.observedAt());
    }
  }

  /** Why a routine poll of {@code mapping} must wait, or empty when it may run. */
  public Optional<String> pollDeferral(Mapping mapping, @Nullable String orgId, Instant now) {
    if (orgId != null) {
      Optional<ApiBudget> budget = store.read(orgId);
      if (budget.isPresent() && budget.get().fractionUsed() * 100 >= orgPercent) {
        ApiBudget b = budget.get();
        String why =
            "org "
                + orgId
                + " has used "
                + b.used()
                + " of "
                + b.max()
                + " daily API requests (limit for polls: "
                + orgPercent
                + "%)";
        notifyOnce(mapping, "api_budget", why, now);
        return Optional.of(why);
      }
    }
    int max = mapping.config().sfMaxDailyApiCalls();
    if (max > 0) {
      long used = store.mappingCalls(mapping.id(), day(now));
      if (used >= max) {
        String why =
            "mapping "
                + mapping.objectName()
                + " made "
                + used
                + " API calls today (sf_max_daily_api_calls "
                + max
                + ")";
        notifyOnce(mapping, "mapping_api_budget", why, now);
        return Optional.of(why);
      }
    }
    return Optional.empty();
  }

  private void notifyOnce(Mapping mapping, String kind, String message, Instant now) {
    if (notified.add(mapping.id() + "/" + kind + "/" + day(now))) {
      notifications.add(mapping.connectionId(), mapping.id(), kind, message + "; polls wait");
    }
  }

  static LocalDate day(Instant now) {
    return now.atZone(ZoneOffset.UTC).toLocalDate();
  }
}

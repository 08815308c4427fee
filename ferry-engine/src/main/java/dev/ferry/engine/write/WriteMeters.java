package dev.ferry.engine.write;

import dev.ferry.core.id.MappingId;
import dev.ferry.core.port.SalesforceApi;
import dev.ferry.core.store.Mapping;
import dev.ferry.engine.budget.ApiBudgetGovernor;
import dev.ferry.engine.budget.MeteredSalesforceApi;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Counts the API calls a writer makes for each mapping (through one {@link MeteredSalesforceApi}
 * per mapping over the connection's client), so they are charged to the same budget as the read
 * path's: the mapping's {@code sf_max_daily_api_calls} and the org's usage.
 */
final class WriteMeters {
  private final SalesforceApi api;
  private final Map<MappingId, Meter> meters = new ConcurrentHashMap<>();

  private record Meter(Mapping mapping, MeteredSalesforceApi api, AtomicLong charged) {}

  WriteMeters(SalesforceApi api) {
    this.api = api;
  }

  /** The connection's client, uncounted (calls charged to no mapping). */
  SalesforceApi raw() {
    return api;
  }

  /** The client for calls made to write {@code t}: counted for its mapping. */
  SalesforceApi forTarget(WriteTarget t) {
    return meters
        .computeIfAbsent(
            t.mapping().id(),
            k -> new Meter(t.mapping(), new MeteredSalesforceApi(api), new AtomicLong()))
        .api();
  }

  /** Charges the calls made since the last charge; returns how many. */
  long charge(ApiBudgetGovernor budget, @Nullable String orgId, Instant now) {
    long total = 0;
    for (Meter m : meters.values()) {
      long calls = m.api().calls();
      long delta = calls - m.charged().getAndSet(calls);
      if (delta > 0) {
        budget.charge(m.mapping(), orgId, delta, m.api().apiUsage(), now);
        total += delta;
      }
    }
    return total;
  }
}

package dev.ferry.core.control;

import dev.ferry.core.id.MappingId;
import dev.ferry.core.store.ApiBudget;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A connection's Salesforce API usage: the org's daily allowance as Salesforce last reported it
 * (shared by every process of the org) and what each mapping called today.
 *
 * @param org null until a call of this org reported its usage
 */
public record ApiUsageView(@Nullable ApiBudget org, List<MappingCalls> mappings) {
  public ApiUsageView {
    mappings = List.copyOf(mappings);
  }

  /**
   * @param callsToday API calls the mapping made this UTC day
   * @param dailyLimit the mapping's {@code sf_max_daily_api_calls} (0: no limit of its own)
   */
  public record MappingCalls(
      MappingId mapping, String objectName, long callsToday, int dailyLimit) {}
}

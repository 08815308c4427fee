package dev.ferry.core.port;

import dev.ferry.core.id.MappingId;
import dev.ferry.core.store.ApiBudget;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * API usage shared by every Ferry process: the org's daily usage as Salesforce reports it, and each
 * mapping's calls per day (for {@code sf_max_daily_api_calls}).
 */
public interface ApiBudgetStore {

  /** Records a usage report; an older observation never replaces a newer one. */
  void observe(String orgId, long used, long max, Instant at);

  Optional<ApiBudget> read(String orgId);

  /** Adds {@code calls} to the mapping's count for {@code day} (UTC) and returns the new total. */
  long addMappingCalls(MappingId mapping, LocalDate day, long calls);

  long mappingCalls(MappingId mapping, LocalDate day);
}

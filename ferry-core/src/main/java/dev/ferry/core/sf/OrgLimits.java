package dev.ferry.core.sf;

import java.util.Map;
import java.util.Optional;

/** The org's {@code /limits}: limit name to max and remaining. */
public record OrgLimits(Map<String, Limit> limits) {
  public OrgLimits {
    limits = Map.copyOf(limits);
  }

  public record Limit(long max, long remaining) {
    public long used() {
      return max - remaining;
    }
  }

  public Optional<Limit> get(String name) {
    return Optional.ofNullable(limits.get(name));
  }

  public Optional<Limit> dailyApiRequests() {
    return get("DailyApiRequests");
  }
}

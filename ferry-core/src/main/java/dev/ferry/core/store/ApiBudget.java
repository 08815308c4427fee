package dev.ferry.core.store;

import java.time.Instant;

/**
 * An org's API usage as last reported by Salesforce ({@code Sforce-Limit-Info:
 * api-usage=used/max}).
 */
public record ApiBudget(String orgId, long used, long max, Instant observedAt) {
  /** Fraction of the daily allowance used, 0..1 (0 when max is unknown). */
  public double fractionUsed() {
    return max <= 0 ? 0 : (double) used / max;
  }
}

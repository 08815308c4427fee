package dev.ferry.core.sf;

import java.time.Instant;

/** The org-wide API usage Salesforce reported in the last {@code Sforce-Limit-Info} header. */
public record ApiUsage(long used, long max, Instant observedAt) {
  public double fraction() {
    return max <= 0 ? 0 : (double) used / max;
  }
}

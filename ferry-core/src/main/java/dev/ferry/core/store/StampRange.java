package dev.ferry.core.store;

import java.time.Instant;
import java.util.Objects;

/** A half-open range {@code [lower, upper)} of record change stamps (SystemModstamp). */
public record StampRange(Instant lower, Instant upper) {
  public StampRange {
    Objects.requireNonNull(lower, "lower");
    Objects.requireNonNull(upper, "upper");
    if (upper.isBefore(lower)) {
      throw new IllegalArgumentException("stamp range " + lower + " .. " + upper + " is inverted");
    }
  }

  /** Whether this range lies within {@code other}. */
  public boolean within(StampRange other) {
    return !lower.isBefore(other.lower) && !upper.isAfter(other.upper);
  }
}

package dev.ferry.engine.read;

import dev.ferry.core.soql.Condition;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * A half-open range {@code [lower, upper)} of a mapping's change stamp (SystemModstamp, or
 * LastModifiedDate), in whole seconds as Salesforce stamps them. {@code lower} null means "from the
 * first record" (a load).
 */
public record Window(@Nullable Instant lower, Instant upper) {

  public Window {
    if (lower != null && upper.isBefore(lower)) {
      throw new IllegalArgumentException("window upper " + upper + " is before lower " + lower);
    }
  }

  /** {@code [lower, upper)}, both cut to whole seconds. */
  public static Window of(@Nullable Instant lower, Instant upper) {
    return new Window(
        lower == null ? null : lower.truncatedTo(ChronoUnit.SECONDS),
        upper.truncatedTo(ChronoUnit.SECONDS));
  }

  /** Everything stamped before {@code upper}. */
  public static Window until(Instant upper) {
    return of(null, upper);
  }

  public boolean isEmpty() {
    return lower != null && !upper.isAfter(lower);
  }

  /** The SOQL condition selecting this window on {@code field}. */
  public Condition condition(String field) {
    Condition below = Condition.lt(field, upper);
    return lower == null ? below : Condition.and(Condition.gte(field, lower), below);
  }

  public boolean contains(Instant stamp) {
    return (lower == null || !stamp.isBefore(lower)) && stamp.isBefore(upper);
  }

  /** True when both halves would still be at least {@code min} wide. */
  public boolean canHalve(Duration min) {
    if (lower == null) return false;
    return Duration.between(lower, upper).compareTo(min.multipliedBy(2)) >= 0;
  }

  /** The two halves, split on a whole second. */
  public Window[] halves() {
    if (lower == null)
      throw new IllegalStateException("a window without lower bound cannot be halved");
    long mid = lower.getEpochSecond() + (upper.getEpochSecond() - lower.getEpochSecond()) / 2;
    Instant m = Instant.ofEpochSecond(mid);
    return new Window[] {new Window(lower, m), new Window(m, upper)};
  }

  /** {@code parts} consecutive windows of (nearly) equal width covering this one. */
  public Window[] slices(int parts) {
    if (lower == null)
      throw new IllegalStateException("a window without lower bound cannot be sliced");
    long from = lower.getEpochSecond();
    long width = upper.getEpochSecond() - from;
    int n = (int) Math.max(1, Math.min(parts, width));
    Window[] out = new Window[n];
    Instant start = lower;
    for (int i = 1; i <= n; i++) {
      Instant end = i == n ? upper : Instant.ofEpochSecond(from + width * i / n);
      out[i - 1] = new Window(start, end);
      start = end;
    }
    return out;
  }

  @Override
  public String toString() {
    return "[" + (lower == null ? "-∞" : lower) + ", " + upper + ")";
  }
}

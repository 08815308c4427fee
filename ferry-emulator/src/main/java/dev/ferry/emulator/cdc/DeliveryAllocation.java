package dev.ferry.emulator.cdc;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The org's daily event-delivery allocation (shared by CDC and high-volume platform events): every
 * event delivered to a subscriber counts; the count starts over 24 hours after the window opened.
 */
public final class DeliveryAllocation {
  private static final Duration WINDOW = Duration.ofHours(24);

  private final InstantSource clock;
  private long limit;
  private long used;
  private Instant windowStart;

  public DeliveryAllocation(InstantSource clock, long limit) {
    this.clock = clock;
    this.limit = limit;
    this.windowStart = clock.instant();
  }

  /** Takes up to wanted deliveries; returns how many are allowed (0 when spent). */
  public synchronized int take(int wanted) {
    roll();
    long n = Math.max(0, Math.min(wanted, limit - used));
    used += n;
    return (int) n;
  }

  public synchronized boolean spent() {
    roll();
    return used >= limit;
  }

  /** Sets the limit and optionally the count used so far. */
  public synchronized void set(long newLimit, long newUsed) {
    if (newLimit < 0 || newUsed < 0) {
      throw new IllegalArgumentException("limit and used must not be negative");
    }
    roll();
    this.limit = newLimit;
    this.used = newUsed;
  }

  public synchronized long limit() {
    return limit;
  }

  public synchronized long used() {
    roll();
    return used;
  }

  private void roll() {
    Instant now = clock.instant();
    if (!now.isBefore(windowStart.plus(WINDOW))) {
      windowStart = now;
      used = 0;
    }
  }
}

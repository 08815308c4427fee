package dev.ferry.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves only when a test moves it (forward only). Thread-safe. */
public final class MutableInstantSource implements InstantSource {
  private final AtomicReference<Instant> now;

  public MutableInstantSource(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /** Starts at the current second of the system clock. */
  public static MutableInstantSource atSystemNow() {
    return new MutableInstantSource(
        Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  public Instant advance(Duration by) {
    if (by.isNegative()) throw new IllegalArgumentException("the clock never goes back: " + by);
    return now.updateAndGet(t -> t.plus(by));
  }

  public void set(Instant to) {
    now.updateAndGet(t -> {
      if (to.isBefore(t)) {
        throw new IllegalArgumentException("the clock never goes back: " + t + " -> " + to);
      }
      return to;
    });
  }
}

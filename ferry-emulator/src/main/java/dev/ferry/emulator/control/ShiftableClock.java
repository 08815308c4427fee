package dev.ferry.emulator.control;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The emulator's clock: the configured source plus an offset that the clock control moves forward,
 * so scripts can age data (getUpdated windows, recycle bin, late commits) without waiting.
 */
public final class ShiftableClock implements InstantSource {
  private final InstantSource source;
  private volatile Duration offset = Duration.ZERO;

  public ShiftableClock(InstantSource source) {
    this.source = source;
  }

  @Override
  public Instant instant() {
    return source.instant().plus(offset);
  }

  /** Moves the clock forward (never back: timestamps must not go backwards). */
  public void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward");
    }
    offset = offset.plus(d);
  }

  public Duration offset() {
    return offset;
  }
}

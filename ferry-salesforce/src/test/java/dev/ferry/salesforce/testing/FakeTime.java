package dev.ferry.salesforce.testing;

import dev.ferry.salesforce.internal.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A settable clock whose sleeper advances it instead of waiting: tests never sleep. */
public final class FakeTime implements InstantSource, Sleeper {
  private volatile Instant now;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  public FakeTime(Instant start) {
    this.now = start;
  }

  public FakeTime() {
    this(Instant.parse("2024-03-01T10:00:00Z"));
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public synchronized void sleep(Duration d) {
    sleeps.add(d);
    now = now.plus(d);
  }

  public synchronized void advance(Duration d) {
    now = now.plus(d);
  }

  public List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  public Duration slept() {
    return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
  }
}

package dev.ferry.engine.env;

import java.time.Duration;

/**
 * Waits for something outside the engine (a Bulk job, the database coming back). Never used to let
 * the clock move: time itself is read from the injected {@link java.time.InstantSource}.
 */
@FunctionalInterface
public interface Sleeper {
  Sleeper REAL = d -> Thread.sleep(d);

  void sleep(Duration duration) throws InterruptedException;
}

package dev.ferry.salesforce.internal;

import java.time.Duration;

/**
 * How the client waits between retries and job polls. Production sleeps the thread; tests inject a
 * sleeper that advances a fake clock instead, so no test waits for real time.
 */
@FunctionalInterface
public interface Sleeper {
  /** Waits for the duration; throws InterruptedException when the thread is interrupted. */
  void sleep(Duration duration) throws InterruptedException;

  static Sleeper system() {
    return duration -> {
      if (!duration.isNegative() && !duration.isZero()) Thread.sleep(duration);
    };
  }
}

package dev.ferry.engine.diagnose;

import java.time.Duration;

/**
 * Durations as a human reads them in a check's message: {@code 45 s}, {@code 12 min}, {@code 3 h}.
 */
final class Durations {
  private Durations() {}

  static String human(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 120) return s + " s";
    if (s < 7200) return (s / 60) + " min";
    if (s < 172800) return (s / 3600) + " h";
    return (s / 86400) + " days";
  }
}

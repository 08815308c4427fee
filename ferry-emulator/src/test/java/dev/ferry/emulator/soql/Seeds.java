package dev.ferry.emulator.soql;

import java.util.SplittableRandom;
import java.util.stream.LongStream;

/**
 * Seeds for the randomized tests: {@code -Dferry.seed=N} replays one; otherwise a fresh random seed
 * runs together with the regression seeds. Every failure message names its seed.
 */
final class Seeds {
  private static final long[] REGRESSION = {1L, 42L, 20240515L};

  private Seeds() {}

  static LongStream seeds() {
    String fixed = System.getProperty("ferry.seed");
    if (fixed != null && !fixed.isBlank()) return LongStream.of(Long.parseLong(fixed.trim()));
    return LongStream.concat(
        LongStream.of(new SplittableRandom().nextLong()), LongStream.of(REGRESSION));
  }

  static String describe(long seed) {
    return "seed " + seed + " (replay with -Dferry.seed=" + seed + ")";
  }
}

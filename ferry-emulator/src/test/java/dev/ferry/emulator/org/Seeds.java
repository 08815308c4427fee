package dev.ferry.emulator.org;

import java.util.SplittableRandom;

/** Seeded randomness for property-style tests: -Dferry.seed=N reproduces a run. */
final class Seeds {
  private Seeds() {}

  static long seed() {
    String s = System.getProperty("ferry.seed");
    return s == null ? System.nanoTime() : Long.parseLong(s);
  }

  static SplittableRandom random(long seed) {
    return new SplittableRandom(seed);
  }
}

package dev.ferry.emulator.org;

import java.util.HashMap;
import java.util.Map;

/**
 * Deterministic record ids: key prefix, a 2-character pod, a reserved {@code 0}, a 9-digit base-62
 * counter and the checksum. Counters start at a seed-derived offset so the low digits are mixed
 * case from the first id on (as in real orgs), and they grow monotonically so ids sort in creation
 * order within an object.
 */
public final class IdGenerator {
  private static final long FIVE_DIGITS = 916_132_832L; // 62^5
  private static final String POD = "8d";

  private final long start;
  private final Map<String, Long> next = new HashMap<>();

  public IdGenerator(long seed) {
    long mixed = seed * 0x9E3779B97F4A7C15L + 0x2545F4914F6CDD1DL;
    mixed ^= mixed >>> 29;
    this.start = FIVE_DIGITS * 7 + Math.floorMod(mixed, FIVE_DIGITS);
  }

  /** The next id for the key prefix (18 characters). */
  public synchronized String next(String keyPrefix) {
    long counter = next.getOrDefault(keyPrefix, start);
    next.put(keyPrefix, counter + 1);
    return format(keyPrefix, counter);
  }

  /** Forgets all counters (org reset). */
  public synchronized void reset() {
    next.clear();
  }

  static String format(String keyPrefix, long counter) {
    char[] digits = new char[9];
    long n = counter;
    for (int i = 8; i >= 0; i--) {
      digits[i] = SfIds.BASE62.charAt((int) (n % 62));
      n /= 62;
    }
    String id15 = keyPrefix + POD + "0" + new String(digits);
    return id15 + SfIds.checksum(id15);
  }
}

package dev.ferry.core.id;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Salesforce record id. Salesforce accepts 15-character (case-sensitive) and 18-character
 * (case-insensitive, checksummed) forms; this type always holds the 18-character form so that two
 * spellings of the same record compare equal.
 */
public final class SfId implements Comparable<SfId> {
  private static final String CHECKSUM_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

  private final String id18;

  private SfId(String id18) {
    this.id18 = id18;
  }

  /**
   * Parses a 15- or 18-character id; throws {@link IllegalArgumentException} naming the bad value.
   */
  public static SfId valueOf(String raw) {
    Objects.requireNonNull(raw, "id");
    if (raw.length() != 15 && raw.length() != 18) {
      throw new IllegalArgumentException(
          "Salesforce id must have 15 or 18 characters, got " + raw.length() + ": '" + raw + "'");
    }
    for (int i = 0; i < 15; i++) {
      if (!isBase62(raw.charAt(i))) {
        throw new IllegalArgumentException(
            "Salesforce id has a non-alphanumeric character: '" + raw + "'");
      }
    }
    String id15 = raw.length() == 18 ? restoreCase(raw) : raw;
    return new SfId(id15 + checksum(id15));
  }

  /**
   * An 18-character id is case-insensitive: its suffix records which of the first 15 characters are
   * upper case. Rebuild the exact 15-character id from it.
   */
  private static String restoreCase(String id18) {
    char[] id = id18.substring(0, 15).toCharArray();
    for (int chunk = 0; chunk < 3; chunk++) {
      int bits = CHECKSUM_ALPHABET.indexOf(Character.toUpperCase(id18.charAt(15 + chunk)));
      if (bits < 0) {
        throw new IllegalArgumentException("Salesforce id has a wrong checksum: '" + id18 + "'");
      }
      for (int i = 0; i < 5; i++) {
        int pos = chunk * 5 + i;
        boolean upper = (bits & (1 << i)) != 0;
        if (Character.isLetter(id[pos])) {
          id[pos] = upper ? Character.toUpperCase(id[pos]) : Character.toLowerCase(id[pos]);
        } else if (upper) {
          throw new IllegalArgumentException("Salesforce id has a wrong checksum: '" + id18 + "'");
        }
      }
    }
    return new String(id);
  }

  /** Like {@link #valueOf} but returns null for null or blank input. */
  public static @Nullable SfId ofNullable(@Nullable String raw) {
    return raw == null || raw.isBlank() ? null : valueOf(raw);
  }

  public static boolean isValid(@Nullable String raw) {
    if (raw == null) return false;
    try {
      valueOf(raw);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The three checksum characters Salesforce appends to a 15-character id. */
  public static String checksum(String id15) {
    StringBuilder suffix = new StringBuilder(3);
    for (int chunk = 0; chunk < 3; chunk++) {
      int bits = 0;
      for (int i = 0; i < 5; i++) {
        char c = id15.charAt(chunk * 5 + i);
        if (c >= 'A' && c <= 'Z') bits |= 1 << i;
      }
      suffix.append(CHECKSUM_ALPHABET.charAt(bits));
    }
    return suffix.toString();
  }

  private static boolean isBase62(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  public String asString() {
    return id18;
  }

  public String as15() {
    return id18.substring(0, 15);
  }

  public String keyPrefix() {
    return id18.substring(0, 3);
  }

  @Override
  public int compareTo(SfId other) {
    return id18.compareTo(other.id18);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SfId other && other.id18.equals(id18);
  }

  @Override
  public int hashCode() {
    return id18.hashCode();
  }

  @Override
  public String toString() {
    return id18;
  }
}

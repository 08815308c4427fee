package dev.ferry.emulator.org;

import org.jspecify.annotations.Nullable;

/**
 * Salesforce record ids: 15-character case-sensitive base-62 ids and their 18-character
 * case-insensitive form (15 characters plus a 3-character checksum).
 */
public final class SfIds {
  /** Base-62 digits in ASCII order, so that string order of equal-length ids is numeric order. */
  static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private static final String CHECKSUM_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

  private SfIds() {}

  /** The 3-character suffix that makes a 15-character id case-insensitive. */
  public static String checksum(String id15) {
    char[] suffix = new char[3];
    for (int chunk = 0; chunk < 3; chunk++) {
      int bits = 0;
      for (int i = 0; i < 5; i++) {
        char c = id15.charAt(chunk * 5 + i);
        if (c >= 'A' && c <= 'Z') {
          bits |= 1 << i;
        }
      }
      suffix[chunk] = CHECKSUM_ALPHABET.charAt(bits);
    }
    return new String(suffix);
  }

  /**
   * The canonical 18-character form of a 15- or 18-character id, or null when the text is not
   * shaped like an id (wrong length, characters outside base 62, or a checksum that does not match
   * the case of the first 15 characters).
   */
  public static @Nullable String normalize(@Nullable String text) {
    if (text == null) {
      return null;
    }
    if (text.length() != 15 && text.length() != 18) {
      return null;
    }
    for (int i = 0; i < 15; i++) {
      if (BASE62.indexOf(text.charAt(i)) < 0) {
        return null;
      }
    }
    String id15 = text.substring(0, 15);
    String expected = checksum(id15);
    if (text.length() == 18 && !text.substring(15).equalsIgnoreCase(expected)) {
      return null;
    }
    return id15 + expected;
  }

  /** The key prefix (object type) of an id. */
  public static String keyPrefix(String id) {
    return id.substring(0, 3);
  }
}

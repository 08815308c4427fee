package dev.ferry.core.model;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * Postgres identifiers: validation and quoting. Every name Ferry puts into SQL goes through {@link
 * #quote}, so a hostile or reserved name ({@code user}, {@code order}, {@code a"b}, {@code my
 * table}) is quoted, never injected. Names Postgres would silently truncate (over 63 bytes) are
 * refused, or shortened deterministically by {@link #fitted} for names Ferry derives itself.
 */
public final class PgIdentifiers {
  /** Postgres' NAMEDATALEN - 1. */
  public static final int MAX_BYTES = 63;

  private PgIdentifiers() {}

  /** Returns {@code name} when it is a usable identifier; throws naming the problem otherwise. */
  public static String requireValid(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("identifier must not be empty");
    }
    if (name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("identifier must not contain NUL: " + printable(name));
    }
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      throw new IllegalArgumentException(
          "identifier is "
              + bytes
              + " bytes; Postgres keeps only "
              + MAX_BYTES
              + ": "
              + printable(name));
    }
    return name;
  }

  /** {@code "name"} with embedded double quotes doubled. */
  public static String quote(String name) {
    requireValid(name);
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** {@code "schema"."name"}. */
  public static String qualified(String schema, String name) {
    return quote(schema) + '.' + quote(name);
  }

  /** Heroku Connect's column/table naming: the Salesforce API name in lower case. */
  public static String fromSalesforceName(String apiName) {
    return apiName.toLowerCase(Locale.ROOT);
  }

  /**
   * A name Ferry derives (index, trigger, function names such as {@code hcu_idx_<table>_<col>}):
   * unchanged when it fits; otherwise cut and suffixed with a hash of the full name, so two long
   * names never collide after Postgres' truncation.
   */
  public static String fitted(String name) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_BYTES) return name;
    CRC32 crc = new CRC32();
    crc.update(bytes);
    String suffix = String.format("_%08x", crc.getValue());
    StringBuilder head = new StringBuilder();
    int used = 0;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (used + len > MAX_BYTES - suffix.length()) break;
      head.appendCodePoint(cp);
      used += len;
      i += Character.charCount(cp);
    }
    return head + suffix;
  }

  private static String printable(String s) {
    return "'" + s.replace("\0", "\\0") + "'";
  }
}

package dev.ferry.core.model;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Salesforce API names of objects and fields, as Ferry accepts them from configuration and from
 * describe: what Salesforce allows (an ASCII letter, then letters, digits and underscores; no
 * trailing underscore) and what fits Heroku Connect's Postgres contract (the lower-cased name is
 * the table or column name, so at most {@value PgIdentifiers#MAX_BYTES} characters). Anything else
 * — quotes, semicolons, spaces, dots, slashes — cannot be a Salesforce name and is refused before
 * it reaches a URL, a SOQL query or SQL.
 */
public final class SalesforceNames {
  private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  private SalesforceNames() {}

  /**
   * What is wrong with {@code name} as an object or field API name ({@code what}: "object",
   * "field"), or null when it is usable.
   */
  public static @Nullable String problem(String what, @Nullable String name) {
    if (name == null || name.isEmpty()) return what + " name must not be empty";
    if (!API_NAME.matcher(name).matches() || name.endsWith("_")) {
      return "'"
          + printable(name)
          + "' is not a Salesforce "
          + what
          + " API name (a letter, then letters, digits and underscores)";
    }
    if (name.length() > PgIdentifiers.MAX_BYTES) {
      return "'"
          + name
          + "' has "
          + name.length()
          + " characters; as a PostgreSQL "
          + (what.equals("object") ? "table" : "column")
          + " name it may have at most "
          + PgIdentifiers.MAX_BYTES;
    }
    return null;
  }

  /** Shows control characters escaped, so an error message stays one readable line. */
  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints()
        .forEach(cp -> {
          if (cp < 0x20 || cp == 0x7f) b.append(String.format("\\u%04x", cp));
          else b.appendCodePoint(cp);
        });
    return b.toString();
  }
}

package dev.ferry.store.internal;

import dev.ferry.core.model.PgIdentifiers;

/** Building blocks for SQL text: every identifier quoted, every literal escaped. */
public final class Sql {
  private Sql() {}

  /** A quoted identifier. */
  public static String id(String name) {
    return PgIdentifiers.quote(name);
  }

  /** {@code "schema"."name"}. */
  public static String qualified(String schema, String name) {
    return PgIdentifiers.qualified(schema, name);
  }

  /**
   * A string literal. Relies on {@code standard_conforming_strings = on} (the default since
   * PostgreSQL 9.1), under which backslashes are ordinary characters.
   */
  public static String literal(String value) {
    if (value.indexOf('\0') >= 0) throw new IllegalArgumentException("NUL in SQL literal");
    return "'" + value.replace("'", "''") + "'";
  }

  /** Dollar-quotes a function body with a tag the body does not contain. */
  public static String dollarQuoted(String body) {
    String tag = "$ferry$";
    for (int i = 0; body.contains(tag); i++) tag = "$ferry" + i + "$";
    return tag + body + tag;
  }
}

package dev.ferry.core.model;

import java.util.Locale;

/** A mapping's direction, spelled as in Heroku Connect's config JSON. */
public enum Access {
  /** Salesforce → Postgres only; app changes are logged as READONLY and never sent. */
  READ_ONLY,
  /** Both ways; app changes are logged as NEW and written to Salesforce. */
  READ_WRITE;

  /** {@code read_only} / {@code read_write}. */
  public String jsonValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code read_only} / {@code read_write}; throws naming the bad value. */
  public static Access fromJson(String value) {
    for (Access a : values()) {
      if (a.jsonValue().equals(value)) return a;
    }
    throw new IllegalArgumentException(
        "access must be \"read_only\" or \"read_write\", got \"" + value + "\"");
  }
}

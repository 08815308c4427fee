package dev.ferry.core.model;

/** Which Postgres types numbers and datetimes get. */
public enum TypeMode {
  /**
   * Heroku Connect's types (the default, and what applications written for it expect): {@code
   * double precision} for double/currency/percent, {@code timestamp without time zone} (UTC) for
   * datetimes.
   */
  HEROKU_CONNECT,
  /** {@code numeric(precision, scale)} for double/currency/percent, {@code timestamptz}. */
  EXACT
}

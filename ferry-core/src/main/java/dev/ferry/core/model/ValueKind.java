package dev.ferry.core.model;

/** How a Salesforce text value becomes a Postgres value of a column. */
public enum ValueKind {
  TEXT,
  BOOLEAN,
  INTEGER,
  BIGINT,
  DOUBLE,
  NUMERIC,
  DATE,
  /** {@code timestamp without time zone} holding UTC (Heroku Connect's choice). */
  TIMESTAMP,
  /** {@code timestamptz} (the exact-types option). */
  TIMESTAMPTZ,
  TIME
}

package dev.ferry.core.error;

import org.jspecify.annotations.Nullable;

/** Implemented by every exception that reports a failed Postgres operation. */
public interface DatabaseFailure {
  /** What Ferry was doing, with the ids a human needs ("merge into salesforce.contact ..."). */
  String operation();

  /** The driver's SQLState, or null when the failure happened below SQL. */
  @Nullable String sqlState();
}

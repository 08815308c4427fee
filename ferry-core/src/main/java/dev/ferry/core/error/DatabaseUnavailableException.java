package dev.ferry.core.error;

import org.jspecify.annotations.Nullable;

/**
 * Postgres cannot serve the operation now (connection lost or refused, server shutting down,
 * serialization failure, deadlock, too many connections); the same operation may succeed later. The
 * engine turns this into DB_UNAVAILABLE and resumes when the database is back.
 */
public class DatabaseUnavailableException extends RetriableException implements DatabaseFailure {
  private final String operation;
  private final @Nullable String sqlState;

  public DatabaseUnavailableException(
      String operation, @Nullable String sqlState, String message, Throwable cause) {
    super(
        operation + ": " + message + (sqlState == null ? "" : " (SQLState " + sqlState + ")"),
        cause);
    this.operation = operation;
    this.sqlState = sqlState;
  }

  @Override
  public String operation() {
    return operation;
  }

  @Override
  public @Nullable String sqlState() {
    return sqlState;
  }
}

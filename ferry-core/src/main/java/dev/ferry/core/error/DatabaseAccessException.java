package dev.ferry.core.error;

import org.jspecify.annotations.Nullable;

/**
 * Postgres refused Ferry's credentials or privileges (SQLState class 28, 42501); retrying cannot
 * help.
 */
public class DatabaseAccessException extends PermanentException implements DatabaseFailure {
  private final String operation;
  private final @Nullable String sqlState;

  public DatabaseAccessException(
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

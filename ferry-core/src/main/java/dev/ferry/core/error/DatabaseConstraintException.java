package dev.ferry.core.error;

import org.jspecify.annotations.Nullable;

/**
 * A row violates a constraint (SQLState class 23): the record is rejected, the rest of the work can
 * go on.
 */
public class DatabaseConstraintException extends PermanentException implements DatabaseFailure {
  private final String operation;
  private final @Nullable String sqlState;

  public DatabaseConstraintException(
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

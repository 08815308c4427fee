package dev.ferry.core.error;

import org.jspecify.annotations.Nullable;

/**
 * Any other Postgres failure (bad SQL, data that does not fit a column, a missing object): a bug or
 * a schema change by hand; see the message.
 */
public class DatabaseException extends PermanentException implements DatabaseFailure {
  private final String operation;
  private final @Nullable String sqlState;

  public DatabaseException(
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

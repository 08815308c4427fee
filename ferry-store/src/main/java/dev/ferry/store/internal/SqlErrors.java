package dev.ferry.store.internal;

import dev.ferry.core.error.DatabaseAccessException;
import dev.ferry.core.error.DatabaseConstraintException;
import dev.ferry.core.error.DatabaseException;
import dev.ferry.core.error.DatabaseUnavailableException;
import dev.ferry.core.error.FerryException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Classifies Postgres failures at the store's edge (engineering §3.4): retriable when the same
 * operation may succeed later, permanent otherwise, a rejected record for constraint violations.
 */
public final class SqlErrors {
  /** serialization_failure, deadlock_detected, admin/crash/cannot-connect-now shutdowns. */
  private static final Set<String> RETRIABLE_STATES =
      Set.of("40001", "40P01", "57P01", "57P02", "57P03", "53300", "55P03");

  private SqlErrors() {}

  /** The Ferry exception for {@code e} raised while doing {@code operation}. */
  public static FerryException classify(String operation, SQLException e) {
    String state = sqlState(e);
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (isRetriable(e, state)) {
      return new DatabaseUnavailableException(operation, state, message, e);
    }
    if (state != null && (state.startsWith("28") || state.equals("42501"))) {
      return new DatabaseAccessException(operation, state, message, e);
    }
    if (state != null && state.startsWith("23")) {
      return new DatabaseConstraintException(operation, state, message, e);
    }
    return new DatabaseException(operation, state, message, e);
  }

  private static boolean isRetriable(SQLException e, @Nullable String state) {
    if (state != null && (state.startsWith("08") || RETRIABLE_STATES.contains(state))) return true;
    // Pool timeouts (Hikari) and lost connections without a state.
    return e instanceof SQLTransientException || e instanceof SQLRecoverableException;
  }

  /** The first SQLState in the chain (pgjdbc sometimes wraps the server's error). */
  static @Nullable String sqlState(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) return s.getSQLState();
    }
    return null;
  }
}

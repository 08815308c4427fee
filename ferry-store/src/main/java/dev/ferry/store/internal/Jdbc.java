package dev.ferry.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Runs units of work in one transaction, classifying failures. */
public final class Jdbc {
  private final DataSource dataSource;

  public Jdbc(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** Work on a connection inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in a transaction (as Ferry: {@code xmlbinary = 'hex'} for its duration, so
   * nothing it writes is captured) and commits; rolls back and classifies on failure.
   */
  public <T> T inTransaction(String operation, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        asFerry(c);
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        restoreAutoCommit(c, auto);
      }
    } catch (SQLException e) {
      throw SqlErrors.classify(operation, e);
    }
  }

  /** Marks the current transaction as Ferry's own writes ({@code SET LOCAL xmlbinary = 'hex'}). */
  public static void asFerry(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET LOCAL xmlbinary = 'hex'");
    }
  }

  public static void rollbackQuietly(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException r) {
      cause.addSuppressed(r);
    }
  }

  private static void restoreAutoCommit(Connection c, boolean auto) {
    try {
      if (!c.isClosed()) c.setAutoCommit(auto);
    } catch (SQLException ignored) {
      // the connection is broken; the pool will discard it
    }
  }
}

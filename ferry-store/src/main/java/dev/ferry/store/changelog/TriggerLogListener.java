package dev.ferry.store.changelog;

import static dev.ferry.store.internal.Sql.id;

import dev.ferry.core.port.ChangeLog;
import dev.ferry.store.internal.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** A LISTEN session holding one connection until closed. */
final class TriggerLogListener implements ChangeLog.Wakeups {
  private final Connection connection;
  private final PGConnection pg;
  private final String channel;

  TriggerLogListener(DataSource dataSource, String channel) {
    this.channel = channel;
    Connection c = null;
    try {
      c = dataSource.getConnection();
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute("LISTEN " + id(channel));
      }
      this.pg = c.unwrap(PGConnection.class);
    } catch (SQLException e) {
      closeQuietly(c);
      throw SqlErrors.classify("listen on " + channel, e);
    }
    this.connection = c;
  }

  @Override
  public boolean await(Duration timeout) {
    try {
      PGNotification[] n =
          pg.getNotifications((int) Math.max(1, Math.min(timeout.toMillis(), Integer.MAX_VALUE)));
      if (n == null || n.length == 0) return false;
      // Drain what else arrived, so one ping wakes the writer once.
      while ((n = pg.getNotifications(1)) != null && n.length > 0) {
        // keep draining
      }
      return true;
    } catch (SQLException e) {
      throw SqlErrors.classify("wait for notifications on " + channel, e);
    }
  }

  @Override
  public void close() {
    try (Statement s = connection.createStatement()) {
      s.execute("UNLISTEN *");
    } catch (SQLException ignored) {
      // the connection may be broken; closing it is all that is left
    }
    closeQuietly(connection);
  }

  private static void closeQuietly(Connection c) {
    if (c == null) return;
    try {
      c.close();
    } catch (SQLException ignored) {
      // nothing left to do
    }
  }
}

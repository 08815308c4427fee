package dev.ferry.testkit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension giving a test class its own fresh PostgreSQL database.
 *
 * <pre>{@code
 * @RegisterExtension static final PostgresExtension PG = new PostgresExtension();
 * ... PG.dataSource() ... PG.jdbcUrl() ... PG.hikariConfig() ...
 * }</pre>
 *
 * <ul>
 *   <li>One server per JVM ({@link PostgresServer#get()}): embedded PostgreSQL 18, or the server
 *       named by {@code FERRY_TEST_JDBC_URL}.
 *   <li>A new database per test class, dropped after the class.
 *   <li>Every connection handed out runs with session time zone {@link #SESSION_TIME_ZONE} (+05:45,
 *       distinct from UTC and from the tests' JVM zone) so time-zone bugs show up.
 *   <li>{@link #server()} can stop and restart the embedded server for outage tests.
 * </ul>
 *
 * Register it as a static field: it works per class, not per test.
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback {
  /** Session time zone of every connection from this extension. */
  public static final String SESSION_TIME_ZONE = "Asia/Kathmandu";

  private String database;
  private HikariDataSource dataSource;
  private AutoCloseable restartHook;

  @Override
  public void beforeAll(ExtensionContext context) {
    PostgresServer server = PostgresServer.get();
    if (server.isEmbedded() && !server.isRunning()) server.start(); // a previous class left it down
    database = server.createDatabase(context.getRequiredTestClass().getSimpleName());
    dataSource = new HikariDataSource(hikariConfig());
    // Connections of this pool die with a stopped server; drop them when it is back.
    HikariDataSource pool = dataSource;
    restartHook = server.onStart(() -> pool.getHikariPoolMXBean().softEvictConnections());
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (restartHook != null) restartHook.close();
    if (dataSource != null) dataSource.close();
    if (database != null) PostgresServer.get().dropDatabase(database);
    dataSource = null;
    database = null;
  }

  /** A pool (at most 10 connections) on this class's database. */
  public DataSource dataSource() {
    requireStarted();
    return dataSource;
  }

  /** JDBC URL of this class's database, credentials included. */
  public String jdbcUrl() {
    requireStarted();
    return PostgresServer.get().jdbcUrl(database);
  }

  public String databaseName() {
    requireStarted();
    return database;
  }

  /**
   * A fresh pool configuration for this class's database with the test session time zone set by
   * {@code connectionInitSql}; callers that add their own init SQL must keep it (append to it).
   */
  public HikariConfig hikariConfig() {
    requireStarted();
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(PostgresServer.get().jdbcUrl(database));
    c.setMaximumPoolSize(10);
    c.setMinimumIdle(0);
    c.setConnectionTimeout(10_000);
    c.setPoolName("test-" + database);
    c.setConnectionInitSql("SET TIME ZONE '" + SESSION_TIME_ZONE + "'");
    return c;
  }

  /**
   * The shared server, e.g. to {@link PostgresServer#stop()} and {@link PostgresServer#start()}.
   */
  public static PostgresServer server() {
    return PostgresServer.get();
  }

  private void requireStarted() {
    if (database == null) {
      throw new IllegalStateException(
          "PostgresExtension is not active: register it as a static @RegisterExtension field");
    }
  }
}

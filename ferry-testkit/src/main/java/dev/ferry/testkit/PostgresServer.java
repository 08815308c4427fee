package dev.ferry.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one PostgreSQL server of this JVM's tests: the machine's server named by {@code
 * FERRY_TEST_JDBC_URL} (environment variable or system property), or else an embedded PostgreSQL 18
 * (zonky) started on first use. Embedded, it can be stopped and started again on the same port and
 * data directory, so database-outage tests can cut the database away and bring it back.
 */
public final class PostgresServer {
  /** Environment variable (or system property) naming an existing server to use instead. */
  public static final String JDBC_URL_VARIABLE = "FERRY_TEST_JDBC_URL";

  private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
  private static final AtomicInteger databaseCounter = new AtomicInteger();
  private static PostgresServer instance;

  private final java.util.Set<Runnable> restartListeners =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final String externalUrl;
  private final Path dataDirectory;
  private int port;
  private EmbeddedPostgres embedded;

  private PostgresServer(String externalUrl, Path dataDirectory) {
    this.externalUrl = externalUrl;
    this.dataDirectory = dataDirectory;
  }

  /** The shared server, started lazily. */
  public static synchronized PostgresServer get() {
    if (instance == null) {
      String url = System.getProperty(JDBC_URL_VARIABLE, System.getenv(JDBC_URL_VARIABLE));
      if (url != null && !url.isBlank()) {
        instance = new PostgresServer(url, null);
        log.info("tests use the PostgreSQL server at {}", withoutPassword(url));
      } else {
        instance = new PostgresServer(null, createDataDirectory());
        instance.start();
        Runtime.getRuntime().addShutdownHook(new Thread(instance::shutdown, "embedded-pg-stop"));
      }
    }
    return instance;
  }

  /** True when this server is the embedded one (and so can be stopped and restarted). */
  public boolean isEmbedded() {
    return externalUrl == null;
  }

  /** JDBC URL of a database on this server (user and password included). */
  public String jdbcUrl(String database) {
    if (!isEmbedded()) return replaceDatabase(externalUrl, database);
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
  }

  /** Creates a fresh, uniquely named database and returns its name. */
  public String createDatabase(String hint) {
    String base = hint.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    if (base.length() > 40) base = base.substring(0, 40);
    String name = "ferry_" + base + "_" + ProcessHandle.current().pid() + "_" + next();
    try (Connection c = adminConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
      // Psql sessions and pools without their own setting see a non-UTC zone too.
      s.execute(
          "ALTER DATABASE "
              + name
              + " SET timezone TO '"
              + PostgresExtension.SESSION_TIME_ZONE
              + "'");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return name;
  }

  /** Drops a database created by {@link #createDatabase}, ending its sessions. */
  public void dropDatabase(String name) {
    try (Connection c = adminConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      log.warn("cannot drop test database {}: {}", name, e.getMessage());
    }
  }

  /** Stops the embedded server (fast shutdown: open sessions are cut). Data is kept. */
  public synchronized void stop() {
    requireEmbedded("stop");
    if (embedded == null) return;
    try {
      embedded.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop embedded PostgreSQL", e);
    }
    embedded = null;
    log.info("embedded PostgreSQL stopped (port {})", port);
  }

  /** Starts the embedded server again on the same port and data directory; no-op if running. */
  public synchronized void start() {
    requireEmbedded("start");
    if (embedded != null) return;
    long t0 = System.nanoTime();
    try {
      EmbeddedPostgres.Builder b =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(false)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setLocaleConfig("encoding", "UTF8")
              .setLocaleConfig("locale", "C")
              // Test data is disposable: trade durability for speed.
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("full_page_writes", "off")
              .setServerConfig("max_connections", "200");
      if (port != 0) b.setPort(port);
      embedded = b.start();
      port = embedded.getPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDirectory, e);
    }
    log.info(
        "embedded PostgreSQL started on port {} in {} ms",
        port,
        (System.nanoTime() - t0) / 1_000_000);
    restartListeners.forEach(Runnable::run);
  }

  /**
   * Runs {@code listener} after every (re)start, e.g. to evict a pool's connections that died with
   * the previous server process. Returns a handle that unregisters it.
   */
  public AutoCloseable onStart(Runnable listener) {
    restartListeners.add(listener);
    return () -> restartListeners.remove(listener);
  }

  /** True when the server accepts connections now. */
  public boolean isRunning() {
    try (Connection c = adminConnection()) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  public int port() {
    return isEmbedded() ? port : URI.create(externalUrl.substring(5)).getPort();
  }

  private Connection adminConnection() throws SQLException {
    return DriverManager.getConnection(
        isEmbedded() ? jdbcUrl("postgres") : replaceDatabase(externalUrl, "postgres"));
  }

  private void requireEmbedded(String what) {
    if (!isEmbedded()) {
      throw new IllegalStateException(
          "cannot "
              + what
              + " the server named by "
              + JDBC_URL_VARIABLE
              + "; only the embedded one");
    }
  }

  private void shutdown() {
    try {
      stop();
    } catch (RuntimeException e) {
      log.warn("embedded PostgreSQL did not stop cleanly", e);
    }
    try (Stream<Path> files = Files.walk(dataDirectory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: the directory is under the temp dir
    }
  }

  private static int next() {
    return databaseCounter.incrementAndGet();
  }

  private static Path createDataDirectory() {
    try {
      return Files.createTempDirectory("ferry-pg-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a data directory for embedded PostgreSQL", e);
    }
  }

  /** jdbc:postgresql://host:port/db?params with db replaced. */
  static String replaceDatabase(String url, String database) {
    int slash = url.indexOf('/', "jdbc:postgresql://".length());
    if (slash < 0)
      throw new IllegalArgumentException("not a jdbc:postgresql URL with a path: " + url);
    int query = url.indexOf('?', slash);
    return url.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
  }

  private static String withoutPassword(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }
}

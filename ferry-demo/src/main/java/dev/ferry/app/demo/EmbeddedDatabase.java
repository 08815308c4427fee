package dev.ferry.app.demo;

import dev.ferry.app.config.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The demo's PostgreSQL when DATABASE_URL is unset: an embedded PostgreSQL 18 (zonky) in a fresh
 * temporary directory, gone when the demo stops. Durability is traded for speed (fsync off): it
 * holds nothing that must survive.
 */
final class EmbeddedDatabase implements AutoCloseable {
  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static EmbeddedDatabase start() {
    try {
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setCleanDataDirectory(true)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setLocaleConfig("encoding", "UTF8")
              .setLocaleConfig("locale", "C")
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("full_page_writes", "off")
              .setServerConfig("max_connections", "100")
              .start();
      return new EmbeddedDatabase(pg);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start the embedded PostgreSQL (set DATABASE_URL to use a server instead)", e);
    }
  }

  DatabaseUrl url() {
    return DatabaseUrl.parse(
        "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres");
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the embedded PostgreSQL", e);
    }
  }
}

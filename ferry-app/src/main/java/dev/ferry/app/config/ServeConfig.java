package dev.ferry.app.config;

import dev.ferry.app.log.LogFormat;
import dev.ferry.app.log.LogLevel;
import dev.ferry.core.config.Settings;
import dev.ferry.core.control.SalesforceCredentials;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The app's own settings, typed, once resolved. The engine's and the client's settings stay in
 * {@link #settings()} for their modules to read.
 *
 * @param apiToken null: generate one at start
 * @param secretKey null: use (or generate) the keyset file in {@code dataDir}
 */
public record ServeConfig(
    Settings settings,
    String host,
    int port,
    DatabaseUrl database,
    int poolSize,
    String schema,
    @Nullable String apiToken,
    @Nullable String secretKey,
    Path dataDir,
    String connectionName,
    Optional<SalesforceCredentials> envCredentials,
    LogFormat logFormat,
    LogLevel logLevel) {

  /** The check {@code ferry serve} adds: it needs a database. */
  public static final ConfigCheck DATABASE_REQUIRED =
      sources ->
          sources.isSet(AppSettings.DATABASE_URL)
              ? java.util.List.of()
              : java.util.List.of(
                  "DATABASE_URL (or --database-url) is required: the PostgreSQL to sync into, e.g."
                      + " postgres://user:password@localhost:5432/mydb");

  /**
   * @param database the database to use when DATABASE_URL is unset (the demo's embedded one)
   */
  public static ServeConfig from(Settings s, @Nullable DatabaseUrl database) {
    DatabaseUrl db = s.get(AppSettings.DATABASE_URL);
    if (db == null) db = database;
    if (db == null) throw new IllegalStateException("no database: check DATABASE_REQUIRED first");
    return new ServeConfig(
        s,
        s.get(AppSettings.HOST),
        s.get(AppSettings.PORT),
        db,
        s.get(AppSettings.DATABASE_POOL_SIZE),
        s.get(AppSettings.SCHEMA),
        s.get(AppSettings.API_TOKEN),
        s.get(AppSettings.SECRET_KEY),
        expandHome(s.get(AppSettings.DATA_DIR)),
        s.get(AppSettings.CONNECTION_NAME),
        EnvConnection.credentials(s),
        s.get(AppSettings.LOG_FORMAT),
        s.get(AppSettings.LOG_LEVEL));
  }

  static Path expandHome(String dir) {
    if (dir.equals("~")) return Path.of(System.getProperty("user.home"));
    if (dir.startsWith("~/")) return Path.of(System.getProperty("user.home"), dir.substring(2));
    return Path.of(dir);
  }

  @Override
  public String toString() {
    // Records print every component; this one holds the token and the credentials.
    return "ServeConfig[" + host + ":" + port + ", " + database + ", schema=" + schema + "]";
  }
}

package dev.ferry.app.config;

import dev.ferry.app.log.LogFormat;
import dev.ferry.app.log.LogLevel;
import dev.ferry.core.config.Setting;
import dev.ferry.core.config.Setting.Checks;
import java.util.List;

/**
 * The settings the executable itself declares (server, database, security, the connection from the
 * environment, logging). Each is declared once here; {@link FerrySettings#all()} adds the engine's
 * and the Salesforce client's, and {@code docs/configuration.md} is generated from them.
 */
public final class AppSettings {
  private AppSettings() {}

  static final String SERVER = "Server";
  static final String DATABASE = "Database";
  static final String SECURITY = "Security";
  static final String CONNECTION = "Salesforce connection from the environment";
  static final String LOGGING = "Logging";
  static final String CLI = "Command-line client";

  /** Salesforce login URL used when FERRY_SF_LOGIN_URL is unset. */
  public static final String DEFAULT_SF_LOGIN_URL = "https://login.salesforce.com";

  // ---- server

  public static final Setting<String> HOST =
      Setting.string("ferry.server.host", "FERRY_HOST")
          .group(SERVER)
          .defaultValue("127.0.0.1")
          .validate(Checks.matches("[A-Za-z0-9.:\\[\\]_-]{1,253}", "a host name or IP address"))
          .doc(
              "Interface the management API listens on (flag --host). The default keeps it on this"
                  + " machine; use 0.0.0.0 to serve other hosts (always behind TLS).")
          .build();

  public static final Setting<Integer> PORT =
      Setting.integer("ferry.server.port", "FERRY_PORT")
          .group(SERVER)
          .defaultValue(8080)
          .validate(Checks.between(0, 65535))
          .doc("TCP port of the management API (flag --port); 0 picks a free port.")
          .build();

  // ---- database

  public static final Setting<DatabaseUrl> DATABASE_URL =
      new Setting<>(
          "ferry.database.url",
          "DATABASE_URL",
          DATABASE,
          "postgres:// or jdbc:postgresql:// URL",
          null,
          false,
          true,
          "PostgreSQL holding the synced schema and Ferry's control schema (flag --database-url):"
              + " postgres://user:password@host:5432/db (Heroku style) or a jdbc:postgresql:// URL."
              + " Required by `ferry serve`; `ferry demo` starts an embedded PostgreSQL when unset.",
          DatabaseUrl::parse,
          Setting.Validator.any());

  public static final Setting<Integer> DATABASE_POOL_SIZE =
      Setting.integer("ferry.database.pool-size", "FERRY_DATABASE_POOL_SIZE")
          .group(DATABASE)
          .defaultValue(20)
          .validate(Checks.between(4, 500))
          .doc(
              "Connections in Ferry's pool. Polls (FERRY_WORKER_THREADS), secondary polls, the"
                  + " scheduler and the API share it; keep it above the worker threads.")
          .build();

  public static final Setting<String> SCHEMA =
      Setting.string("ferry.schema", "FERRY_SCHEMA")
          .group(DATABASE)
          .defaultValue("salesforce")
          .validate(Checks.matches("[a-z_][a-z0-9_]{0,62}", "a lower-case PostgreSQL identifier"))
          .doc("Schema of the connection from the environment (Heroku Connect's schema_name).")
          .build();

  // ---- security

  public static final Setting<String> API_TOKEN =
      Setting.string("ferry.api.token", "FERRY_API_TOKEN")
          .group(SECURITY)
          .secret()
          .validate(v -> v.length() < 16 ? "must have at least 16 characters" : null)
          .doc(
              "Bearer token the management API requires (`Authorization: Bearer ...`). When unset,"
                  + " `ferry serve` generates one at start and prints it (not to the logs).")
          .build();

  public static final Setting<String> METRICS_TOKEN =
      Setting.string("ferry.metrics.token", "FERRY_METRICS_TOKEN")
          .group(SECURITY)
          .secret()
          .validate(v -> v.length() < 16 ? "must have at least 16 characters" : null)
          .doc(
              "Bearer token that may read `GET /metrics` (Prometheus: `authorization:"
                  + " {credentials: ...}`) and nothing else; the API token is accepted there too."
                  + " When unset, /metrics requires FERRY_API_TOKEN. See docs/metrics.md.")
          .build();

  public static final Setting<String> SECRET_KEY =
      Setting.string("ferry.secret-key", "FERRY_SECRET_KEY")
          .group(SECURITY)
          .secret()
          .doc(
              "Tink AEAD keyset (JSON, or that JSON base64-encoded) that encrypts Salesforce"
                  + " credentials at rest; create one with `ferry keyset generate`. When unset, a"
                  + " keyset is generated once in FERRY_DATA_DIR and a warning is logged; every"
                  + " process sharing a database needs the same key. See docs/security.md.")
          .build();

  public static final Setting<String> DATA_DIR =
      Setting.string("ferry.data-dir", "FERRY_DATA_DIR")
          .group(SECURITY)
          .defaultValue("~/.ferry")
          .doc(
              "Directory for files Ferry generates (the fallback keyset); ~ is the home directory.")
          .build();

  // ---- the connection from the environment

  public static final Setting<String> CONNECTION_NAME =
      Setting.string("ferry.connection.name", "FERRY_CONNECTION_NAME")
          .group(CONNECTION)
          .defaultValue("default")
          .validate(Checks.matches("[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}", "1-100 characters"))
          .doc("Name of the connection created from the FERRY_SF_* variables.")
          .build();

  public static final Setting<String> SF_LOGIN_URL =
      Setting.string("ferry.sf.login-url", "FERRY_SF_LOGIN_URL")
          .group(CONNECTION)
          .defaultValue(DEFAULT_SF_LOGIN_URL)
          .validate(Checks.matches("https?://[^\\s/]+(/.*)?", "an http(s) URL"))
          .doc(
              "Where the connection logs in: https://login.salesforce.com,"
                  + " https://test.salesforce.com (sandboxes), the org's My Domain, or an emulator.")
          .build();

  public static final Setting<String> SF_CLIENT_ID =
      Setting.string("ferry.sf.client-id", "FERRY_SF_CLIENT_ID")
          .group(CONNECTION)
          .doc(
              "Connected app consumer key. Setting it (with one of the flows below) makes `ferry"
                  + " serve` create or re-authorize the connection at start.")
          .build();

  public static final Setting<String> SF_CLIENT_SECRET =
      Setting.string("ferry.sf.client-secret", "FERRY_SF_CLIENT_SECRET")
          .group(CONNECTION)
          .secret()
          .doc("Connected app consumer secret (needed by the username-password flow).")
          .build();

  public static final Setting<String> SF_USERNAME =
      Setting.string("ferry.sf.username", "FERRY_SF_USERNAME")
          .group(CONNECTION)
          .doc("Salesforce user, for the username-password and JWT bearer flows.")
          .build();

  public static final Setting<String> SF_PASSWORD =
      Setting.string("ferry.sf.password", "FERRY_SF_PASSWORD")
          .group(CONNECTION)
          .secret()
          .doc("Password followed by the security token if the org needs one (username-password).")
          .build();

  public static final Setting<String> SF_REFRESH_TOKEN =
      Setting.string("ferry.sf.refresh-token", "FERRY_SF_REFRESH_TOKEN")
          .group(CONNECTION)
          .secret()
          .doc("OAuth refresh token (refresh-token flow).")
          .build();

  public static final Setting<String> SF_JWT_KEY_FILE =
      Setting.string("ferry.sf.jwt-key-file", "FERRY_SF_JWT_KEY_FILE")
          .group(CONNECTION)
          .doc(
              "PEM file with the private key whose certificate the connected app holds (JWT bearer"
                  + " flow, with FERRY_SF_USERNAME).")
          .build();

  // ---- logging

  public static final Setting<LogFormat> LOG_FORMAT =
      Setting.enumValue("ferry.log.format", "FERRY_LOG_FORMAT", LogFormat.class)
          .group(LOGGING)
          .defaultValue(LogFormat.LOGFMT)
          .doc(
              "logfmt (Heroku Connect's `event=\"...\" ... level=info` lines) or json (one object"
                  + " per line). Logs go to standard error.")
          .build();

  public static final Setting<LogLevel> LOG_LEVEL =
      Setting.enumValue("ferry.log.level", "FERRY_LOG_LEVEL", LogLevel.class)
          .group(LOGGING)
          .defaultValue(LogLevel.INFO)
          .doc("Lowest level logged.")
          .build();

  // ---- the command-line client (ferry info, ferry pause, ...; docs/cli.md)

  public static final Setting<String> CLI_URL =
      Setting.string("ferry.cli.url", "FERRY_URL")
          .group(CLI)
          .defaultValue("http://127.0.0.1:8080")
          .validate(Checks.matches("https?://[^\\s/]+(/.*)?", "an http(s) URL"))
          .doc(
              "Where the connection commands (`ferry info`, `ferry pause`, ...; flag --url) find a"
                  + " running `ferry serve`. They send FERRY_API_TOKEN (flag --token) as the bearer"
                  + " token.")
          .build();

  public static List<Setting<?>> all() {
    return List.of(
        HOST,
        PORT,
        DATABASE_URL,
        DATABASE_POOL_SIZE,
        SCHEMA,
        API_TOKEN,
        METRICS_TOKEN,
        SECRET_KEY,
        DATA_DIR,
        CONNECTION_NAME,
        SF_LOGIN_URL,
        SF_CLIENT_ID,
        SF_CLIENT_SECRET,
        SF_USERNAME,
        SF_PASSWORD,
        SF_REFRESH_TOKEN,
        SF_JWT_KEY_FILE,
        LOG_FORMAT,
        LOG_LEVEL,
        CLI_URL);
  }
}

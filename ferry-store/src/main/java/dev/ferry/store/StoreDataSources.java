package dev.ferry.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Builds Ferry's connection pools. Every connection sets {@code xmlbinary = 'hex'}: that is how
 * Heroku Connect's triggers tell Ferry's writes (never captured, rows end {@code SYNCED}) from an
 * application's ({@code base64}, the server default). Never put a transaction pooler (pgbouncer)
 * between Ferry and Postgres: it would lose this session setting and LISTEN.
 */
public final class StoreDataSources {
  /** The session setting that marks Ferry's own connections. */
  public static final String FERRY_SESSION_SQL = "SET xmlbinary = 'hex'";

  private StoreDataSources() {}

  /**
   * Adds Ferry's session setting to {@code config} (after any init SQL it already has) and opens
   * the pool.
   */
  public static HikariDataSource pooled(HikariConfig config) {
    String init = config.getConnectionInitSql();
    config.setConnectionInitSql(
        init == null || init.isBlank() ? FERRY_SESSION_SQL : init + "; " + FERRY_SESSION_SQL);
    return new HikariDataSource(config);
  }

  /** A pool on {@code jdbcUrl} with {@code maxConnections} connections. */
  public static HikariDataSource pooled(String jdbcUrl, int maxConnections) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(jdbcUrl);
    c.setMaximumPoolSize(maxConnections);
    c.setPoolName("ferry");
    return pooled(c);
  }
}

package dev.ferry.app.wiring;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ferry.app.config.DatabaseUrl;
import dev.ferry.store.StoreDataSources;
import io.micrometer.core.instrument.MeterRegistry;

/** Ferry's connection pool on the configured database (sessions marked as Ferry's own). */
final class Database {
  private Database() {}

  /** Opens the pool; its metrics ({@code hikaricp_*}) go to {@code metrics}. */
  static HikariDataSource open(DatabaseUrl url, int poolSize, MeterRegistry metrics) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(url.jdbcUrl());
    if (url.user() != null) c.setUsername(url.user());
    if (url.password() != null) c.setPassword(url.password());
    c.setMaximumPoolSize(poolSize);
    c.setMinimumIdle(Math.min(2, poolSize));
    c.setConnectionTimeout(10_000);
    c.setPoolName("ferry");
    c.addDataSourceProperty("ApplicationName", "ferry");
    c.setMetricRegistry(metrics);
    return StoreDataSources.pooled(c);
  }
}

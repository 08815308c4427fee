package dev.ferry.engine.support;

import com.zaxxer.hikari.HikariDataSource;
import dev.ferry.engine.env.SyncStores;
import dev.ferry.store.JdbcStores;
import dev.ferry.store.StoreDataSources;
import dev.ferry.testkit.PostgresExtension;
import java.time.InstantSource;

/** Ferry's pool on a test database, the control schema migrated, and every store port. */
public final class TestStores implements AutoCloseable {
  public final HikariDataSource pool;
  public final JdbcStores jdbc;
  public final SyncStores sync;
  private final AutoCloseable restartHook;

  public TestStores(PostgresExtension pg, InstantSource clock) {
    this(pg, clock, 10);
  }

  public TestStores(PostgresExtension pg, InstantSource clock, int maxConnections) {
    com.zaxxer.hikari.HikariConfig config = pg.hikariConfig();
    config.setMaximumPoolSize(maxConnections);
    pool = StoreDataSources.pooled(config);
    // connections die with a stopped server; drop them when it is back
    restartHook =
        PostgresExtension.server().onStart(() -> pool.getHikariPoolMXBean().softEvictConnections());
    jdbc = new JdbcStores(pool, clock);
    jdbc.migrate();
    sync =
        new SyncStores(
            jdbc.connections(),
            jdbc.mappings(),
            jdbc.watermarks(),
            jdbc.tableSink(),
            jdbc.schemaAdmin(),
            jdbc.pollWindows(),
            jdbc.jobSlots(),
            jdbc.apiBudget(),
            jdbc.notifications());
  }

  @Override
  public void close() throws Exception {
    restartHook.close();
    pool.close();
  }
}

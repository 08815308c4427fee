package dev.ferry.engine.write;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ferry.core.config.Settings;
import dev.ferry.engine.FerryEngine;
import dev.ferry.engine.env.EngineSettings;
import dev.ferry.engine.env.SyncStores;
import dev.ferry.engine.support.MarkedSecretBox;
import dev.ferry.salesforce.HttpSalesforceConnector;
import dev.ferry.store.JdbcStores;
import dev.ferry.store.StoreDataSources;
import java.time.Duration;
import java.time.InstantSource;

/**
 * A Ferry process for the kill -9 tests: a full engine (db-scheduler, writer threads) on the test's
 * database, writing to the emulator named in the connection's stored credentials. It runs until it
 * is killed. Arguments: the JDBC URL.
 */
public final class WriterProcess {
  private WriterProcess() {}

  public static void main(String[] args) throws Exception {
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(args[0]);
    pool.setMaximumPoolSize(12);
    pool.setPoolName("writer-process");
    HikariDataSource ds = StoreDataSources.pooled(pool);
    JdbcStores jdbc = new JdbcStores(ds, InstantSource.system());
    jdbc.migrate();
    SyncStores stores =
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
    Settings settings =
        Settings.defaults(FerryEngine.settings())
            .with(EngineSettings.DRIFT_ENABLED, false)
            .with(EngineSettings.BULK_STATUS_POLL_MILLIS, 20)
            .with(EngineSettings.MIN_POLL_SECONDS, 1)
            .with(WriteSettings.DEBOUNCE_MILLIS, 0)
            .with(WriteSettings.RETRY_MILLIS, 100)
            .with(WriteSettings.RETRY_MAX, Duration.ofSeconds(1))
            .with(WriteSettings.SETTLE, Duration.ofSeconds(4))
            .with(WriteSettings.LEASE, Duration.ofSeconds(3))
            .with(WriteSettings.BULK_THRESHOLD, 1000)
            .with(WriteSettings.BULK_JOB_ROWS, 500);
    FerryEngine engine =
        FerryEngine.builder()
            .stores(stores)
            .dataSource(ds)
            .connector(new HttpSalesforceConnector(WriteHarness::clientSettings))
            .secretBox(new MarkedSecretBox())
            .settings(settings)
            .writeStores(new WriteStores(jdbc.triggerLogs(), jdbc.writeBatches()))
            .build();
    Runtime.getRuntime().addShutdownHook(new Thread(engine::stop));
    engine.start();
    System.out.println("WRITER READY");
    System.out.flush();
    Thread.currentThread().join();
  }
}

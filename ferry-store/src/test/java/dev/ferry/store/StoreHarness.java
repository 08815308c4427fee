package dev.ferry.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.model.TableSpec;
import dev.ferry.core.store.DeleteMode;
import dev.ferry.core.store.SinkTarget;
import dev.ferry.store.control.ControlSchema;
import dev.ferry.store.control.JdbcConnectionStore;
import dev.ferry.store.control.JdbcMappingStore;
import dev.ferry.store.control.JdbcWatermarkStore;
import dev.ferry.store.schema.JdbcSchemaAdmin;
import dev.ferry.store.sink.JdbcTableSink;
import dev.ferry.testkit.PostgresExtension;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;

/**
 * A store wired on a test database: Ferry's pool, the control schema migrated, one connection
 * bootstrapped, and helpers to map tables.
 */
public final class StoreHarness implements AutoCloseable {
  public final HikariDataSource ferryPool;
  public final Db app;
  public final Db ferry;
  public final JdbcSchemaAdmin schema;
  public final JdbcConnectionStore connections;
  public final JdbcMappingStore mappings;
  public final JdbcWatermarkStore watermarks;
  public final JdbcTableSink sink;
  public final ConnectionId connection;
  public final String schemaName;

  public StoreHarness(PostgresExtension pg, String schemaName, InstantSource clock) {
    this.schemaName = schemaName;
    ferryPool = StoreDataSources.pooled(pg.hikariConfig());
    app = new Db(pg.dataSource());
    ferry = new Db(ferryPool);
    ControlSchema.migrate(ferryPool);
    schema = new JdbcSchemaAdmin(ferryPool);
    connections = new JdbcConnectionStore(ferryPool, clock);
    mappings = new JdbcMappingStore(ferryPool, clock);
    watermarks = new JdbcWatermarkStore(ferryPool);
    sink = new JdbcTableSink(ferryPool, clock);
    connection = connections.create("test-" + schemaName, schemaName, Map.of()).id();
    schema.bootstrap(schemaName, null);
  }

  public StoreHarness(PostgresExtension pg, String schemaName) {
    this(pg, schemaName, InstantSource.fixed(Instant.parse("2024-06-01T00:00:00Z")));
  }

  /** Creates the mapping row and the table; returns the sink target. */
  public SinkTarget map(TableSpec table, MappingConfig config, DeleteMode deleteMode) {
    MappingId id = mappings.create(connection, table.objectName(), config).id();
    schema.createTable(schemaName, table);
    return new SinkTarget(id, schemaName, table, deleteMode);
  }

  /** Empties a mapped table between tests (not captured) and forgets the mapping's watermarks. */
  public void empty(SinkTarget target) {
    app.exec(
        "TRUNCATE "
            + dev.ferry.store.internal.Sql.qualified(target.schema(), target.table().tableName()));
    sink.beginReload(target);
    sink.endReload(target);
  }

  public dev.ferry.store.control.JdbcPollWindowStore pollWindowStore() {
    return new dev.ferry.store.control.JdbcPollWindowStore(
        ferryPool, () -> java.time.Instant.parse("2024-06-01T00:00:00Z"));
  }

  @Override
  public void close() {
    ferryPool.close();
  }
}

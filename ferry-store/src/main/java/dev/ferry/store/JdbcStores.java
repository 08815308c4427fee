package dev.ferry.store;

import dev.ferry.core.port.ApiBudgetStore;
import dev.ferry.core.port.ConnectionStore;
import dev.ferry.core.port.JobSlots;
import dev.ferry.core.port.MappingStore;
import dev.ferry.core.port.NotificationStore;
import dev.ferry.core.port.PollWindowStore;
import dev.ferry.core.port.SchemaAdmin;
import dev.ferry.core.port.TableSink;
import dev.ferry.core.port.TriggerLogs;
import dev.ferry.core.port.WatermarkStore;
import dev.ferry.core.port.WriteBatchStore;
import dev.ferry.store.changelog.JdbcTriggerLogs;
import dev.ferry.store.changelog.JdbcWriteBatchStore;
import dev.ferry.store.control.ControlSchema;
import dev.ferry.store.control.JdbcApiBudgetStore;
import dev.ferry.store.control.JdbcConnectionStore;
import dev.ferry.store.control.JdbcMappingStore;
import dev.ferry.store.control.JdbcNotificationStore;
import dev.ferry.store.control.JdbcPollWindowStore;
import dev.ferry.store.control.JdbcWatermarkStore;
import dev.ferry.store.schema.JdbcSchemaAdmin;
import dev.ferry.store.sink.JdbcTableSink;
import dev.ferry.store.slots.JdbcJobSlots;
import java.time.InstantSource;
import javax.sql.DataSource;

/**
 * Every store port on one database, for the composition root. The data source must be Ferry's (see
 * {@link StoreDataSources}); call {@link #migrate()} once at start.
 */
public final class JdbcStores {
  private final DataSource dataSource;
  private final InstantSource clock;
  private final SchemaAdmin schemaAdmin;
  private final ConnectionStore connections;
  private final MappingStore mappings;
  private final WatermarkStore watermarks;
  private final TableSink tableSink;
  private final JobSlots jobSlots;
  private final PollWindowStore pollWindows;
  private final ApiBudgetStore apiBudget;
  private final NotificationStore notifications;
  private final WriteBatchStore writeBatches;
  private final dev.ferry.core.port.CdcStore cdc;

  public JdbcStores(DataSource dataSource, InstantSource clock) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.schemaAdmin = new JdbcSchemaAdmin(dataSource);
    this.connections = new JdbcConnectionStore(dataSource, clock);
    this.mappings = new JdbcMappingStore(dataSource, clock);
    this.watermarks = new JdbcWatermarkStore(dataSource);
    this.tableSink = new JdbcTableSink(dataSource, clock);
    this.jobSlots = new JdbcJobSlots(dataSource, clock);
    this.pollWindows = new JdbcPollWindowStore(dataSource, clock);
    this.apiBudget = new JdbcApiBudgetStore(dataSource);
    this.notifications = new JdbcNotificationStore(dataSource, clock);
    this.writeBatches = new JdbcWriteBatchStore(dataSource);
    this.cdc = new dev.ferry.store.control.JdbcCdcStore(dataSource, clock);
  }

  /** Migrates Ferry's control schema (safe to call from every node). */
  public void migrate() {
    ControlSchema.migrate(dataSource);
  }

  /** Each connection schema's trigger log, by audience. */
  public TriggerLogs triggerLogs() {
    return new JdbcTriggerLogs(dataSource, clock);
  }

  public SchemaAdmin schemaAdmin() {
    return schemaAdmin;
  }

  public ConnectionStore connections() {
    return connections;
  }

  public MappingStore mappings() {
    return mappings;
  }

  public WatermarkStore watermarks() {
    return watermarks;
  }

  public TableSink tableSink() {
    return tableSink;
  }

  public JobSlots jobSlots() {
    return jobSlots;
  }

  public PollWindowStore pollWindows() {
    return pollWindows;
  }

  public ApiBudgetStore apiBudget() {
    return apiBudget;
  }

  public NotificationStore notifications() {
    return notifications;
  }

  /** Writes to Salesforce in flight (the write path's crash safety). */
  public WriteBatchStore writeBatches() {
    return writeBatches;
  }

  /** Change-event subscriptions per mapping (accelerated polling). */
  public dev.ferry.core.port.CdcStore cdc() {
    return cdc;
  }
}

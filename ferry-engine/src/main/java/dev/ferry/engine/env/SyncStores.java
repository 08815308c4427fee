package dev.ferry.engine.env;

import dev.ferry.core.port.ApiBudgetStore;
import dev.ferry.core.port.ConnectionStore;
import dev.ferry.core.port.JobSlots;
import dev.ferry.core.port.MappingStore;
import dev.ferry.core.port.NotificationStore;
import dev.ferry.core.port.PollWindowStore;
import dev.ferry.core.port.SchemaAdmin;
import dev.ferry.core.port.TableSink;
import dev.ferry.core.port.WatermarkStore;
import java.util.Objects;

/**
 * The Postgres side as the engine sees it: the store ports (ferry-store's JdbcStores has them all).
 */
public record SyncStores(
    ConnectionStore connections,
    MappingStore mappings,
    WatermarkStore watermarks,
    TableSink sink,
    SchemaAdmin schemaAdmin,
    PollWindowStore pollWindows,
    JobSlots jobSlots,
    ApiBudgetStore apiBudget,
    NotificationStore notifications) {

  public SyncStores {
    Objects.requireNonNull(connections, "connections");
    Objects.requireNonNull(mappings, "mappings");
    Objects.requireNonNull(watermarks, "watermarks");
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(schemaAdmin, "schemaAdmin");
    Objects.requireNonNull(pollWindows, "pollWindows");
    Objects.requireNonNull(jobSlots, "jobSlots");
    Objects.requireNonNull(apiBudget, "apiBudget");
    Objects.requireNonNull(notifications, "notifications");
  }
}

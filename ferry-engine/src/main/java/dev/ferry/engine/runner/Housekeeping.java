package dev.ferry.engine.runner;

import dev.ferry.core.id.MappingId;
import dev.ferry.core.store.Mapping;
import dev.ferry.core.store.PollWindow;
import dev.ferry.engine.cluster.Coordinator;
import dev.ferry.engine.env.EngineConfig;
import dev.ferry.engine.env.SyncStores;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic upkeep, run by one process at a time: every mapping has its task (one created while the
 * scheduler was down, or whose task was lost, gets one), every due secondary poll has its task, and
 * old poll windows and old state history are purged.
 */
public final class Housekeeping {
  private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

  private final SyncStores stores;
  private final Coordinator coordinator;
  private final EngineConfig config;
  private final InstantSource clock;

  public Housekeeping(
      SyncStores stores, Coordinator coordinator, EngineConfig config, InstantSource clock) {
    this.stores = stores;
    this.coordinator = coordinator;
    this.config = config;
    this.clock = clock;
  }

  public void run() {
    Instant now = clock.instant();
    for (Mapping m : stores.mappings().listAll()) coordinator.ensureScheduled(m.id());
    Set<MappingId> due = new LinkedHashSet<>();
    for (PollWindow w : stores.pollWindows().dueSecondaries(now, 1000)) due.add(w.mapping());
    for (MappingId id : due) coordinator.secondaryDue(id, now, config.driftBatch());
    int purged = stores.pollWindows().purgeBefore(now.minus(config.windowRetention()));
    if (purged > 0) log.atDebug().addKeyValue("windows", purged).log("purged old poll windows");
    Instant historyCutoff = now.minus(config.stateHistoryRetention());
    int changes =
        stores.mappings().purgeHistoryBefore(historyCutoff)
            + stores.connections().purgeHistoryBefore(historyCutoff);
    if (changes > 0) log.atDebug().addKeyValue("changes", changes).log("purged old state history");
  }
}

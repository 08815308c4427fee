package dev.ferry.engine.runner;

import static dev.ferry.core.state.MappingState.*;

import dev.ferry.core.error.DatabaseUnavailableException;
import dev.ferry.core.error.FerryException;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.log.LogContext;
import dev.ferry.core.state.ConnectionState;
import dev.ferry.core.state.MappingState;
import dev.ferry.core.store.Connection;
import dev.ferry.core.store.Mapping;
import dev.ferry.core.store.PollWindow;
import dev.ferry.core.store.SinkTarget;
import dev.ferry.engine.budget.ApiBudgetGovernor;
import dev.ferry.engine.budget.MeteredSalesforceApi;
import dev.ferry.engine.cluster.SlotUnavailableException;
import dev.ferry.engine.cluster.Slots;
import dev.ferry.engine.connect.SalesforceClients;
import dev.ferry.engine.env.SyncStores;
import dev.ferry.engine.lifecycle.SupersededException;
import dev.ferry.engine.plan.MappingModel;
import dev.ferry.engine.plan.ModelCache;
import dev.ferry.engine.read.ReadContext;
import dev.ferry.engine.read.SecondaryPoller;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the secondary (drift) polls of one mapping that are due: takes a {@code drift} slot (at most
 * K secondary polls run at once across every process, each holding one database connection), claims
 * the due primary windows, and reads them again with {@link SecondaryPoller}. Without a free slot,
 * or while the mapping is busy loading or waits for a human, the windows stay due and the task
 * comes back later. Returns when to run again, or null when there is nothing left to do.
 */
public final class SecondaryRunner {
  private static final Logger log = LoggerFactory.getLogger(SecondaryRunner.class);
  private static final Set<MappingState> POLLING =
      Set.of(
          DATA_SYNCED,
          POLLING_SF_CHANGES,
          POLLING_SF_BULK,
          POLLING_SF_FOR_DELETES,
          WAIT_BULK_UPDATE,
          APPLYING_BULK_UPDATE,
          POLL_EXTERNAL_IDS);
  private static final int MAX_DUE = 1000;

  private final SyncStores stores;
  private final SalesforceClients clients;
  private final ModelCache models;
  private final ApiBudgetGovernor budget;
  private final ReadContext.Deps deps;

  public SecondaryRunner(
      SyncStores stores,
      SalesforceClients clients,
      ModelCache models,
      ApiBudgetGovernor budget,
      ReadContext.Deps deps) {
    this.stores = stores;
    this.clients = clients;
    this.models = models;
    this.budget = budget;
    this.deps = deps;
  }

  public @Nullable Instant run(MappingId id) {
    try (LogContext context = LogContext.mapping(id)) {
      return runLogged(id, context);
    } catch (DatabaseUnavailableException e) {
      log.atWarn().addKeyValue("mapping", id).log("secondary poll postponed: {}", e.getMessage());
      return later(deps.config().retryDelay().toMillis());
    }
  }

  private @Nullable Instant runLogged(MappingId id, LogContext context) {
    Mapping m = stores.mappings().find(id).orElse(null);
    if (m == null || m.state() == SYNC_REMOVED) return null;
    context.andConnection(m.connectionId());
    Instant now = now();
    List<PollWindow> due =
        stores.pollWindows().dueSecondaries(now, MAX_DUE).stream()
            .filter(w -> w.mapping().equals(id))
            .toList();
    if (due.isEmpty()) return null;
    if (!POLLING.contains(m.state())) return later(deps.config().blockedRecheck().toMillis());
    Connection c = stores.connections().find(m.connectionId()).orElse(null);
    if (c == null) return null;
    if (c.state() == ConnectionState.PAUSED || c.credentials() == null) {
      return later(deps.config().blockedRecheck().toMillis());
    }
    Slots.Hold slot;
    try {
      slot =
          deps.slots()
              .acquire(
                  Slots.DRIFT, deps.config().driftMaxParallel(), "secondary " + m.objectName());
    } catch (SlotUnavailableException e) {
      return later(2000 + ThreadLocalRandom.current().nextLong(3000));
    }
    try (slot) {
      List<PollWindow> claimed = new ArrayList<>();
      for (PollWindow w : due) {
        if (stores.pollWindows().claimSecondary(w.id(), now)) claimed.add(w);
      }
      if (claimed.isEmpty()) return null;
      MeteredSalesforceApi api = new MeteredSalesforceApi(clients.forConnection(c));
      try {
        MappingModel model = models.get(m, api, false).model();
        SinkTarget target =
            new SinkTarget(m.id(), c.schemaName(), model.spec(), deps.config().deleteMode());
        ReadContext w =
            ReadContext.beside(
                () -> {
                  checkStillPolling(id);
                  slot.renewIfDue(); // a long secondary poll keeps its drift slot
                },
                m,
                c,
                api,
                model,
                target,
                deps);
        new SecondaryPoller(w).run(claimed);
        return null;
      } catch (SlotUnavailableException | SupersededException | FerryException e) {
        Instant retry =
            e instanceof SlotUnavailableException
                ? later(2000 + ThreadLocalRandom.current().nextLong(3000))
                : later(deps.config().retryDelay().toMillis());
        for (PollWindow w : claimed) stores.pollWindows().rescheduleSecondary(w.id(), retry);
        log.atInfo()
            .addKeyValue("mapping", id)
            .addKeyValue("windows", claimed.size())
            .log("secondary poll postponed to {}: {}", retry, e.getMessage());
        return retry;
      } finally {
        budget.charge(m, c.orgId(), api, now());
      }
    }
  }

  private void checkStillPolling(MappingId id) {
    Mapping m =
        stores
            .mappings()
            .find(id)
            .orElseThrow(() -> new SupersededException(id, "mapping deleted"));
    if (!POLLING.contains(m.state())) {
      throw new SupersededException(id, "mapping is " + m.state() + " now");
    }
  }

  private Instant now() {
    return deps.clock().instant();
  }

  private Instant later(long millis) {
    return now().plusMillis(millis);
  }
}

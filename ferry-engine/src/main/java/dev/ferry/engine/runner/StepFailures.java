package dev.ferry.engine.runner;

import static dev.ferry.core.state.MappingState.*;

import dev.ferry.core.error.ApiLimitExceededException;
import dev.ferry.core.error.BulkJobFailedException;
import dev.ferry.core.error.ConfigException;
import dev.ferry.core.error.DatabaseUnavailableException;
import dev.ferry.core.error.InactiveOrgException;
import dev.ferry.core.error.RetriableException;
import dev.ferry.core.error.SalesforceAuthException;
import dev.ferry.core.error.SalesforceRequestException;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.port.SalesforceApi;
import dev.ferry.core.state.ConnectionState;
import dev.ferry.core.store.Connection;
import dev.ferry.core.store.Mapping;
import dev.ferry.engine.cluster.SlotUnavailableException;
import dev.ferry.engine.connect.SalesforceClients;
import dev.ferry.engine.env.SyncStores;
import dev.ferry.engine.lifecycle.ConnectionStates;
import dev.ferry.engine.lifecycle.MappingStates;
import dev.ferry.engine.lifecycle.RunGuard;
import dev.ferry.engine.lifecycle.SupersededException;
import dev.ferry.engine.lifecycle.SyncLog;
import dev.ferry.engine.plan.ModelCache;
import dev.ferry.engine.read.ChangePoller;
import dev.ferry.engine.read.ReadContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a failed mapping run leads to, decided once here: superseded work stops quietly; no free
 * slot waits a few seconds; a lost database is DB_UNAVAILABLE until it is back ({@link DbOutage});
 * rejected credentials UNAUTHORIZED and an inactive org INACTIVE_ORG (mapping and connection); a
 * config that no longer fits Salesforce BAD_CONFIG; the API limit waits 15 minutes; transient
 * trouble retries with backoff (a Bulk poll that keeps failing after its splits becomes
 * SYSTEM_ERROR on the third time); anything else SYSTEM_ERROR with the cause logged and kept.
 */
final class StepFailures {
  private static final Logger log = LoggerFactory.getLogger(MappingRunner.class);
  private static final int POLL_FAILURES_BEFORE_ERROR = 3;

  private final SyncStores stores;
  private final MappingStates states;
  private final ConnectionStates connectionStates;
  private final SalesforceClients clients;
  private final ModelCache models;
  private final DbOutage outage;
  private final ReadContext.Deps deps;
  private final Map<MappingId, Integer> failures = new ConcurrentHashMap<>();

  StepFailures(
      SyncStores stores,
      MappingStates states,
      ConnectionStates connectionStates,
      SalesforceClients clients,
      ModelCache models,
      DbOutage outage,
      ReadContext.Deps deps) {
    this.stores = stores;
    this.states = states;
    this.connectionStates = connectionStates;
    this.clients = clients;
    this.models = models;
    this.outage = outage;
    this.deps = deps;
  }

  /** A run succeeded: the mapping's transient failures are forgotten. */
  void succeeded(MappingId id) {
    failures.remove(id);
  }

  /** Handles a failed run; returns when the mapping should run next. */
  @Nullable Instant handle(RunGuard guard, @Nullable Connection connection, RuntimeException e) {
    Mapping m = guard.current();
    if (e instanceof SupersededException) {
      log.atDebug().addKeyValue("mapping", m.id()).log("work superseded: {}", e.getMessage());
      return now();
    }
    if (e instanceof SlotUnavailableException s) {
      return now().plusMillis(2000 + ThreadLocalRandom.current().nextLong(3000));
    }
    if (e instanceof DatabaseUnavailableException d) {
      return outage.await(m.id(), m.connectionId(), d);
    }
    try {
      return classify(guard, connection, e);
    } catch (SupersededException superseded) {
      return now(); // someone else changed the state meanwhile: their change wins
    } catch (DatabaseUnavailableException d) {
      return outage.await(m.id(), m.connectionId(), d);
    }
  }

  private @Nullable Instant classify(
      RunGuard guard, @Nullable Connection connection, RuntimeException e) {
    Mapping m = guard.current();
    if (e instanceof SalesforceAuthException) {
      states.move(guard, UNAUTHORIZED, "SF Auth failed", null, e.getMessage());
      if (connection != null) {
        connectionStates.force(
            connection.id(), ConnectionState.UNAUTHORIZED, "SF Auth failed: " + e.getMessage());
      }
      deps.events().stepFailed(m.id(), m.state(), e, null);
      return later(deps.config().blockedRecheck());
    }
    if (e instanceof InactiveOrgException) {
      states.move(guard, INACTIVE_ORG, "Salesforce org is inactive", null, e.getMessage());
      if (connection != null) {
        connectionStates.force(
            connection.id(),
            ConnectionState.INACTIVE_ORG,
            "Salesforce org is inactive: " + e.getMessage());
      }
      deps.events().stepFailed(m.id(), m.state(), e, null);
      return later(deps.config().blockedRecheck());
    }
    if (e instanceof ConfigException) {
      states.move(guard, BAD_CONFIG, "Invalid config", null, e.getMessage());
      deps.events().stepFailed(m.id(), m.state(), e, null);
      return later(deps.config().blockedRecheck());
    }
    if (e instanceof SalesforceRequestException r
        && "INVALID_FIELD".equals(r.salesforceError().errorCode())
        && connection != null) {
      return onInvalidField(guard, connection, r);
    }
    if (e instanceof ApiLimitExceededException) {
      stores.notifications().add(m.connectionId(), m.id(), "api_limit", e.getMessage());
      Instant retry = later(Duration.ofMinutes(15));
      deps.events().stepFailed(m.id(), m.state(), e, retry);
      SyncLog.mappingWarn(m, "Salesforce API limit reached; retrying at " + retry);
      return retry;
    }
    if (e instanceof RetriableException || e instanceof BulkJobFailedException) {
      int n = failures.merge(m.id(), 1, Integer::sum);
      if (e instanceof BulkJobFailedException && n >= POLL_FAILURES_BEFORE_ERROR) {
        return systemError(guard, e);
      }
      Instant retry = later(backoff(m, n));
      SyncLog.mappingWarn(m, "Step failed (" + e.getMessage() + "); retrying at " + retry);
      deps.events().stepFailed(m.id(), m.state(), e, retry);
      return retry;
    }
    if (e instanceof ChangePoller.MissingWatermarkException) {
      states.move(
          guard, RELOAD_TABLE, "RELOAD TABLE " + SyncLog.table(m) + " (" + e.getMessage() + ")");
      return now();
    }
    return systemError(guard, e);
  }

  private Instant onInvalidField(
      RunGuard guard, Connection connection, SalesforceRequestException e) {
    Mapping m = guard.current();
    SalesforceApi api = clients.forConnection(connection);
    try {
      models.get(m, api, true);
    } catch (ConfigException bad) {
      states.move(guard, BAD_CONFIG, "Invalid config", null, bad.getMessage());
      deps.events().stepFailed(m.id(), m.state(), bad, null);
      return later(deps.config().blockedRecheck());
    }
    return systemError(guard, e);
  }

  private Instant systemError(RunGuard guard, RuntimeException e) {
    Mapping m = guard.current();
    log.atError()
        .setCause(e)
        .addKeyValue("mapping", m.id())
        .addKeyValue("state", m.state())
        .log("unexpected error");
    String error = e.getClass().getSimpleName() + ": " + e.getMessage();
    states.move(guard, SYSTEM_ERROR, "Unexpected error", null, error);
    deps.events().stepFailed(m.id(), m.state(), e, null);
    return later(deps.config().blockedRecheck());
  }

  private Duration backoff(Mapping m, int failures) {
    Duration first = deps.config().retryDelay();
    Duration cap = Duration.ofSeconds(Math.max(m.config().sfPollingSeconds(), first.toSeconds()));
    Duration d = first.multipliedBy(1L << Math.min(10, failures - 1));
    return d.compareTo(cap) > 0 ? cap : d;
  }

  private Instant now() {
    return deps.clock().instant();
  }

  private Instant later(Duration d) {
    return now().plus(d);
  }
}

package dev.ferry.engine.runner;

import static dev.ferry.core.state.MappingState.*;

import dev.ferry.core.error.DatabaseUnavailableException;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.log.LogContext;
import dev.ferry.core.model.ColumnSpec;
import dev.ferry.core.model.TableSpec;
import dev.ferry.core.state.ConnectionState;
import dev.ferry.core.state.MappingState;
import dev.ferry.core.store.Connection;
import dev.ferry.core.store.Mapping;
import dev.ferry.core.store.SinkTarget;
import dev.ferry.core.store.WatermarkKind;
import dev.ferry.engine.budget.ApiBudgetGovernor;
import dev.ferry.engine.budget.MeteredSalesforceApi;
import dev.ferry.engine.connect.SalesforceClients;
import dev.ferry.engine.env.SyncStores;
import dev.ferry.engine.events.PollCadence;
import dev.ferry.engine.lifecycle.ConnectionStates;
import dev.ferry.engine.lifecycle.MappingStates;
import dev.ferry.engine.lifecycle.RunGuard;
import dev.ferry.engine.lifecycle.SfCounts;
import dev.ferry.engine.lifecycle.SyncLog;
import dev.ferry.engine.plan.MappingModel;
import dev.ferry.engine.plan.ModelCache;
import dev.ferry.engine.read.ChangePoller;
import dev.ferry.engine.read.ColumnBackfill;
import dev.ferry.engine.read.DeletePoller;
import dev.ferry.engine.read.ReadContext;
import dev.ferry.engine.read.TableLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a mapping: reads its stored state and does what that state calls for — create the table,
 * load, alter and back-fill, recover, or poll — moving through the Heroku Connect states as it
 * goes, and answers when the mapping should run next (null: never, it was removed). One run at a
 * time per mapping (the scheduler guarantees it); any process can run any mapping, because
 * everything a run needs is in the database: a run that finds a mapping in the middle of a step
 * (its worker died) starts that step again, which is safe because every step commits its data and
 * its progress together.
 *
 * <p>A failed run is classified once, by {@link StepFailures}.
 */
public final class MappingRunner {
  private static final Logger log = LoggerFactory.getLogger(MappingRunner.class);
  private static final Set<MappingState> BLOCKED =
      Set.of(ABORTED, BULK_LOAD_ERROR, BAD_CONFIG, SYSTEM_ERROR);
  private static final Set<MappingState> LOAD_STEPS =
      Set.of(WAIT_BULK_LOAD, LOADING_BULK_JOB, RESOLVE_EXTERNAL_IDS);
  private static final Set<MappingState> POLL_STEPS =
      Set.of(
          DATA_SYNCED,
          POLLING_SF_CHANGES,
          POLLING_SF_BULK,
          POLLING_SF_FOR_DELETES,
          WAIT_BULK_UPDATE,
          APPLYING_BULK_UPDATE,
          POLL_EXTERNAL_IDS);

  private final SyncStores stores;
  private final MappingStates states;
  private final ConnectionStates connectionStates;
  private final SalesforceClients clients;
  private final ModelCache models;
  private final ApiBudgetGovernor budget;
  private final DbOutage outage;
  private final SfCounts sfCounts;
  private final ReadContext.Deps deps;
  private final StepFailures failures;
  private final PollCadence cadence;

  public MappingRunner(
      SyncStores stores,
      MappingStates states,
      ConnectionStates connectionStates,
      SalesforceClients clients,
      ModelCache models,
      ApiBudgetGovernor budget,
      DbOutage outage,
      SfCounts sfCounts,
      PollCadence cadence,
      ReadContext.Deps deps) {
    this.stores = stores;
    this.states = states;
    this.connectionStates = connectionStates;
    this.clients = clients;
    this.models = models;
    this.budget = budget;
    this.outage = outage;
    this.sfCounts = sfCounts;
    this.cadence = cadence;
    this.deps = deps;
    this.failures =
        new StepFailures(stores, states, connectionStates, clients, models, outage, deps);
  }

  /** Runs the mapping once; returns when it should run next, or null when it is gone. */
  public @Nullable Instant run(MappingId id) {
    try (LogContext context = LogContext.mapping(id)) {
      return runLogged(id, context);
    }
  }

  private @Nullable Instant runLogged(MappingId id, LogContext context) {
    Mapping mapping;
    try {
      mapping = stores.mappings().find(id).orElse(null);
    } catch (DatabaseUnavailableException e) {
      return outage.await(id, null, e);
    }
    if (mapping == null) {
      models.forget(id);
      return null;
    }
    context.andConnection(mapping.connectionId());
    RunGuard guard = new RunGuard(stores.mappings(), mapping);
    MeteredSalesforceApi meter = null;
    Connection connection = null;
    try {
      if (mapping.state() == SYNC_REMOVED) {
        remove(mapping);
        return null;
      }
      if (BLOCKED.contains(mapping.state())) return later(deps.config().blockedRecheck());
      connection = stores.connections().find(mapping.connectionId()).orElseThrow();
      Instant wait = waitForConnection(guard, connection);
      if (wait != null) return wait;
      meter = new MeteredSalesforceApi(clients.forConnection(connection));
      Instant next = step(guard, connection, meter);
      failures.succeeded(id);
      return next;
    } catch (RuntimeException e) {
      return failures.handle(guard, connection, e);
    } finally {
      if (meter != null && connection != null) {
        try {
          budget.charge(guard.current(), connection.orgId(), meter, now());
        } catch (RuntimeException e) {
          log.debug("could not record API usage: {}", e.toString());
        }
      }
    }
  }

  /** When the connection does not let the mapping work: when to look again. */
  private @Nullable Instant waitForConnection(RunGuard guard, Connection c) {
    Mapping m = guard.current();
    switch (c.state()) {
      case PAUSED, NEW, NEED_AUTHENTICATION, IMPORT_CONFIGURATION -> {
        return later(deps.config().blockedRecheck());
      }
      case UNAUTHORIZED, HEROKU_UNAUTH, INACTIVE_ORG -> {
        MappingState to = c.state() == ConnectionState.INACTIVE_ORG ? INACTIVE_ORG : UNAUTHORIZED;
        if (m.state() != to) states.move(guard, to, "Connection " + c.name() + " is " + c.state());
        return later(deps.config().blockedRecheck());
      }
      default -> {
        if (m.state() == UNAUTHORIZED || m.state() == INACTIVE_ORG || m.state() == DB_UNAVAILABLE) {
          states.move(guard, RECOVERY, "Connection " + c.name() + " is usable again; recovering");
        }
        return null;
      }
    }
  }

  private @Nullable Instant step(RunGuard guard, Connection connection, MeteredSalesforceApi api) {
    Mapping m = guard.current();
    return switch (m.state()) {
      case INITIAL -> {
        ReadContext w = work(guard, connection, api, true);
        createTable(w);
        states.move(guard, RELOAD_TABLE, "RELOAD TABLE " + SyncLog.table(m));
        yield load(guard, connection, api, false);
      }
      case RELOAD_TABLE -> load(guard, connection, api, true);
      case WAIT_BULK_LOAD, LOADING_BULK_JOB, RESOLVE_EXTERNAL_IDS -> {
        states.move(
            guard, RELOAD_TABLE, "RELOAD TABLE " + SyncLog.table(m) + " (interrupted load)");
        yield load(guard, connection, api, true);
      }
      case SCHEMA_CHANGED -> alter(guard, connection, api);
      case RESYNC -> resync(guard, connection, api, columnsFromDetail(m));
      case RECOVERY -> recover(guard, connection, api);
      default -> {
        if (!POLL_STEPS.contains(m.state())) {
          throw new IllegalStateException("no step for state " + m.state());
        }
        yield poll(guard, connection, api);
      }
    };
  }

  private Instant load(
      RunGuard guard, Connection connection, MeteredSalesforceApi api, boolean describeAgain) {
    ReadContext w = work(guard, connection, api, describeAgain);
    alignTable(w);
    try {
      MappingId id = guard.current().id();
      long rows = new TableLoader(w, count -> sfCounts.put(id, count, now())).load();
      sfCounts.put(guard.current().id(), rows, now());
      stores.mappings().clearPendingReads(id); // a load fills every column and external id
    } catch (TableLoader.LoadFailedException e) {
      states.move(guard, BULK_LOAD_ERROR, "Bulk load failed", null, e.getMessage());
      return later(deps.config().blockedRecheck());
    }
    return now(); // first poll right away: it opens the drift window after the load
  }

  private Instant alter(RunGuard guard, Connection connection, MeteredSalesforceApi api) {
    ReadContext w = work(guard, connection, api, true);
    w.check();
    SinkTarget t = w.target();
    List<ColumnSpec> synced = toFill(w, alignTable(w));
    if (synced.isEmpty()) {
      states.move(guard, DATA_SYNCED, "Altered table " + t.table().tableName());
      return now();
    }
    return backfill(guard, connection, api, w, synced);
  }

  private Instant backfill(
      RunGuard guard,
      Connection connection,
      MeteredSalesforceApi api,
      ReadContext w,
      List<ColumnSpec> added) {
    String names = added.stream().map(ColumnSpec::name).collect(Collectors.joining(","));
    w.move(RESYNC, "Loading new columns " + names, "new columns: " + names);
    return resync(guard, connection, api, added.stream().map(ColumnSpec::name).toList());
  }

  private Instant resync(
      RunGuard guard, Connection connection, MeteredSalesforceApi api, List<String> columns) {
    ReadContext w = work(guard, connection, api, false);
    alignTable(w);
    TableSpec spec = w.model().spec();
    MappingId id = guard.current().id();
    // the columns named by the state and those an interrupted back-fill still owes
    Set<String> names = new LinkedHashSet<>(columns);
    names.addAll(stores.mappings().unfilledColumns(id));
    List<ColumnSpec> fill =
        names.stream().map(spec::column).flatMap(java.util.Optional::stream).toList();
    if (names.isEmpty()) fill = spec.syncedColumns();
    new ColumnBackfill(w).backfill(fill);
    stores.mappings().removeUnfilledColumns(id, names);
    states.move(guard, DATA_SYNCED, "Loaded new columns of " + w.model().spec().tableName());
    return now();
  }

  private Instant recover(RunGuard guard, Connection connection, MeteredSalesforceApi api) {
    ReadContext w = work(guard, connection, api, true);
    String table = w.model().spec().tableName();
    boolean exists = stores.schemaAdmin().tableExists(connection.schemaName(), table);
    boolean loaded =
        exists && stores.watermarks().read(guard.current().id(), WatermarkKind.CHANGES).isPresent();
    if (!loaded) {
      states.move(guard, RELOAD_TABLE, "RELOAD TABLE " + table + " (recovery: not loaded)");
      return load(guard, connection, api, false);
    }
    // a back-fill cut short (auth error, inactive org, outage, SYSTEM_ERROR) is done now
    List<ColumnSpec> fill = toFill(w, alignTable(w));
    if (!fill.isEmpty()) return backfill(guard, connection, api, w, fill);
    states.move(guard, DATA_SYNCED, "Recovered");
    return now();
  }

  private Instant poll(RunGuard guard, Connection connection, MeteredSalesforceApi api) {
    Mapping m = guard.current();
    var deferral = budget.pollDeferral(m, connection.orgId(), now());
    if (deferral.isPresent()) {
      log.atDebug().addKeyValue("mapping", m.id()).log("poll deferred: {}", deferral.get());
      return later(Duration.ofSeconds(m.config().sfPollingSeconds()));
    }
    ModelCache.Resolved resolved = models.get(m, api, false);
    if (resolved.tableChanged()) {
      states.move(
          guard,
          SCHEMA_CHANGED,
          "Altering DB schema: " + m.objectName() + " changed in Salesforce");
      return alter(guard, connection, api);
    }
    ReadContext w = work(guard, connection, api, resolved.model());
    try {
      new ChangePoller(w).poll();
    } catch (ChangePoller.MissingWatermarkException e) {
      states.move(
          guard, RELOAD_TABLE, "RELOAD TABLE " + SyncLog.table(m) + " (" + e.getMessage() + ")");
      return now();
    }
    new DeletePoller(w).poll();
    countIfDue(w);
    states.move(guard, DATA_SYNCED, "Poll complete");
    return later(cadence.next(guard.current()));
  }

  /** Counts the object's records now and then (the API's counts.sf): one call per interval. */
  private void countIfDue(ReadContext w) {
    MappingId id = w.mapping().id();
    var last = sfCounts.get(id);
    if (last.isPresent()
        && Duration.between(last.get().at(), now()).compareTo(deps.config().describeCheck()) < 0) {
      return;
    }
    long n =
        w.api().count(dev.ferry.core.soql.Soql.count().from(w.model().objectName()).build(), false);
    sfCounts.put(id, n, now());
  }

  private void remove(Mapping m) {
    Connection c = stores.connections().find(m.connectionId()).orElse(null);
    if (c != null) {
      String table = dev.ferry.core.model.PgIdentifiers.fromSalesforceName(m.objectName());
      stores.schemaAdmin().dropTable(c.schemaName(), table);
    }
    stores.mappings().delete(m.id());
    models.forget(m.id());
    sfCounts.forget(m.id());
    SyncLog.mapping(m, "Mapping " + m.objectName() + " removed");
  }

  /**
   * The synced columns to back-fill: those just added and those an interrupted back-fill still
   * owes. Owed columns no longer mapped are forgotten.
   */
  private List<ColumnSpec> toFill(ReadContext w, List<ColumnSpec> added) {
    MappingId id = w.mapping().id();
    Set<String> unfilled = stores.mappings().unfilledColumns(id);
    List<ColumnSpec> fill = new ArrayList<>();
    Set<String> mapped = new LinkedHashSet<>();
    for (ColumnSpec c : w.model().spec().syncedColumns()) {
      mapped.add(c.name());
      if (added.contains(c) || unfilled.contains(c.name())) fill.add(c);
    }
    List<String> gone = unfilled.stream().filter(n -> !mapped.contains(n)).toList();
    stores.mappings().removeUnfilledColumns(id, gone);
    return fill;
  }

  /**
   * Creates the table, or aligns it with the mapping (columns added): returns columns added. A
   * table the application created is refused (BAD_CONFIG naming it) unless the mapping asks to
   * adopt it.
   */
  private List<ColumnSpec> alignTable(ReadContext w) {
    String schema = w.connection().schemaName();
    TableSpec spec = w.model().spec();
    boolean adopt = w.mapping().config().adoptExistingTable();
    if (!stores.schemaAdmin().tableExists(schema, spec.tableName())) {
      stores.schemaAdmin().createTable(schema, spec, adopt);
      return spec.columns();
    }
    Set<String> before = stores.schemaAdmin().columns(schema, spec.tableName()).keySet();
    // owed before the ALTER: a back-fill cut short at any point after it is finished later
    List<String> unfilled =
        spec.syncedColumns().stream()
            .map(ColumnSpec::name)
            .filter(n -> !before.contains(n))
            .toList();
    stores.mappings().addUnfilledColumns(w.mapping().id(), unfilled);
    List<String> changes = stores.schemaAdmin().evolveTable(schema, spec, adopt);
    if (!changes.isEmpty()) {
      SyncLog.mapping(
          w.mapping(), "Altered table " + spec.tableName() + ": " + String.join(", ", changes));
    }
    List<ColumnSpec> added = new ArrayList<>();
    for (ColumnSpec c : spec.columns()) if (!before.contains(c.name())) added.add(c);
    return added;
  }

  private void createTable(ReadContext w) {
    SyncLog.mapping(w.mapping(), "Creating table " + w.model().spec().tableName());
    alignTable(w);
  }

  private ReadContext work(
      RunGuard guard, Connection c, MeteredSalesforceApi api, boolean refresh) {
    return work(guard, c, api, models.get(guard.current(), api, refresh).model());
  }

  private ReadContext work(
      RunGuard guard, Connection c, MeteredSalesforceApi api, MappingModel model) {
    SinkTarget target =
        new SinkTarget(
            guard.current().id(), c.schemaName(), model.spec(), deps.config().deleteMode());
    return ReadContext.owning(guard, states, c, api, model, target, deps);
  }

  private static List<String> columnsFromDetail(Mapping m) {
    // RESYNC keeps "new columns: a,b" as its detail, so a resumed back-fill fills just those.
    String d = m.stateDetail();
    if (d == null || !d.startsWith("new columns: ")) return List.of();
    return Arrays.stream(d.substring("new columns: ".length()).split(","))
        .map(String::trim)
        .toList();
  }

  private Instant now() {
    return deps.clock().instant();
  }

  private Instant later(Duration d) {
    return now().plus(d);
  }
}

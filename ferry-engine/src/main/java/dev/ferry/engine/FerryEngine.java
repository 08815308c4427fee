package dev.ferry.engine;

import dev.ferry.core.config.Setting;
import dev.ferry.core.config.Settings;
import dev.ferry.core.control.FerryService;
import dev.ferry.core.event.SyncEvents;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.TableDesigner;
import dev.ferry.core.port.CdcStore;
import dev.ferry.core.port.SalesforceConnector;
import dev.ferry.core.port.SecretBox;
import dev.ferry.core.store.Mapping;
import dev.ferry.engine.budget.ApiBudgetGovernor;
import dev.ferry.engine.cluster.Coordinator;
import dev.ferry.engine.cluster.DbSchedulerCoordinator;
import dev.ferry.engine.cluster.ManualCoordinator;
import dev.ferry.engine.cluster.Slots;
import dev.ferry.engine.connect.SalesforceClients;
import dev.ferry.engine.control.EngineFerryService;
import dev.ferry.engine.diagnose.Diagnostician;
import dev.ferry.engine.env.EngineConfig;
import dev.ferry.engine.env.EngineSettings;
import dev.ferry.engine.env.Sleeper;
import dev.ferry.engine.env.SyncStores;
import dev.ferry.engine.events.ChangeListeners;
import dev.ferry.engine.events.EventConfig;
import dev.ferry.engine.events.EventSettings;
import dev.ferry.engine.events.PollCadence;
import dev.ferry.engine.lifecycle.ConnectionStates;
import dev.ferry.engine.lifecycle.MappingStates;
import dev.ferry.engine.lifecycle.SafeEvents;
import dev.ferry.engine.lifecycle.SfCounts;
import dev.ferry.engine.lifecycle.StateNotifier;
import dev.ferry.engine.plan.MappingValidator;
import dev.ferry.engine.plan.ModelCache;
import dev.ferry.engine.read.ReadContext;
import dev.ferry.engine.runner.DbOutage;
import dev.ferry.engine.runner.Housekeeping;
import dev.ferry.engine.runner.MappingRunner;
import dev.ferry.engine.runner.SecondaryRunner;
import dev.ferry.engine.write.WriteConfig;
import dev.ferry.engine.write.WriteControl;
import dev.ferry.engine.write.WriteSettings;
import dev.ferry.engine.write.WriteStores;
import dev.ferry.engine.write.Writers;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync engine of one Ferry process: the Salesforce → Postgres read path (loads, polls, deletes,
 * drift detection, the mapping state machine), the Postgres → Salesforce write path ({@link
 * #writers()}, when {@link Builder#writeStores} are given) and the control-plane façade ({@link
 * #service()}) that the API, CLI and dashboard call. Several processes may run on one database;
 * they share the mappings through db-scheduler.
 *
 * <pre>{@code
 * FerryEngine engine = FerryEngine.builder()
 *     .stores(syncStores).dataSource(ferryPool)
 *     .connector(credentials -> HttpSalesforceApi.create(...)).secretBox(box)
 *     .settings(settings).clock(InstantSource.system()).events(metrics)
 *     .build();
 * engine.start();
 * FerryService api = engine.service();
 * ...
 * engine.stop();
 * }</pre>
 */
public final class FerryEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FerryEngine.class);

  private final EngineConfig config;
  private final Coordinator coordinator;
  private final SalesforceClients clients;
  private final MappingRunner runner;
  private final SecondaryRunner secondaries;
  private final Housekeeping housekeeping;
  private final EngineFerryService service;
  private final SyncStores stores;
  private final @Nullable Writers writers;
  private final @Nullable ChangeListeners listeners;
  private boolean started;

  private FerryEngine(Builder b) {
    this.config = EngineConfig.from(b.settings);
    this.stores = b.stores;
    InstantSource clock = b.clock;
    SyncEvents events = new SafeEvents(b.events);
    this.coordinator =
        b.coordinator != null
            ? b.coordinator
            : new DbSchedulerCoordinator(
                Objects.requireNonNull(b.dataSource, "dataSource"), config);
    this.clients = new SalesforceClients(b.connector, b.secretBox);
    StateNotifier notifier = new StateNotifier(stores.notifications());
    MappingStates states = new MappingStates(stores.mappings(), events, notifier);
    ConnectionStates connectionStates =
        new ConnectionStates(stores.connections(), events, notifier);
    MappingValidator validator = new MappingValidator(b.designer, config.minPollSeconds());
    ModelCache models = new ModelCache(validator, config.describeCheck(), clock);
    ApiBudgetGovernor budget =
        new ApiBudgetGovernor(
            stores.apiBudget(), stores.notifications(), config.apiBudgetPercent());
    Slots slots = new Slots(stores.jobSlots(), events, clock, config.nodeName());
    ReadContext.Deps deps =
        new ReadContext.Deps(
            stores,
            slots,
            events,
            config,
            clock,
            b.sleeper,
            (mapping, at) -> coordinator.secondaryDue(mapping, at, config.driftBatch()));
    DbOutage outage =
        new DbOutage(stores.mappings(), states, connectionStates, events, config, clock, b.sleeper);
    SfCounts sfCounts = new SfCounts();
    EventConfig eventConfig = EventConfig.from(b.settings);
    PollCadence cadence = new PollCadence(b.cdcStore, stores.jobSlots(), eventConfig);
    this.runner =
        new MappingRunner(
            stores,
            states,
            connectionStates,
            clients,
            models,
            budget,
            outage,
            sfCounts,
            cadence,
            deps);
    this.listeners =
        b.cdcStore == null
            ? null
            : new ChangeListeners(
                stores,
                b.cdcStore,
                clients,
                models,
                budget,
                coordinator,
                events,
                config,
                eventConfig,
                clock);
    this.secondaries = new SecondaryRunner(stores, clients, models, budget, deps);
    this.housekeeping = new Housekeeping(stores, coordinator, config, clock);
    this.writers =
        b.writeStores == null
            ? null
            : Writers.create(
                b.writeStores,
                stores.connections(),
                stores.mappings(),
                stores.jobSlots(),
                stores.notifications(),
                clients,
                validator,
                slots,
                connectionStates,
                budget,
                config,
                WriteConfig.from(b.settings),
                events,
                clock,
                b.sleeper);
    this.service =
        new EngineFerryService(
            stores,
            clients,
            states,
            connectionStates,
            validator,
            models,
            sfCounts,
            coordinator,
            events,
            clock,
            writers == null ? null : new WriteControl(b.writeStores, writers, clock),
            new Diagnostician(
                stores,
                clients,
                b.writeStores == null ? null : b.writeStores.triggerLogs(),
                config,
                clock,
                b.cdcStore,
                EventConfig.from(b.settings).safetyPoll()),
            b.cdcStore);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Every setting the engine reads, read and write path (for the configuration reference). */
  public static List<Setting<?>> settings() {
    List<Setting<?>> all = new java.util.ArrayList<>(EngineSettings.ALL);
    all.addAll(WriteSettings.ALL);
    all.addAll(EventSettings.ALL);
    return List.copyOf(all);
  }

  /** The write path (Postgres → Salesforce), or null when no write stores were given. */
  public @Nullable Writers writers() {
    return writers;
  }

  /** The control-plane façade. */
  public FerryService service() {
    return service;
  }

  public EngineConfig config() {
    return config;
  }

  /** Starts scheduling: every mapping is polled from now on (by this or another process). */
  public synchronized void start() {
    if (started) return;
    Coordinator.Work work =
        new Coordinator.Work() {
          @Override
          public @Nullable Instant runMapping(MappingId id) {
            return runner.run(id);
          }

          @Override
          public @Nullable Instant runSecondaries(MappingId id) {
            return secondaries.run(id);
          }

          @Override
          public void housekeeping() {
            housekeeping.run();
          }
        };
    if (coordinator instanceof DbSchedulerCoordinator d) d.bind(work);
    if (coordinator instanceof ManualCoordinator m) m.bind(work);
    coordinator.start();
    for (Mapping m : stores.mappings().listAll()) coordinator.ensureScheduled(m.id());
    // A manual coordinator means a test drives everything by hand: no writer threads either.
    if (writers != null && !(coordinator instanceof ManualCoordinator)) writers.start();
    if (listeners != null && !(coordinator instanceof ManualCoordinator)) listeners.start();
    started = true;
    log.atInfo()
        .addKeyValue("node", config.nodeName())
        .addKeyValue("large_query_threshold", config.largeQueryThreshold())
        .addKeyValue("drift_delay_s", config.driftDelay().toSeconds())
        .log("sync engine started");
  }

  /** Stops scheduling (running polls finish or are cut off after 30 s) and closes clients. */
  public synchronized void stop() {
    if (!started) return;
    started = false;
    if (listeners != null) listeners.stop();
    if (writers != null) writers.stop();
    coordinator.stop();
    clients.close();
    log.info("sync engine stopped");
  }

  @Override
  public void close() {
    stop();
  }

  /** Builds an engine; every collaborator is required except where a default is named. */
  public static final class Builder {
    private @Nullable SyncStores stores;
    private @Nullable DataSource dataSource;
    private @Nullable SalesforceConnector connector;
    private @Nullable SecretBox secretBox;
    private InstantSource clock = InstantSource.system();
    private Settings settings = Settings.defaults(FerryEngine.settings());
    private SyncEvents events = SyncEvents.NONE;
    private Sleeper sleeper = Sleeper.REAL;
    private @Nullable Coordinator coordinator;
    private TableDesigner designer = TableDesigner.herokuConnect();
    private @Nullable WriteStores writeStores;
    private @Nullable CdcStore cdcStore;

    private Builder() {}

    /**
     * Where change-event subscriptions are kept. With it, mappings with {@code sf_notify_enabled}
     * listen to Change Data Capture events (accelerated polling); without it they only poll.
     */
    public Builder cdcStore(CdcStore v) {
      this.cdcStore = v;
      return this;
    }

    public Builder stores(SyncStores v) {
      this.stores = v;
      return this;
    }

    /** Ferry's pool (xmlbinary set); db-scheduler's tasks live in the same database. */
    public Builder dataSource(DataSource v) {
      this.dataSource = v;
      return this;
    }

    public Builder connector(SalesforceConnector v) {
      this.connector = v;
      return this;
    }

    public Builder secretBox(SecretBox v) {
      this.secretBox = v;
      return this;
    }

    /** Default: the system clock. */
    public Builder clock(InstantSource v) {
      this.clock = v;
      return this;
    }

    /** Must declare {@link EngineSettings#ALL} (more is fine). Default: every default. */
    public Builder settings(Settings v) {
      this.settings = v;
      return this;
    }

    /** Default: {@link SyncEvents#NONE}. */
    public Builder events(SyncEvents v) {
      this.events = v;
      return this;
    }

    /** Default: real sleeping. */
    public Builder sleeper(Sleeper v) {
      this.sleeper = v;
      return this;
    }

    /**
     * Replaces db-scheduler, e.g. with a {@link ManualCoordinator} that runs only what a test tells
     * it to (then no data source is needed).
     */
    public Builder coordinator(Coordinator v) {
      this.coordinator = v;
      return this;
    }

    /** Default: Heroku Connect's column types. */
    public Builder tableDesigner(TableDesigner v) {
      this.designer = v;
      return this;
    }

    /**
     * The write path's stores (each connection's trigger log, in-flight batches). Without them the
     * engine only reads from Salesforce.
     */
    public Builder writeStores(WriteStores v) {
      this.writeStores = v;
      return this;
    }

    public FerryEngine build() {
      Objects.requireNonNull(stores, "stores");
      Objects.requireNonNull(connector, "connector");
      Objects.requireNonNull(secretBox, "secretBox");
      return new FerryEngine(this);
    }
  }
}

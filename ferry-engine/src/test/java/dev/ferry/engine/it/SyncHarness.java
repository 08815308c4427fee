package dev.ferry.engine.it;

import dev.ferry.core.config.Setting;
import dev.ferry.core.config.Settings;
import dev.ferry.core.control.FerryService;
import dev.ferry.core.control.NewConnection;
import dev.ferry.core.control.SalesforceCredentials;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.port.SalesforceApi;
import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.sf.SaveRequest;
import dev.ferry.core.sf.SaveResult;
import dev.ferry.core.state.MappingState;
import dev.ferry.core.store.Mapping;
import dev.ferry.emulator.Emulator;
import dev.ferry.emulator.server.EmulatorOptions;
import dev.ferry.engine.FerryEngine;
import dev.ferry.engine.cluster.ManualCoordinator;
import dev.ferry.engine.env.EngineSettings;
import dev.ferry.engine.support.MarkedSecretBox;
import dev.ferry.engine.support.TestStores;
import dev.ferry.salesforce.HttpSalesforceApi;
import dev.ferry.salesforce.HttpSalesforceConnector;
import dev.ferry.salesforce.SalesforceConfig;
import dev.ferry.testkit.EmulatorControls;
import dev.ferry.testkit.MutableInstantSource;
import dev.ferry.testkit.PostgresExtension;
import dev.ferry.testkit.RecordingSyncEvents;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * An engine wired to real parts: embedded PostgreSQL, the emulator over HTTP, the real Salesforce
 * client. By default the engine runs on a {@link ManualCoordinator} and a settable clock shared
 * with the emulator, so a test decides when each run happens and how far time moves; {@link
 * Builder#scheduled()} uses db-scheduler and real time instead.
 */
public final class SyncHarness implements AutoCloseable {
  public static final String SCHEMA = "salesforce";

  public final InstantSource clock;
  public final @Nullable MutableInstantSource manualClock;
  public final Emulator emulator;
  public final EmulatorControls controls;
  public final TestStores stores;
  public final RecordingSyncEvents events = new RecordingSyncEvents();
  public final FerryEngine engine;
  public final FerryService service;
  public final @Nullable ManualCoordinator coordinator;
  public final HttpSalesforceApi admin;
  public final Db db;
  public final ConnectionId connection;

  private SyncHarness(Builder b) {
    // a whole minute: getDeleted works on whole minutes, tests move the clock across them on
    // purpose
    this.manualClock =
        b.scheduled
            ? null
            : new MutableInstantSource(
                java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
    this.clock = manualClock != null ? manualClock : InstantSource.system();
    EmulatorOptions.Builder eo =
        EmulatorOptions.builder()
            .port(0)
            .seed(7)
            .bulkMinProcessing(Duration.ofMillis(10))
            .clock(clock)
            .generate(b.generate);
    this.emulator = Emulator.start(b.emulator.apply(eo).build());
    this.controls = new EmulatorControls(emulator.baseUrl());
    this.stores = new TestStores(b.pg, clock);
    this.db = new Db(b.pg.dataSource());
    this.coordinator = b.scheduled ? null : new ManualCoordinator(clock);
    Settings settings = Settings.defaults(FerryEngine.settings());
    for (Map.Entry<Setting<?>, Object> e : b.settings.entrySet()) settings = with(settings, e);
    FerryEngine.Builder eb =
        FerryEngine.builder()
            .stores(stores.sync)
            .dataSource(stores.pool)
            .connector(new HttpSalesforceConnector(SyncHarness::clientSettings))
            .secretBox(new MarkedSecretBox())
            .clock(clock)
            .settings(settings)
            .events(events);
    if (coordinator != null) eb.coordinator(coordinator);
    this.engine = eb.build();
    this.service = engine.service();
    this.admin =
        HttpSalesforceApi.create(
            clientSettings()
                .loginUrl(emulator.baseUrl().toString())
                .credentials(HttpSalesforceConnector.credentials(credentials(emulator)))
                .build());
    engine.start();
    this.connection =
        service
            .createConnection(new NewConnection("test", SCHEMA, credentials(emulator), Map.of()))
            .connection()
            .id();
  }

  @SuppressWarnings("unchecked")
  private static <T> Settings with(Settings s, Map.Entry<Setting<?>, Object> e) {
    return s.with((Setting<T>) e.getKey(), (T) e.getValue());
  }

  /** The client tunables of every connection in these tests: few, quick retries. */
  static SalesforceConfig.Builder clientSettings() {
    return SalesforceConfig.builder()
        .maxAttempts(2)
        .initialBackoff(Duration.ofMillis(20))
        .maxBackoff(Duration.ofMillis(100))
        .callDeadline(Duration.ofSeconds(20))
        .jobPollInitial(Duration.ofMillis(20))
        .jobPollMax(Duration.ofMillis(200));
  }

  /** The emulator's API user, password flow. */
  public static SalesforceCredentials credentials(Emulator e) {
    return new SalesforceCredentials(
        e.baseUrl().toString(),
        SalesforceCredentials.Flow.PASSWORD,
        EmulatorOptions.DEFAULT_CLIENT_ID,
        EmulatorOptions.DEFAULT_CLIENT_SECRET,
        EmulatorOptions.DEFAULT_USERNAME,
        EmulatorOptions.DEFAULT_PASSWORD,
        null,
        null,
        null);
  }

  public static Builder builder(PostgresExtension pg) {
    return new Builder(pg);
  }

  // ---- mappings

  public MappingId map(String object, String... fields) {
    return map(object, MappingConfig.of(Access.READ_ONLY, List.of(fields)));
  }

  public MappingId map(String object, MappingConfig config) {
    return service.createMapping(connection, object, config).mapping().id();
  }

  public Mapping mapping(MappingId id) {
    return service.mapping(id).mapping();
  }

  public MappingState state(MappingId id) {
    return mapping(id).state();
  }

  /** Runs the mapping once (manual coordinator). */
  public void run(MappingId id) {
    requireManual().runMapping(id);
  }

  /** Runs the mapping until it is in {@code state} (at most {@code maxRuns} runs). */
  public void runUntil(MappingId id, MappingState state, int maxRuns) {
    for (int i = 0; i < maxRuns && state(id) != state; i++) run(id);
    if (state(id) != state) {
      throw new AssertionError(
          "mapping still "
              + state(id)
              + " after "
              + maxRuns
              + " runs; states: "
              + events.states(id));
    }
  }

  /** Moves the shared clock (engine and emulator). */
  public void advance(Duration d) {
    if (manualClock == null) throw new IllegalStateException("this harness runs on real time");
    manualClock.advance(d);
  }

  public ManualCoordinator requireManual() {
    if (coordinator == null) throw new IllegalStateException("this harness uses db-scheduler");
    return coordinator;
  }

  // ---- Salesforce data

  /** Creates records through the REST API; returns their ids. */
  public List<String> create(String object, List<Map<String, Object>> records) {
    List<SaveRequest> requests = new ArrayList<>();
    for (Map<String, Object> r : records)
      requests.add(new SaveRequest(object, null, new LinkedHashMap<>(r)));
    return ids(admin.save(SaveOperation.CREATE, object, requests, null));
  }

  public void update(String object, String id, Map<String, Object> fields) {
    ids(
        admin.save(
            SaveOperation.UPDATE,
            object,
            List.of(new SaveRequest(object, id, new LinkedHashMap<>(fields))),
            null));
  }

  public void delete(String object, String... ids) {
    List<SaveRequest> requests = new ArrayList<>();
    for (String id : ids) requests.add(SaveRequest.delete(object, id));
    ids(admin.save(SaveOperation.DELETE, object, requests, null));
  }

  private static List<String> ids(List<SaveResult> results) {
    List<String> ids = new ArrayList<>();
    for (SaveResult r : results) {
      if (!r.success()) throw new AssertionError("Salesforce refused a test record: " + r.errors());
      ids.add(r.id());
    }
    return ids;
  }

  /** A client for the test's own Salesforce calls. */
  public SalesforceApi admin() {
    return admin;
  }

  @Override
  public void close() throws Exception {
    try {
      engine.stop();
      // the next harness of the class starts from an empty database again
      stores.sync.connections().delete(connection);
      stores.sync.schemaAdmin().dropSchema(SCHEMA);
    } finally {
      admin.close();
      emulator.close();
      stores.close();
    }
  }

  /** How to build a harness. */
  public static final class Builder {
    private final PostgresExtension pg;
    private final Map<Setting<?>, Object> settings = new LinkedHashMap<>();
    private Map<String, Integer> generate = Map.of();
    private UnaryOperator<EmulatorOptions.Builder> emulator = b -> b;
    private boolean scheduled;

    private Builder(PostgresExtension pg) {
      this.pg = pg;
      // test defaults: drift off unless a test turns it on, fast Bulk status reads
      settings.put(EngineSettings.DRIFT_ENABLED, false);
      settings.put(EngineSettings.BULK_STATUS_POLL_MILLIS, 20);
      settings.put(EngineSettings.MIN_POLL_SECONDS, 1);
    }

    public <T> Builder set(Setting<T> setting, T value) {
      settings.put(setting, value);
      return this;
    }

    /** Records the emulator generates at start, parents first (e.g. Account, then Contact). */
    public Builder generate(Map<String, Integer> counts) {
      this.generate = counts;
      return this;
    }

    public Builder emulator(UnaryOperator<EmulatorOptions.Builder> customize) {
      this.emulator = customize;
      return this;
    }

    /** db-scheduler on real time instead of the manual coordinator and clock. */
    public Builder scheduled() {
      this.scheduled = true;
      return this;
    }

    public SyncHarness start() {
      return new SyncHarness(this);
    }
  }
}

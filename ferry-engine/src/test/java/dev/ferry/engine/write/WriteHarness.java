package dev.ferry.engine.write;

import dev.ferry.core.config.Setting;
import dev.ferry.core.config.Settings;
import dev.ferry.core.control.FerryService;
import dev.ferry.core.control.NewConnection;
import dev.ferry.core.control.SalesforceCredentials;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.port.ChangeLog;
import dev.ferry.core.sf.RecordStream;
import dev.ferry.core.sf.SfRecord;
import dev.ferry.core.soql.Soql;
import dev.ferry.core.state.MappingState;
import dev.ferry.emulator.Emulator;
import dev.ferry.emulator.server.EmulatorOptions;
import dev.ferry.engine.FerryEngine;
import dev.ferry.engine.cluster.ManualCoordinator;
import dev.ferry.engine.env.EngineSettings;
import dev.ferry.engine.it.Db;
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
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The write path wired to real parts: PostgreSQL, the emulator over HTTP, the real client, a full
 * engine with its write stores. Manual by default (a settable clock shared with the emulator, the
 * test runs mappings and writers itself); {@link Builder#threaded()} runs db-scheduler and the
 * writer threads on real time, as a deployment does.
 */
final class WriteHarness implements AutoCloseable {
  static final String SCHEMA = "salesforce";

  final InstantSource clock;
  final @Nullable MutableInstantSource manualClock;
  final Emulator emulator;
  final boolean ownEmulator;
  final EmulatorControls controls;
  final TestStores stores;
  final RecordingSyncEvents events = new RecordingSyncEvents();
  final FerryEngine engine;
  final FerryService service;
  final @Nullable ManualCoordinator coordinator;
  final HttpSalesforceApi admin;
  final Db app;
  final ConnectionId connection;
  private final boolean ownsConnection;

  private WriteHarness(Builder b) {
    this.manualClock =
        b.threaded ? null : new MutableInstantSource(Instant.now().truncatedTo(ChronoUnit.MINUTES));
    this.clock = manualClock != null ? manualClock : InstantSource.system();
    if (b.emulator != null) {
      this.emulator = b.emulator;
      this.ownEmulator = false;
    } else {
      this.emulator =
          Emulator.start(
              b.emulatorOptions
                  .apply(
                      EmulatorOptions.builder()
                          .port(0)
                          .seed(11)
                          .bulkMinProcessing(Duration.ofMillis(10))
                          .clock(clock))
                  .build());
      this.ownEmulator = true;
    }
    this.controls = new EmulatorControls(emulator.baseUrl());
    this.stores = new TestStores(b.pg, clock, 16);
    this.app = new Db(b.pg.dataSource());
    this.coordinator = b.threaded ? null : new ManualCoordinator(clock);
    Settings settings = Settings.defaults(FerryEngine.settings());
    for (Map.Entry<Setting<?>, Object> e : b.settings.entrySet()) settings = with(settings, e);
    UnaryOperator<SalesforceConfig.Builder> client = b.client;
    FerryEngine.Builder eb =
        FerryEngine.builder()
            .stores(stores.sync)
            .dataSource(stores.pool)
            .connector(new HttpSalesforceConnector(() -> client.apply(clientSettings())))
            .secretBox(new MarkedSecretBox())
            .clock(clock)
            .settings(settings)
            .events(events)
            .writeStores(writeStores(stores));
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
    ConnectionId existing =
        stores.sync.connections().list().stream()
            .filter(c -> c.schemaName().equals(SCHEMA))
            .map(dev.ferry.core.store.Connection::id)
            .findFirst()
            .orElse(null);
    this.ownsConnection = existing == null;
    this.connection =
        existing != null
            ? existing
            : service
                .createConnection(
                    new NewConnection("test", SCHEMA, credentials(emulator), Map.of()))
                .connection()
                .id();
  }

  static WriteStores writeStores(TestStores stores) {
    return new WriteStores(stores.jdbc.triggerLogs(), stores.jdbc.writeBatches());
  }

  @SuppressWarnings("unchecked")
  private static <T> Settings with(Settings s, Map.Entry<Setting<?>, Object> e) {
    return s.with((Setting<T>) e.getKey(), (T) e.getValue());
  }

  static SalesforceConfig.Builder clientSettings() {
    return SalesforceConfig.builder()
        .maxAttempts(3)
        .initialBackoff(Duration.ofMillis(20))
        .maxBackoff(Duration.ofMillis(100))
        .callDeadline(Duration.ofSeconds(30))
        .jobPollInitial(Duration.ofMillis(20))
        .jobPollMax(Duration.ofMillis(200));
  }

  static SalesforceCredentials credentials(Emulator e) {
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

  static Builder builder(PostgresExtension pg) {
    return new Builder(pg);
  }

  // ---- mappings and runs

  MappingId map(String object, MappingConfig config) {
    MappingId id = service.createMapping(connection, object, config).mapping().id();
    if (coordinator != null) {
      for (int i = 0; i < 5 && state(id) != MappingState.DATA_SYNCED; i++) {
        coordinator.runMapping(id);
      }
    } else {
      org.awaitility.Awaitility.await("mapping " + object + " loaded")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> state(id) == MappingState.DATA_SYNCED);
    }
    return id;
  }

  MappingState state(MappingId id) {
    return service.mapping(id).mapping().state();
  }

  /** Runs the mapping once (a poll: reads Salesforce's changes, Ferry's echoes included). */
  void poll(MappingId id) {
    advance(Duration.ofSeconds(3)); // past the poll's safety lag
    requireManual().runMapping(id);
  }

  /** One pass of the connection's writer on this thread. */
  void write() {
    engine.writers().runOnce(connection);
  }

  /**
   * Moves the clock on by {@code d}, then runs writer passes: a jump past the writer lease makes
   * the first pass find it lapsed and stand by; the next one takes it again and writes.
   */
  void writeLater(Duration d) {
    advance(d);
    write();
    write();
  }

  /** Writer passes until nothing is NEW or PENDING (moving the clock past retry waits). */
  void writeAll(int maxPasses) {
    for (int i = 0; i < maxPasses; i++) {
      if (waiting() == 0) return;
      Duration next = engine.writers().runOnce(connection);
      if (waiting() > 0 && manualClock != null) advance(next.plusMillis(1));
    }
    if (waiting() > 0) {
      throw new AssertionError(
          waiting()
              + " entries still waiting after "
              + maxPasses
              + " writer passes: "
              + app.rows(
                  "SELECT id, state, action, sf_message FROM salesforce._trigger_log"
                      + " WHERE state IN ('NEW', 'PENDING') ORDER BY id LIMIT 5"));
    }
  }

  long waiting() {
    return app.count(
        "SELECT count(*) FROM salesforce._trigger_log WHERE state IN ('NEW', 'PENDING')");
  }

  void advance(Duration d) {
    if (manualClock == null) throw new IllegalStateException("this harness runs on real time");
    manualClock.advance(d);
  }

  ManualCoordinator requireManual() {
    if (coordinator == null) throw new IllegalStateException("this harness uses db-scheduler");
    return coordinator;
  }

  ChangeLog changeLog() {
    return stores.jdbc.triggerLogs().changeLog(SCHEMA);
  }

  // ---- both sides

  /** Entries (live and archived) as {@code action:state}, in capture order. */
  List<String> entries() {
    return app
        .rows(
            "SELECT action, state FROM (SELECT id, action, state FROM salesforce._trigger_log"
                + " UNION ALL SELECT id, action, state FROM salesforce._trigger_log_archive) e"
                + " ORDER BY id")
        .stream()
        .map(r -> r.get("action") + ":" + r.get("state"))
        .toList();
  }

  /** Records of a SOQL query through the test's own client. */
  List<SfRecord> query(String soql) {
    List<SfRecord> out = new ArrayList<>();
    try (RecordStream s = admin.query(Soql.ofText(soql), false)) {
      while (s.hasNext()) out.add(s.next());
    }
    return out;
  }

  long sfCount(String soql) {
    return admin.count(Soql.ofText(soql), false);
  }

  /** API calls Salesforce counted for an endpoint class (composite, bulk, query, ...). */
  long apiCalls(String endpoint) {
    String stats = controls.stats();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"" + endpoint + "\"\\s*:\\s*(\\d+)").matcher(stats);
    if (!m.find()) throw new IllegalStateException("no " + endpoint + " in " + stats);
    return Long.parseLong(m.group(1));
  }

  @Override
  public void close() throws Exception {
    try {
      engine.stop();
      if (ownsConnection) {
        stores.sync.connections().delete(connection);
        stores.sync.schemaAdmin().dropSchema(SCHEMA);
      }
    } finally {
      admin.close();
      if (ownEmulator) emulator.close();
      stores.close();
    }
  }

  /** How to build a harness. */
  static final class Builder {
    private final PostgresExtension pg;
    private final Map<Setting<?>, Object> settings = new LinkedHashMap<>();
    private UnaryOperator<EmulatorOptions.Builder> emulatorOptions = b -> b;
    private UnaryOperator<SalesforceConfig.Builder> client = b -> b;
    private @Nullable Emulator emulator;
    private boolean threaded;

    private Builder(PostgresExtension pg) {
      this.pg = pg;
      settings.put(EngineSettings.DRIFT_ENABLED, false);
      settings.put(EngineSettings.BULK_STATUS_POLL_MILLIS, 20);
      settings.put(EngineSettings.MIN_POLL_SECONDS, 1);
      settings.put(WriteSettings.RETRY_MILLIS, 50);
      settings.put(WriteSettings.RETRY_MAX, Duration.ofSeconds(1));
      settings.put(WriteSettings.DEBOUNCE_MILLIS, 0);
      settings.put(WriteSettings.SETTLE, Duration.ZERO);
    }

    <T> Builder set(Setting<T> setting, T value) {
      settings.put(setting, value);
      return this;
    }

    Builder emulator(UnaryOperator<EmulatorOptions.Builder> customize) {
      this.emulatorOptions = customize;
      return this;
    }

    /** Shares a running emulator (it outlives the harness). */
    Builder emulator(Emulator running) {
      this.emulator = running;
      return this;
    }

    Builder client(UnaryOperator<SalesforceConfig.Builder> customize) {
      this.client = customize;
      return this;
    }

    /** db-scheduler, writer threads and real time. */
    Builder threaded() {
      this.threaded = true;
      return this;
    }

    WriteHarness start() {
      return new WriteHarness(this);
    }
  }
}

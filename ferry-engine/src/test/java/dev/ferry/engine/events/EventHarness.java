package dev.ferry.engine.events;

import dev.ferry.core.cdc.CdcSubscription;
import dev.ferry.core.config.Settings;
import dev.ferry.core.control.FerryService;
import dev.ferry.core.control.NewConnection;
import dev.ferry.core.control.SalesforceCredentials;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.sf.SaveRequest;
import dev.ferry.core.sf.SaveResult;
import dev.ferry.emulator.Emulator;
import dev.ferry.emulator.server.EmulatorOptions;
import dev.ferry.engine.FerryEngine;
import dev.ferry.engine.env.EngineSettings;
import dev.ferry.engine.it.Db;
import dev.ferry.engine.support.MarkedSecretBox;
import dev.ferry.engine.support.TestStores;
import dev.ferry.salesforce.HttpSalesforceApi;
import dev.ferry.salesforce.HttpSalesforceConnector;
import dev.ferry.salesforce.SalesforceConfig;
import dev.ferry.salesforce.pubsub.PubSubSettings;
import dev.ferry.testkit.PostgresExtension;
import dev.ferry.testkit.RecordingSyncEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The real parts of accelerated polling: an emulator serving the Pub/Sub API over real gRPC
 * (plaintext on loopback) with Account selected for Change Data Capture, a test database, and a
 * full engine (db-scheduler on real time, the change-event listener). The safety poll is 10
 * minutes, as in production: within a test, anything that reaches Postgres quickly came through an
 * event.
 */
final class EventHarness implements AutoCloseable {
  static final String SCHEMA = "salesforce";
  static final Duration SAFETY_POLL = Duration.ofMinutes(10);

  final Emulator emulator;
  final TestStores stores;
  final Db db;
  final RecordingSyncEvents events = new RecordingSyncEvents();
  final HttpSalesforceApi admin;
  private final PostgresExtension pg;
  private FerryEngine engine;
  FerryService service;
  ConnectionId connection;
  private final HttpClient http = HttpClient.newHttpClient();

  EventHarness(PostgresExtension pg, UnaryOperator<EmulatorOptions.Builder> emulatorOptions) {
    this.pg = pg;
    this.emulator =
        Emulator.start(
            emulatorOptions
                .apply(
                    EmulatorOptions.builder()
                        .port(0)
                        .seed(7)
                        .bulkMinProcessing(Duration.ofMillis(10))
                        .pubSubPort(0)
                        .pubSubPlaintext(true)
                        .changeEventEntities(Set.of("AccountChangeEvent")))
                .build());
    this.stores = new TestStores(pg, InstantSource.system(), 20);
    this.db = new Db(pg.dataSource());
    this.admin =
        HttpSalesforceApi.create(
            clientSettings(emulator)
                .loginUrl(emulator.baseUrl().toString())
                .credentials(HttpSalesforceConnector.credentials(credentials(emulator)))
                .build());
  }

  /** Starts (or starts again) a Ferry process on the database; creates the connection once. */
  EventHarness startFerry(String node, Map<String, Boolean> features) {
    engine = engine(node, stores, emulator, events);
    service = engine.service();
    engine.start();
    if (connection == null) {
      connection =
          service
              .createConnection(
                  new NewConnection("events", SCHEMA, credentials(emulator), features))
              .connection()
              .id();
    }
    return this;
  }

  /** Stops the Ferry process cleanly (streams closed, leases released). */
  void stopFerry() {
    engine.stop();
  }

  static FerryEngine engine(
      String node, TestStores stores, Emulator emulator, RecordingSyncEvents events) {
    return FerryEngine.builder()
        .stores(stores.sync)
        .dataSource(stores.pool)
        .connector(new HttpSalesforceConnector(() -> clientSettings(emulator)))
        .secretBox(new MarkedSecretBox())
        .settings(settings(node))
        .events(events)
        .cdcStore(stores.jdbc.cdc())
        .build();
  }

  static Settings settings(String node) {
    return Settings.defaults(FerryEngine.settings())
        .with(EngineSettings.NODE_NAME, node)
        .with(EngineSettings.DRIFT_ENABLED, false)
        .with(EngineSettings.MIN_POLL_SECONDS, 1)
        .with(EngineSettings.SCHEDULER_POLL_MILLIS, 200)
        .with(EngineSettings.BULK_STATUS_POLL_MILLIS, 20)
        .with(EventSettings.SAFETY_POLL, SAFETY_POLL)
        .with(EventSettings.DEBOUNCE_MILLIS, 50)
        .with(EventSettings.LEASE, Duration.ofSeconds(3));
  }

  static SalesforceConfig.Builder clientSettings(Emulator emulator) {
    return SalesforceConfig.builder()
        .maxAttempts(2)
        .initialBackoff(Duration.ofMillis(20))
        .maxBackoff(Duration.ofMillis(100))
        .callDeadline(Duration.ofSeconds(20))
        .jobPollInitial(Duration.ofMillis(20))
        .jobPollMax(Duration.ofMillis(200))
        .pubSub(pubSub(emulator.pubSubPort()));
  }

  static PubSubSettings pubSub(int port) {
    return new PubSubSettings(
        "127.0.0.1",
        port,
        true,
        null,
        Duration.ofSeconds(30),
        Duration.ofMillis(100),
        Duration.ofSeconds(1));
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

  /** A read-only mapping with accelerated polling, polled every second until events flow. */
  MappingId mapAccounts() {
    return map("Account", List.of("Id", "SystemModstamp", "Name", "Phone", "IsDeleted"));
  }

  MappingId map(String object, List<String> fields) {
    MappingConfig config = MappingConfig.of(Access.READ_ONLY, fields).withPolling(1, true);
    return service.createMapping(connection, object, config).mapping().id();
  }

  Optional<CdcSubscription> subscription(MappingId id) {
    return stores.jdbc.cdc().find(id);
  }

  String status(MappingId id) {
    return subscription(id).map(s -> s.status().name()).orElse("NONE");
  }

  // ---- Salesforce side

  List<String> create(String object, List<Map<String, Object>> records) {
    List<SaveRequest> requests = new ArrayList<>();
    for (Map<String, Object> r : records) {
      requests.add(new SaveRequest(object, null, new LinkedHashMap<>(r)));
    }
    return ids(admin.save(SaveOperation.CREATE, object, requests, null));
  }

  void update(String object, String id, Map<String, Object> fields) {
    ids(
        admin.save(
            SaveOperation.UPDATE,
            object,
            List.of(new SaveRequest(object, id, new LinkedHashMap<>(fields))),
            null));
  }

  private static List<String> ids(List<SaveResult> results) {
    List<String> ids = new ArrayList<>();
    for (SaveResult r : results) {
      if (!r.success()) throw new AssertionError("Salesforce refused a test record: " + r.errors());
      ids.add(r.id());
    }
    return ids;
  }

  /** POST /__emulator/pubsub/{path} with a JSON body; returns the answer. */
  String pubSubControl(String path, String json) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/__emulator/pubsub/" + path))
                  .header("Content-Type", "application/json")
                  .method(
                      json == null ? "GET" : "POST",
                      json == null
                          ? HttpRequest.BodyPublishers.noBody()
                          : HttpRequest.BodyPublishers.ofString(json))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200)
        throw new AssertionError(path + ": " + r.statusCode() + " " + r.body());
      return r.body();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String phone(String sfid) {
    Object v = db.value("SELECT phone FROM salesforce.account WHERE sfid = '" + sfid + "'");
    return v == null ? null : v.toString();
  }

  @Override
  public void close() throws Exception {
    try {
      if (engine != null) engine.stop();
      if (connection != null) stores.sync.connections().delete(connection);
      stores.sync.schemaAdmin().dropSchema(SCHEMA);
    } finally {
      admin.close();
      emulator.close();
      stores.close();
    }
  }
}

package dev.ferry.engine.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.ferry.core.cdc.CdcStatus;
import dev.ferry.core.config.Settings;
import dev.ferry.core.control.FerryService;
import dev.ferry.core.control.NewConnection;
import dev.ferry.core.control.SalesforceCredentials;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.port.ChangeEventSource;
import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.sf.SaveRequest;
import dev.ferry.emulator.Emulator;
import dev.ferry.emulator.server.EmulatorOptions;
import dev.ferry.engine.FerryEngine;
import dev.ferry.engine.env.EngineSettings;
import dev.ferry.engine.env.SyncStores;
import dev.ferry.engine.events.EventSettings;
import dev.ferry.engine.it.Orgs;
import dev.ferry.engine.support.MarkedSecretBox;
import dev.ferry.salesforce.HttpSalesforceApi;
import dev.ferry.salesforce.HttpSalesforceConnector;
import dev.ferry.salesforce.SalesforceConfig;
import dev.ferry.salesforce.pubsub.PubSubSettings;
import dev.ferry.store.JdbcStores;
import dev.ferry.store.StoreDataSources;
import dev.ferry.testkit.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Accelerated polling's two figures (docs/BENCHMARKS.md), each with its same-run baseline. Not a
 * test: run by hand.
 *
 * <pre>
 * EventsBenchmark latency CHANGES RATE_PER_SECOND POLL_SECONDS
 *   CHANGES REST updates of one record each at a steady rate (after 20 unmeasured warm-up
 *   updates); commit (the update call returned)
 *   to row visible in Postgres, with events on (safety poll 10 min), then events off (the same
 *   mapping polled every POLL_SECONDS).
 * EventsBenchmark cost MAPPINGS MINUTES SAFETY_POLL_SECONDS
 *   MAPPINGS idle mappings: API calls in MINUTES with events on (safety poll SAFETY_POLL_SECONDS),
 *   then the same mappings with events off at a 60 s poll.
 * </pre>
 */
public final class EventsBenchmark {
  private EventsBenchmark() {}

  /** Updates made (and not measured) before the events-on run. */
  private static final int WARM_UP = 20;

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "latency";
    if (mode.equals("latency")) {
      latency(
          args.length > 1 ? Integer.parseInt(args[1]) : 200,
          args.length > 2 ? Double.parseDouble(args[2]) : 4,
          args.length > 3 ? Integer.parseInt(args[3]) : 60);
    } else {
      cost(
          args.length > 1 ? Integer.parseInt(args[1]) : 50,
          args.length > 2 ? Integer.parseInt(args[2]) : 3,
          args.length > 3 ? Integer.parseInt(args[3]) : 60);
    }
    System.exit(0);
  }

  // ---- latency

  private static void latency(int changes, double rate, int pollSeconds) throws Exception {
    try (Rig rig = new Rig(Map.of(), Set.of("AccountChangeEvent"), Duration.ofMinutes(10))) {
      List<Map<String, Object>> records = new ArrayList<>();
      for (int i = 0; i < changes + WARM_UP; i++) records.add(Map.of("Name", "Latency " + i));
      List<String> all = rig.create("Account", records);
      List<String> warm = all.subList(0, WARM_UP);
      List<String> ids = all.subList(WARM_UP, all.size());
      MappingConfig on =
          MappingConfig.of(Access.READ_ONLY, List.of("Id", "SystemModstamp", "Name", "Phone"))
              .withPolling(pollSeconds, true);
      MappingId id = rig.service.createMapping(rig.connection, "Account", on).mapping().id();
      rig.awaitStatus(List.of(id), CdcStatus.LISTENING);
      rig.measure(warm, "warm", rate); // first use of the stream, Avro, the JIT: not measured
      long[] withEvents = rig.measure(ids, "on", rate);
      // the same mapping, events off: polled every POLL_SECONDS
      rig.service.updateMapping(id, on.withPolling(pollSeconds, false));
      Thread.sleep(3000);
      long[] polled = rig.measure(ids, "off", rate);
      System.out.printf(
          Locale.ROOT,
          "%d REST updates of one record at %.1f/s, commit -> row in Postgres:%n"
              + "  events on (safety poll 10 min):   p50 %d ms, p99 %d ms, max %d ms%n"
              + "  events off (poll every %d s):     p50 %d ms, p99 %d ms, max %d ms%n",
          changes,
          rate,
          pct(withEvents, 50),
          pct(withEvents, 99),
          withEvents[withEvents.length - 1],
          pollSeconds,
          pct(polled, 50),
          pct(polled, 99),
          polled[polled.length - 1]);
    }
  }

  private static long pct(long[] sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  // ---- API cost

  private static void cost(int mappings, int minutes, int safetySeconds) throws Exception {
    Path org = Files.createTempFile("org", ".json");
    Files.writeString(org, Orgs.withShips(mappings));
    Map<String, Integer> generate = new LinkedHashMap<>();
    Set<String> entities = new LinkedHashSet<>();
    for (int i = 0; i < mappings; i++) {
      generate.put(Orgs.ship(i), 100);
      entities.add(ChangeEventSource.channelOf(Orgs.ship(i)).substring("/data/".length()));
    }
    try (Rig rig = new Rig(generate, entities, Duration.ofSeconds(safetySeconds), org)) {
      List<MappingId> ids = new ArrayList<>();
      for (int i = 0; i < mappings; i++) {
        MappingConfig c =
            MappingConfig.of(
                    Access.READ_ONLY,
                    List.of("Id", "SystemModstamp", "Name", "Code__c", "Value__c"))
                .withPolling(60, true);
        ids.add(rig.service.createMapping(rig.connection, Orgs.ship(i), c).mapping().id());
      }
      rig.awaitStatus(ids, CdcStatus.LISTENING);
      Thread.sleep(Duration.ofSeconds(safetySeconds + 30)); // loads' first polls settled
      long before = rig.apiUsed();
      Thread.sleep(Duration.ofMinutes(minutes));
      long withEvents = rig.apiUsed() - before;
      for (int i = 0; i < mappings; i++) {
        MappingConfig c =
            MappingConfig.of(
                    Access.READ_ONLY,
                    List.of("Id", "SystemModstamp", "Name", "Code__c", "Value__c"))
                .withPolling(60, false);
        rig.service.updateMapping(ids.get(i), c);
      }
      Thread.sleep(Duration.ofSeconds(90)); // every mapping back on its 60 s poll
      before = rig.apiUsed();
      Thread.sleep(Duration.ofMinutes(minutes));
      long polled = rig.apiUsed() - before;
      double safetyPolls = (double) minutes * 60 / safetySeconds;
      System.out.printf(
          Locale.ROOT,
          "%d idle mappings, %d min each phase:%n"
              + "  events on, safety poll %d s: %d API calls = %.2f per mapping per safety poll%n"
              + "  events off, poll every 60 s: %d API calls = %.2f per mapping per poll%n",
          mappings,
          minutes,
          safetySeconds,
          withEvents,
          withEvents / (mappings * safetyPolls),
          polled,
          polled / (mappings * (minutes * 60 / 60.0)));
    } finally {
      Files.deleteIfExists(org);
    }
  }

  // ---- the rig: emulator (in this JVM, REST + gRPC), a fresh database, a full engine

  private static final class Rig implements AutoCloseable {
    final Emulator emulator;
    final PostgresServer pg = PostgresServer.get();
    final String db;
    final HikariDataSource pool;
    final FerryEngine engine;
    final FerryService service;
    final ConnectionId connection;
    final HttpSalesforceApi admin;
    final JdbcStores jdbc;

    Rig(Map<String, Integer> generate, Set<String> entities, Duration safetyPoll) throws Exception {
      this(generate, entities, safetyPoll, null);
    }

    Rig(Map<String, Integer> generate, Set<String> entities, Duration safetyPoll, Path org)
        throws Exception {
      EmulatorOptions.Builder o =
          EmulatorOptions.builder()
              .port(0)
              .generate(generate)
              .pubSubPort(0)
              .pubSubPlaintext(true)
              .changeEventEntities(entities);
      if (org != null) o.orgFile(org);
      emulator = Emulator.start(o.build());
      db = pg.createDatabase("events_bench");
      pool = StoreDataSources.pooled(pg.jdbcUrl(db), 10);
      jdbc = new JdbcStores(pool, InstantSource.system());
      jdbc.migrate();
      SyncStores stores =
          new SyncStores(
              jdbc.connections(),
              jdbc.mappings(),
              jdbc.watermarks(),
              jdbc.tableSink(),
              jdbc.schemaAdmin(),
              jdbc.pollWindows(),
              jdbc.jobSlots(),
              jdbc.apiBudget(),
              jdbc.notifications());
      Settings settings =
          Settings.defaults(FerryEngine.settings())
              .with(EngineSettings.DRIFT_DELAY, Duration.ofSeconds(60))
              .with(EngineSettings.WORKER_THREADS, 4)
              .with(EventSettings.SAFETY_POLL, safetyPoll);
      int port = emulator.pubSubPort();
      engine =
          FerryEngine.builder()
              .stores(stores)
              .dataSource(pool)
              .connector(new HttpSalesforceConnector(() -> client(port)))
              .secretBox(new MarkedSecretBox())
              .settings(settings)
              .cdcStore(jdbc.cdc())
              .build();
      service = engine.service();
      SalesforceCredentials credentials =
          new SalesforceCredentials(
              emulator.baseUrl().toString(),
              SalesforceCredentials.Flow.PASSWORD,
              EmulatorOptions.DEFAULT_CLIENT_ID,
              EmulatorOptions.DEFAULT_CLIENT_SECRET,
              EmulatorOptions.DEFAULT_USERNAME,
              EmulatorOptions.DEFAULT_PASSWORD,
              null,
              null,
              null);
      connection =
          service
              .createConnection(new NewConnection("bench", "salesforce", credentials, Map.of()))
              .connection()
              .id();
      engine.start();
      admin =
          HttpSalesforceApi.create(
              client(port)
                  .loginUrl(emulator.baseUrl().toString())
                  .credentials(HttpSalesforceConnector.credentials(credentials))
                  .build());
    }

    static SalesforceConfig.Builder client(int pubSubPort) {
      return SalesforceConfig.builder()
          .pubSub(
              new PubSubSettings(
                  "127.0.0.1",
                  pubSubPort,
                  true,
                  null,
                  PubSubSettings.DEFAULT_SILENCE,
                  Duration.ofSeconds(1),
                  Duration.ofSeconds(60)));
    }

    List<String> create(String object, List<Map<String, Object>> records) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < records.size(); i += 200) {
        List<SaveRequest> chunk = new ArrayList<>();
        for (Map<String, Object> r : records.subList(i, Math.min(records.size(), i + 200))) {
          chunk.add(new SaveRequest(object, null, new LinkedHashMap<>(r)));
        }
        admin.save(SaveOperation.CREATE, object, chunk, null).forEach(r -> ids.add(r.id()));
      }
      return ids;
    }

    void awaitStatus(List<MappingId> ids, CdcStatus status) throws InterruptedException {
      long until = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (System.nanoTime() < until) {
        boolean all =
            ids.stream()
                .allMatch(i -> jdbc.cdc().find(i).map(s -> s.status() == status).orElse(false));
        if (all) return;
        Thread.sleep(200);
      }
      throw new IllegalStateException("mappings not " + status + " after 5 minutes");
    }

    /**
     * Updates each record once (Phone = tag-i) at {@code rate} per second from one thread; a
     * watcher reads Postgres every 5 ms. Returns the sorted latencies in ms.
     */
    long[] measure(List<String> ids, String tag, double rate) throws Exception {
      Map<String, Long> committed = new ConcurrentHashMap<>();
      Map<String, Long> seen = new ConcurrentHashMap<>();
      Thread watcher =
          Thread.ofPlatform()
              .start(() -> {
                try (Connection c = pool.getConnection();
                    Statement s = c.createStatement()) {
                  while (seen.size() < ids.size() && !Thread.currentThread().isInterrupted()) {
                    try (ResultSet rs =
                        s.executeQuery(
                            "SELECT phone FROM salesforce.account WHERE phone LIKE '"
                                + tag
                                + "-%'")) {
                      long now = System.nanoTime();
                      while (rs.next()) seen.putIfAbsent(rs.getString(1), now);
                    }
                    Thread.sleep(5);
                  }
                } catch (Exception e) {
                  if (!(e instanceof InterruptedException)) e.printStackTrace();
                }
              });
      long step = (long) (1_000_000_000L / rate);
      long start = System.nanoTime();
      for (int i = 0; i < ids.size(); i++) {
        long due = start + i * step;
        long wait = due - System.nanoTime();
        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        String value = tag + "-" + i;
        admin.save(
            SaveOperation.UPDATE,
            "Account",
            List.of(
                new SaveRequest(
                    "Account", ids.get(i), new LinkedHashMap<>(Map.of("Phone", value)))),
            null);
        committed.put(value, System.nanoTime());
      }
      watcher.join(Duration.ofMinutes(15));
      watcher.interrupt();
      long[] out = new long[committed.size()];
      int n = 0;
      for (var e : committed.entrySet()) {
        Long s = seen.get(e.getKey());
        if (s == null) throw new IllegalStateException(e.getKey() + " never reached Postgres");
        out[n++] = Math.max(0, (s - e.getValue()) / 1_000_000);
      }
      Arrays.sort(out);
      return out;
    }

    long apiUsed() throws Exception {
      String body =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/__emulator/limits"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      Matcher m = Pattern.compile("\"apiRequestsUsed\"\\s*:\\s*(\\d+)").matcher(body);
      if (!m.find()) throw new IllegalStateException("no usage: " + body);
      return Long.parseLong(m.group(1));
    }

    @Override
    public void close() throws Exception {
      engine.stop();
      admin.close();
      emulator.close();
      pool.close();
      pg.dropDatabase(db);
    }
  }
}

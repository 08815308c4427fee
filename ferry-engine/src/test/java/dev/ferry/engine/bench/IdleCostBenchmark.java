package dev.ferry.engine.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.ferry.core.config.Settings;
import dev.ferry.core.control.FerryService;
import dev.ferry.core.control.NewConnection;
import dev.ferry.core.control.SalesforceCredentials;
import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.store.PollKind;
import dev.ferry.emulator.server.EmulatorOptions;
import dev.ferry.engine.FerryEngine;
import dev.ferry.engine.env.EngineSettings;
import dev.ferry.engine.env.SyncStores;
import dev.ferry.engine.it.Orgs;
import dev.ferry.engine.support.MarkedSecretBox;
import dev.ferry.salesforce.HttpSalesforceConnector;
import dev.ferry.salesforce.SalesforceConfig;
import dev.ferry.store.JdbcStores;
import dev.ferry.store.StoreDataSources;
import dev.ferry.testkit.PostgresServer;
import dev.ferry.testkit.RecordingSyncEvents;
import dev.ferry.testkit.RecordingSyncEvents.PollFinished;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * What 50 idle mappings cost: after they are loaded, nothing changes in Salesforce, and the engine
 * (db-scheduler, real time, drift on) is watched for a while. Reports Salesforce API calls, pool
 * checkouts, Postgres transactions and connections, per hour. Not a test: run by hand (see
 * docs/BENCHMARKS.md).
 *
 * <pre>IdleCostBenchmark POLL_SECONDS MEASURE_MINUTES</pre>
 */
public final class IdleCostBenchmark {
  private IdleCostBenchmark() {}

  public static void main(String[] args) throws Exception {
    int pollSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Path org = Files.createTempFile("org", ".json");
    Files.writeString(org, Orgs.withShips(50));
    String[] emulatorArgs = new String[52];
    emulatorArgs[0] = "--org";
    emulatorArgs[1] = org.toString();
    for (int i = 0; i < 50; i++) emulatorArgs[2 + i] = Orgs.ship(i) + "=100";
    String[] command = new String[5 + emulatorArgs.length];
    command[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    command[1] = "-Xmx1g";
    command[2] = "-cp";
    command[3] = System.getProperty("java.class.path");
    command[4] = EmulatorProcess.class.getName();
    System.arraycopy(emulatorArgs, 0, command, 5, emulatorArgs.length);
    Process emulator =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      String base = awaitUrl(emulator);
      run(base, pollSeconds, minutes);
    } finally {
      emulator.getOutputStream().close();
      emulator.waitFor();
      Files.deleteIfExists(org);
    }
  }

  private static void run(String base, int pollSeconds, int minutes) throws Exception {
    PostgresServer pg = PostgresServer.get();
    String db = pg.createDatabase("idle_bench");
    try (HikariDataSource pool = StoreDataSources.pooled(pg.jdbcUrl(db), 10)) {
      CountingDataSource counted = new CountingDataSource(pool);
      JdbcStores jdbc = new JdbcStores(counted, InstantSource.system());
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
      RecordingSyncEvents events = new RecordingSyncEvents();
      Settings settings =
          Settings.defaults(FerryEngine.settings())
              .with(EngineSettings.DRIFT_DELAY, Duration.ofSeconds(60))
              .with(EngineSettings.WORKER_THREADS, 4);
      FerryEngine engine =
          FerryEngine.builder()
              .stores(stores)
              .dataSource(counted)
              .connector(new HttpSalesforceConnector(SalesforceConfig::builder))
              .secretBox(new MarkedSecretBox())
              .settings(settings)
              .events(events)
              .build();
      FerryService service = engine.service();
      var connection =
          service
              .createConnection(
                  new NewConnection(
                      "idle",
                      "salesforce",
                      new SalesforceCredentials(
                          base,
                          SalesforceCredentials.Flow.PASSWORD,
                          EmulatorOptions.DEFAULT_CLIENT_ID,
                          EmulatorOptions.DEFAULT_CLIENT_SECRET,
                          EmulatorOptions.DEFAULT_USERNAME,
                          EmulatorOptions.DEFAULT_PASSWORD,
                          null,
                          null,
                          null),
                      Map.of()))
              .connection()
              .id();
      engine.start();
      for (int i = 0; i < 50; i++) {
        service.createMapping(
            connection,
            Orgs.ship(i),
            MappingConfig.of(
                    Access.READ_ONLY,
                    java.util.List.of("Id", "SystemModstamp", "Name", "Code__c", "Value__c"))
                .withPolling(pollSeconds, false));
      }
      // warm-up: every mapping loaded and polled once, secondaries under way
      long warmUntil =
          System.nanoTime() + Duration.ofSeconds(Math.max(90, pollSeconds + 70)).toNanos();
      while (System.nanoTime() < warmUntil) Thread.sleep(1000);

      long api0 = apiUsed(base);
      long checkouts0 = counted.checkouts.get();
      long xact0 = xacts(pool, db);
      long polls0 = events.count(PollFinished.class, p -> p.kind() == PollKind.PRIMARY);
      long secondaries0 = events.count(PollFinished.class, p -> p.kind() == PollKind.SECONDARY);
      int maxActive = 0;
      int maxOpen = 0;
      long end = System.nanoTime() + Duration.ofMinutes(minutes).toNanos();
      while (System.nanoTime() < end) {
        int[] c = connections(pool, db);
        maxOpen = Math.max(maxOpen, c[0]);
        maxActive = Math.max(maxActive, c[1]);
        Thread.sleep(200);
      }
      long api = apiUsed(base) - api0;
      long checkouts = counted.checkouts.get() - checkouts0;
      long xacts = xacts(pool, db) - xact0;
      long polls = events.count(PollFinished.class, p -> p.kind() == PollKind.PRIMARY) - polls0;
      long secondaries =
          events.count(PollFinished.class, p -> p.kind() == PollKind.SECONDARY) - secondaries0;
      double perHour = 60.0 / minutes;
      System.out.printf(
          Locale.ROOT,
          "50 idle mappings, sf_polling_seconds=%d, drift delay 60 s, measured %d min:%n"
              + "  primary polls %d, secondary polls %d%n"
              + "  Salesforce API calls %d (%.0f per hour; %.2f per primary poll)%n"
              + "  pool checkouts %d (%.0f per hour), Postgres transactions %d (%.0f per hour)%n"
              + "  connections open to the database at most %d (pool of 10 + sampler), active at"
              + " once at most %d%n",
          pollSeconds,
          minutes,
          polls,
          secondaries,
          api,
          api * perHour,
          (double) api / Math.max(1, polls),
          checkouts,
          checkouts * perHour,
          xacts,
          xacts * perHour,
          maxOpen,
          maxActive);
      engine.stop();
    } finally {
      pg.dropDatabase(db);
    }
  }

  private static int[] connections(DataSource ds, String db) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*), count(*) FILTER (WHERE state = 'active' AND pid <> pg_backend_pid())"
                    + " FROM pg_stat_activity WHERE datname = '"
                    + db
                    + "'")) {
      rs.next();
      return new int[] {rs.getInt(1), rs.getInt(2)};
    }
  }

  private static long xacts(DataSource ds, String db) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '"
                    + db
                    + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long apiUsed(String base) throws Exception {
    String body =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "/__emulator/limits")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher m = Pattern.compile("\"apiRequestsUsed\"\\s*:\\s*(\\d+)").matcher(body);
    if (!m.find()) throw new IllegalStateException("no usage: " + body);
    return Long.parseLong(m.group(1));
  }

  private static String awaitUrl(Process emulator) throws Exception {
    BufferedReader r =
        new BufferedReader(
            new InputStreamReader(emulator.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = r.readLine()) != null) {
      if (line.startsWith("URL ")) return line.substring(4).trim();
    }
    throw new IllegalStateException("the emulator did not start");
  }

  /** Counts connection checkouts. */
  private static final class CountingDataSource implements DataSource {
    final AtomicLong checkouts = new AtomicLong();
    private final DataSource ds;

    CountingDataSource(DataSource ds) {
      this.ds = ds;
    }

    @Override
    public Connection getConnection() throws SQLException {
      checkouts.incrementAndGet();
      return ds.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      checkouts.incrementAndGet();
      return ds.getConnection(user, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return ds.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      ds.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      ds.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return ds.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return ds.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      return iface.isInstance(this) ? iface.cast(this) : ds.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
      return iface.isInstance(this) || ds.isWrapperFor(iface);
    }
  }
}

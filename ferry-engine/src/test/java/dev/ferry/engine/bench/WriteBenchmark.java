package dev.ferry.engine.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.ferry.core.config.Settings;
import dev.ferry.core.control.FerryService;
import dev.ferry.core.control.NewConnection;
import dev.ferry.core.control.SalesforceCredentials;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.sf.BulkJob;
import dev.ferry.core.sf.CsvSource;
import dev.ferry.core.sf.IngestOperation;
import dev.ferry.core.sf.IngestSpec;
import dev.ferry.core.sf.IngestUpload;
import dev.ferry.core.sf.RecordHeader;
import dev.ferry.core.state.MappingState;
import dev.ferry.emulator.server.EmulatorOptions;
import dev.ferry.engine.FerryEngine;
import dev.ferry.engine.env.EngineSettings;
import dev.ferry.engine.env.SyncStores;
import dev.ferry.engine.support.MarkedSecretBox;
import dev.ferry.engine.write.WriteStores;
import dev.ferry.salesforce.HttpSalesforceApi;
import dev.ferry.salesforce.HttpSalesforceConnector;
import dev.ferry.salesforce.SalesforceConfig;
import dev.ferry.store.JdbcStores;
import dev.ferry.store.StoreDataSources;
import dev.ferry.testkit.EmulatorControls;
import dev.ferry.testkit.PostgresServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The write path's throughput and latency, measured by hand (see docs/BENCHMARKS.md), never in the
 * test run. A deployed engine (db-scheduler, writer threads, LISTEN/NOTIFY, real time) writes to
 * the emulator running in its own JVM:
 *
 * <ol>
 *   <li>ROWS Contacts inserted by one SQL statement → all {@code INSERTED}: with an upsert field
 *       (Bulk API 2.0 upserts, parallel jobs) and without one (sObject Collections creates);
 *   <li>the same rows as one CSV ingested by a direct Bulk 2.0 insert (the emulator's raw rate);
 *   <li>single-row inserts: commit → {@code _hc_lastop = 'INSERTED'}, p50/p99.
 * </ol>
 *
 * <pre>WriteBenchmark ROWS ROUNDS LATENCY_SAMPLES</pre>
 */
public final class WriteBenchmark {
  private static final List<String> FIELDS =
      List.of(
          "Id",
          "IsDeleted",
          "SystemModstamp",
          "FirstName",
          "LastName",
          "Email",
          "Score__c",
          "Contact_UUID__c");

  private WriteBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int samples = args.length > 2 ? Integer.parseInt(args[2]) : 300;
    Process emulator =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx8g",
                "-cp",
                System.getProperty("java.class.path"),
                EmulatorProcess.class.getName(),
                "Account=10")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      String base = awaitUrl(emulator);
      new WriteBenchmark.Run(base).run(rows, rounds, samples);
    } finally {
      emulator.getOutputStream().close();
      emulator.waitFor();
    }
  }

  private static final class Run {
    private final String base;
    private final EmulatorControls controls;

    Run(String base) {
      this.base = base;
      this.controls = new EmulatorControls(URI.create(base));
    }

    void run(int rows, int rounds, int samples) throws Exception {
      PostgresServer pg = PostgresServer.get();
      String db = pg.createDatabase("write_bench");
      SalesforceCredentials credentials =
          new SalesforceCredentials(
              base,
              SalesforceCredentials.Flow.PASSWORD,
              EmulatorOptions.DEFAULT_CLIENT_ID,
              EmulatorOptions.DEFAULT_CLIENT_SECRET,
              EmulatorOptions.DEFAULT_USERNAME,
              EmulatorOptions.DEFAULT_PASSWORD,
              null,
              null,
              null);
      try (HikariDataSource pool = StoreDataSources.pooled(pg.jdbcUrl(db), 12);
          HikariDataSource app = appPool(pg.jdbcUrl(db));
          HttpSalesforceApi admin =
              HttpSalesforceApi.create(
                  SalesforceConfig.builder()
                      .loginUrl(base)
                      .credentials(HttpSalesforceConnector.credentials(credentials))
                      .build())) {
        JdbcStores jdbc = new JdbcStores(pool, InstantSource.system());
        jdbc.migrate();
        FerryEngine engine =
            FerryEngine.builder()
                .stores(
                    new SyncStores(
                        jdbc.connections(),
                        jdbc.mappings(),
                        jdbc.watermarks(),
                        jdbc.tableSink(),
                        jdbc.schemaAdmin(),
                        jdbc.pollWindows(),
                        jdbc.jobSlots(),
                        jdbc.apiBudget(),
                        jdbc.notifications()))
                .dataSource(pool)
                .connector(new HttpSalesforceConnector(SalesforceConfig::builder))
                .secretBox(new MarkedSecretBox())
                .settings(
                    Settings.defaults(FerryEngine.settings())
                        .with(EngineSettings.DRIFT_ENABLED, false))
                .writeStores(new WriteStores(jdbc.triggerLogs(), jdbc.writeBatches()))
                .build();
        engine.start();
        try {
          FerryService service = engine.service();
          ConnectionId bulkConn =
              service
                  .createConnection(new NewConnection("bulk", "salesforce", credentials, Map.of()))
                  .connection()
                  .id();
          ConnectionId restConn =
              service
                  .createConnection(
                      new NewConnection("collections", "salesforce2", credentials, Map.of()))
                  .connection()
                  .id();
          MappingConfig config =
              MappingConfig.of(Access.READ_WRITE, FIELDS).withPolling(3600, false);
          await(
              service,
              service
                  .createMapping(bulkConn, "Contact", config.withUpsertField("Contact_UUID__c"))
                  .mapping()
                  .id());
          await(service, service.createMapping(restConn, "Contact", config).mapping().id());

          System.out.printf(
              Locale.ROOT,
              "rows=%d rounds=%d latency_samples=%d cores=%d heap(max)=%d MB%n",
              rows,
              rounds,
              samples,
              Runtime.getRuntime().availableProcessors(),
              Runtime.getRuntime().maxMemory() >> 20);
          // warm the emulator's save path up (its first jobs run at a quarter of the speed)
          direct(admin, 20_000, "warm");
          List<String> lines = new ArrayList<>();
          for (int round = 1; round <= rounds; round++) {
            lines.add(
                ferry(app, "salesforce", rows, "b" + round, "Ferry, upsert field (Bulk API 2.0)"));
            lines.add(direct(admin, rows, "d" + round));
            lines.add(
                ferry(
                    app, "salesforce2", rows, "c" + round, "Ferry, no upsert field (collections)"));
          }
          lines.forEach(System.out::println);
          latency(app, samples);
        } finally {
          engine.stop();
        }
      } finally {
        pg.dropDatabase(db);
      }
    }

    private String ferry(HikariDataSource app, String schema, int rows, String tag, String what)
        throws Exception {
      execute(app, "TRUNCATE " + schema + ".contact");
      Map<String, Long> before = calls();
      long t0 = System.nanoTime();
      execute(
          app,
          "INSERT INTO "
              + schema
              + ".contact (lastname, firstname, email, score__c, contact_uuid__c)"
              + " SELECT 'W' || g, 'F' || (g % 100), 'w' || g || '@example.com', g % 1000,"
              + " '"
              + tag
              + "-' || g FROM generate_series(1, "
              + rows
              + ") g");
      long inserted = System.nanoTime();
      while (count(app, "SELECT count(*) FROM " + schema + ".contact WHERE _hc_lastop = 'INSERTED'")
          < rows) {
        if (count(app, "SELECT count(*) FROM " + schema + ".contact WHERE _hc_lastop = 'FAILED'")
            > 0) {
          throw new IllegalStateException("writes failed in " + schema);
        }
        Thread.sleep(100);
      }
      long done = System.nanoTime();
      Map<String, Long> after = calls();
      double secs = (done - t0) / 1e9;
      return String.format(
          Locale.ROOT,
          "%-40s %,d rows: %.2f s (%.0f rows/s; the INSERT itself %.2f s); API calls:"
              + " composite %d, bulk %d, other %d",
          what,
          rows,
          secs,
          rows / secs,
          (inserted - t0) / 1e9,
          after.get("composite") - before.get("composite"),
          after.get("bulk") - before.get("bulk"),
          sum(after)
              - sum(before)
              - (after.get("composite") - before.get("composite"))
              - (after.get("bulk") - before.get("bulk")));
    }

    /** The same rows as one CSV, ingested by one direct Bulk 2.0 insert. */
    private String direct(HttpSalesforceApi admin, int rows, String tag) throws Exception {
      CsvSource csv = csv(rows, tag);
      Map<String, Long> before = calls();
      long t0 = System.nanoTime();
      List<IngestUpload> jobs =
          admin.ingest(new IngestSpec("Contact", IngestOperation.INSERT, null), csv);
      long failed = 0;
      for (IngestUpload u : jobs) {
        BulkJob j = admin.awaitIngestJob(u.job().id(), Duration.ofHours(1), () -> false);
        failed += j.numberRecordsFailed();
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      if (failed > 0) throw new IllegalStateException(failed + " rows failed in the direct ingest");
      Map<String, Long> after = calls();
      return String.format(
          Locale.ROOT,
          "%-40s %,d rows: %.2f s (%.0f rows/s); API calls: bulk %d",
          "direct Bulk 2.0 insert of the same CSV",
          rows,
          secs,
          rows / secs,
          after.get("bulk") - before.get("bulk"));
    }

    private void latency(HikariDataSource app, int samples) throws Exception {
      execute(app, "TRUNCATE salesforce.contact");
      long[] nanos = new long[samples];
      try (Connection c = app.getConnection();
          PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO salesforce.contact (lastname, contact_uuid__c) VALUES (?, ?)"
                      + " RETURNING id");
          PreparedStatement poll =
              c.prepareStatement("SELECT _hc_lastop FROM salesforce.contact WHERE id = ?")) {
        for (int i = 0; i < samples; i++) {
          insert.setString(1, "Lat " + i);
          insert.setString(2, "lat-" + i);
          long t0 = System.nanoTime();
          int id;
          try (ResultSet rs = insert.executeQuery()) {
            rs.next();
            id = rs.getInt(1);
          }
          poll.setInt(1, id);
          while (true) {
            try (ResultSet rs = poll.executeQuery()) {
              rs.next();
              if ("INSERTED".equals(rs.getString(1))) break;
            }
            Thread.sleep(0, 200_000);
          }
          nanos[i] = System.nanoTime() - t0;
          Thread.sleep(50); // one change at a time, as an interactive application makes them
        }
      }
      Arrays.sort(nanos);
      System.out.printf(
          Locale.ROOT,
          "single-row insert, commit → _hc_lastop = INSERTED (%d samples, debounce 20 ms):"
              + " p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
          samples,
          nanos[samples / 2] / 1e6,
          nanos[(int) (samples * 0.9)] / 1e6,
          nanos[Math.min(samples - 1, (int) (samples * 0.99))] / 1e6,
          nanos[samples - 1] / 1e6);
    }

    private Map<String, Long> calls() {
      String stats = controls.stats();
      Map<String, Long> out = new java.util.LinkedHashMap<>();
      for (String k : List.of("oauth", "query", "sobjects", "composite", "bulk", "other")) {
        Matcher m = Pattern.compile("\"" + k + "\"\\s*:\\s*(\\d+)").matcher(stats);
        out.put(k, m.find() ? Long.parseLong(m.group(1)) : 0L);
      }
      return out;
    }
  }

  private static long sum(Map<String, Long> calls) {
    return calls.values().stream().mapToLong(Long::longValue).sum();
  }

  private static CsvSource csv(int rows, String tag) {
    return new CsvSource() {
      @Override
      public RecordHeader header() {
        return RecordHeader.of("LastName", "FirstName", "Email", "Score__c", "Contact_UUID__c");
      }

      @Override
      public int rowCount() {
        return rows;
      }

      @Override
      public void writeRows(int from, int to, Writer out) throws IOException {
        for (int g = from + 1; g <= to; g++) {
          out.write(
              "W"
                  + g
                  + ",F"
                  + (g % 100)
                  + ",w"
                  + g
                  + "@example.com,"
                  + (g % 1000)
                  + ","
                  + tag
                  + "-"
                  + g
                  + "\n");
        }
      }
    };
  }

  private static void await(FerryService service, MappingId id) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      if (service.mapping(id).mapping().state() == MappingState.DATA_SYNCED) return;
      Thread.sleep(100);
    }
    throw new IllegalStateException("mapping " + id + " did not load");
  }

  private static HikariDataSource appPool(String jdbcUrl) {
    HikariDataSource ds = new HikariDataSource();
    ds.setJdbcUrl(jdbcUrl); // an application's session: its changes are captured
    ds.setMaximumPoolSize(2);
    return ds;
  }

  private static void execute(HikariDataSource ds, String sql) throws Exception {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static long count(HikariDataSource ds, String sql) throws Exception {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
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
}

package dev.ferry.engine.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.ferry.core.control.FerryService;
import dev.ferry.core.control.NewConnection;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.Access;
import dev.ferry.core.model.ColumnSpec;
import dev.ferry.core.model.IndexSpec;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.model.TableDesigner;
import dev.ferry.core.model.TableSpec;
import dev.ferry.core.sf.SObjectDescribe;
import dev.ferry.core.soql.Condition;
import dev.ferry.core.soql.Soql;
import dev.ferry.emulator.server.EmulatorOptions;
import dev.ferry.engine.FerryEngine;
import dev.ferry.engine.cluster.ManualCoordinator;
import dev.ferry.engine.env.SyncStores;
import dev.ferry.engine.support.MarkedSecretBox;
import dev.ferry.salesforce.HttpSalesforceApi;
import dev.ferry.salesforce.HttpSalesforceConnector;
import dev.ferry.salesforce.SalesforceConfig;
import dev.ferry.store.JdbcStores;
import dev.ferry.store.StoreDataSources;
import dev.ferry.testkit.PostgresServer;
import dev.ferry.testkit.RecordingSyncEvents;
import dev.ferry.testkit.RecordingSyncEvents.LoadFinished;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reload of N Contacts through Bulk API 2.0 by the engine (RELOAD_TABLE → WAIT_BULK_LOAD →
 * LOADING_BULK_JOB → DATA_SYNCED, table cleared first) against curl of the same query's result
 * pages piped to {@code psql \copy} into a table with the same DDL, rounds alternating in one run.
 * Also the API calls per 10,000 rows of a Bulk reload and of a REST load. Not a test: run by hand
 * (see docs/BENCHMARKS.md).
 *
 * <pre>ReloadBenchmark ROWS ROUNDS</pre>
 */
public final class ReloadBenchmark {
  private static final List<String> FIELDS =
      List.of(
          "Id",
          "IsDeleted",
          "SystemModstamp",
          "CreatedDate",
          "FirstName",
          "LastName",
          "Name",
          "Email",
          "Phone",
          "Birthdate",
          "HasOptedOutOfEmail",
          "Score__c",
          "Level__c",
          "AccountId",
          "MailingStreet",
          "MailingCity",
          "MailingState",
          "MailingPostalCode",
          "MailingCountry",
          "Contact_UUID__c");

  private ReloadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Process emulator =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx6g",
                "-cp",
                System.getProperty("java.class.path"),
                EmulatorProcess.class.getName(),
                "Account=10000",
                "Contact=" + rows)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      String base = awaitUrl(emulator);
      run(base, rows, rounds);
    } finally {
      emulator.getOutputStream().close();
      emulator.waitFor();
    }
  }

  private static void run(String base, int rows, int rounds) throws Exception {
    PostgresServer pg = PostgresServer.get();
    String db = pg.createDatabase("reload_bench");
    String jdbc = pg.jdbcUrl(db);
    String psqlUrl = "postgresql://postgres@127.0.0.1:" + pg.port() + "/" + db;
    try (HikariDataSource pool = StoreDataSources.pooled(jdbc, 6)) {
      JdbcStores jdbcStores = new JdbcStores(pool, InstantSource.system());
      jdbcStores.migrate();
      SyncStores stores =
          new SyncStores(
              jdbcStores.connections(),
              jdbcStores.mappings(),
              jdbcStores.watermarks(),
              jdbcStores.tableSink(),
              jdbcStores.schemaAdmin(),
              jdbcStores.pollWindows(),
              jdbcStores.jobSlots(),
              jdbcStores.apiBudget(),
              jdbcStores.notifications());
      RecordingSyncEvents events = new RecordingSyncEvents();
      ManualCoordinator coordinator = new ManualCoordinator(InstantSource.system());
      var credentials =
          new dev.ferry.core.control.SalesforceCredentials(
              base,
              dev.ferry.core.control.SalesforceCredentials.Flow.PASSWORD,
              EmulatorOptions.DEFAULT_CLIENT_ID,
              EmulatorOptions.DEFAULT_CLIENT_SECRET,
              EmulatorOptions.DEFAULT_USERNAME,
              EmulatorOptions.DEFAULT_PASSWORD,
              null,
              null,
              null);
      FerryEngine engine =
          FerryEngine.builder()
              .stores(stores)
              .connector(new HttpSalesforceConnector(SalesforceConfig::builder))
              .secretBox(new MarkedSecretBox())
              .coordinator(coordinator)
              .events(events)
              .build();
      engine.start();
      FerryService service = engine.service();
      var connection =
          service
              .createConnection(new NewConnection("bench", "salesforce", credentials, Map.of()))
              .connection()
              .id();
      MappingConfig config = MappingConfig.of(Access.READ_ONLY, FIELDS);

      HttpSalesforceApi admin =
          HttpSalesforceApi.create(
              SalesforceConfig.builder()
                  .loginUrl(base)
                  .credentials(HttpSalesforceConnector.credentials(credentials))
                  .build());
      SObjectDescribe describe = admin.describe("Contact");
      TableSpec spec = TableDesigner.herokuConnect().design(describe, config, Map.of());
      TableSpec copy = renamed(spec, "contact_copy");
      stores.schemaAdmin().createTable("salesforce", copy);
      List<String> bulkColumns = new ArrayList<>();
      List<String> headerOrder = spec.syncedColumns().stream().map(ColumnSpec::sourcePath).toList();
      for (String path : headerOrder) {
        bulkColumns.add(path.equalsIgnoreCase("Id") ? "sfid" : path.toLowerCase(Locale.ROOT));
      }
      String token = token(base);

      System.out.printf(
          Locale.ROOT,
          "rows=%d rounds=%d heap(max)=%d MB cores=%d%n",
          rows,
          rounds,
          Runtime.getRuntime().maxMemory() >> 20,
          Runtime.getRuntime().availableProcessors());
      MappingId id = service.createMapping(connection, "Contact", config).mapping().id();
      List<String> lines = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        // Ferry
        if (round > 1) service.reload(id);
        events.clear();
        long usedBefore = apiUsed(base);
        resetPeaks();
        long t0 = System.nanoTime();
        coordinator.runMapping(id);
        long ferryNanos = System.nanoTime() - t0;
        long peak = peakHeap();
        long apiCalls = apiUsed(base) - usedBefore;
        LoadFinished load = events.events(LoadFinished.class).get(0);
        long loaded = stores.schemaAdmin().rowCount("salesforce", "contact");

        // baseline: the same query (all fields the load reads, everything stamped before now)
        try (var c = pool.getConnection();
            var s = c.createStatement()) {
          s.execute("TRUNCATE salesforce.contact_copy");
        }
        Soql soql =
            Soql.select(headerOrder)
                .from("Contact")
                .where(Condition.lt("SystemModstamp", Instant.now().minusSeconds(2)))
                .build();
        Path soqlFile = Files.createTempFile("soql", ".txt");
        Files.writeString(soqlFile, soql.text());
        long t1 = System.nanoTime();
        Process p =
            new ProcessBuilder(
                    "ferry-engine/bench/curl-copy.sh",
                    base,
                    token,
                    soqlFile.toString(),
                    psqlUrl,
                    "salesforce.contact_copy",
                    String.join(",", bulkColumns),
                    String.join(",", bulkColumns))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String copied =
            new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) throw new IllegalStateException("curl | psql failed");
        long baseNanos = System.nanoTime() - t1;
        long copiedRows = stores.schemaAdmin().rowCount("salesforce", "contact_copy");

        String line =
            String.format(
                Locale.ROOT,
                "round %d | Ferry %d rows in %,d ms (%,.0f rows/s; load step %,d ms), peak heap %d MB,"
                    + " %d API calls (%.2f per 10,000 rows) | curl|psql \\copy %s rows (%d in table)"
                    + " in %,d ms (%,.0f rows/s) | ratio %.2f",
                round,
                loaded,
                ferryNanos / 1_000_000,
                loaded / (ferryNanos / 1e9),
                load.took().toMillis(),
                peak >> 20,
                apiCalls,
                apiCalls * 10_000.0 / loaded,
                copied,
                copiedRows,
                baseNanos / 1_000_000,
                copiedRows / (baseNanos / 1e9),
                (double) baseNanos / ferryNanos);
        System.out.println(line);
        lines.add(line);
      }

      // REST: a 10,000-row object loads through REST (COUNT, then 2,000-row pages)
      events.clear();
      long before = apiUsed(base);
      MappingId accounts =
          service
              .createMapping(
                  connection,
                  "Account",
                  MappingConfig.of(
                      Access.READ_ONLY, List.of("Id", "SystemModstamp", "Name", "Industry")))
              .mapping()
              .id();
      coordinator.runMapping(accounts);
      long restCalls = apiUsed(base) - before;
      long restRows = stores.schemaAdmin().rowCount("salesforce", "account");
      System.out.printf(
          Locale.ROOT,
          "REST load of %d Accounts (%s): %d API calls (%.2f per 10,000 rows, describe included)%n",
          restRows,
          events.events(LoadFinished.class).get(0).api(),
          restCalls,
          restCalls * 10_000.0 / restRows);
      engine.stop();
      admin.close();
    } finally {
      pg.dropDatabase(db);
    }
  }

  private static TableSpec renamed(TableSpec spec, String table) {
    List<IndexSpec> indexes =
        spec.indexes().stream()
            .map(i ->
                new IndexSpec(i.name().replace(spec.tableName(), table), i.columns(), i.unique()))
            .toList();
    return new TableSpec(
        spec.objectName(),
        table,
        spec.access(),
        spec.columns(),
        indexes,
        spec.upsertColumn(),
        List.of());
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

  private static String token(String base) throws Exception {
    String form =
        "grant_type=password&client_id="
            + EmulatorOptions.DEFAULT_CLIENT_ID
            + "&client_secret="
            + EmulatorOptions.DEFAULT_CLIENT_SECRET
            + "&username="
            + EmulatorOptions.DEFAULT_USERNAME.replace("@", "%40")
            + "&password="
            + EmulatorOptions.DEFAULT_PASSWORD;
    String body = post(base + "/services/oauth2/token", "application/x-www-form-urlencoded", form);
    Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
    if (!m.find()) throw new IllegalStateException("no token: " + body);
    return m.group(1);
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

  private static String post(String url, String type, String body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
  }

  /** The sum of the heap pools' peak usage since the last reset. */
  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
    }
    return sum;
  }
}

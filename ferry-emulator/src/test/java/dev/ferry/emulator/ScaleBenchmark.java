package dev.ferry.emulator;

import com.sun.net.httpserver.HttpServer;
import dev.ferry.emulator.server.EmulatorOptions;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scale and throughput of the emulator (not a test; run by hand, see docs/BENCHMARKS.md): heap held
 * by N generated Contacts, Bulk 2.0 query results served per second, REST query pages per second,
 * against a same-run baseline (a plain JDK HTTP server serving bytes of the same size).
 *
 * <p>Arguments: contacts (default 2,000,000), accounts (default 20,000).
 */
public final class ScaleBenchmark {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().build();

  public static void main(String[] args) throws Exception {
    int contacts = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    int accounts = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    System.out.printf(
        "machine: %d cores, max heap %d MB, java %s%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.version"));

    long emptyHeap;
    try (Emulator empty = Emulator.start(EmulatorOptions.builder().port(0).build())) {
      emptyHeap = usedHeapAfterGc();
    }
    long t0 = System.nanoTime();
    try (Emulator e =
        Emulator.start(
            EmulatorOptions.builder()
                .port(0)
                .generate(Map.of("Account", accounts, "Contact", contacts))
                .bulkMinProcessing(Duration.ZERO)
                .build())) {
      double startSeconds = (System.nanoTime() - t0) / 1e9;
      long heap = usedHeapAfterGc();
      System.out.printf(
          "start with %,d contacts + %,d accounts: %.1f s; heap after GC %,d MB (empty org: %,d MB)%n",
          contacts, accounts, startSeconds, heap >> 20, emptyHeap >> 20);
      String base = e.baseUrl().toString();
      String token = login(base);
      bulkQuery(
          base,
          token,
          "SELECT Id, FirstName, LastName, Email, Phone, AccountId, MailingCity, SystemModstamp FROM Contact",
          50_000);
      bulkQuery(
          base,
          token,
          "SELECT Id, FirstName, LastName, Email, Phone, AccountId, MailingCity, SystemModstamp FROM Contact",
          50_000);
      bulkQuery(
          base,
          token,
          "SELECT Id, LastName, Account.Name, Account.External_Id__c FROM Contact",
          50_000);
      restQuery(
          base, token, "SELECT Id, FirstName, LastName, Email, SystemModstamp FROM Contact", 100);
      baseline();
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static String login(String base) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/services/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "grant_type=password&client_id=emulator-client&client_secret=emulator-secret&username=admin@example.com&password=password"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body()).path("access_token").asString();
  }

  private static void bulkQuery(String base, String token, String soql, int maxRecords)
      throws Exception {
    String api = base + "/services/data/v59.0/jobs/query";
    long t0 = System.nanoTime();
    HttpResponse<String> created =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(api))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"operation\":\"query\",\"query\":\"" + soql + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String id = JSON.readTree(created.body()).path("id").asString();
    JsonNode info;
    do {
      Thread.sleep(20);
      info =
          JSON.readTree(
              HTTP.send(
                      HttpRequest.newBuilder(URI.create(api + "/" + id))
                          .header("Authorization", "Bearer " + token)
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
    } while (!info.path("state").asString().equals("JobComplete"));
    double jobSeconds = (System.nanoTime() - t0) / 1e9;
    long rows = 0;
    long bytes = 0;
    String locator = null;
    long t1 = System.nanoTime();
    do {
      String url =
          api
              + "/"
              + id
              + "/results?maxRecords="
              + maxRecords
              + (locator == null ? "" : "&locator=" + locator);
      HttpResponse<InputStream> page =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = page.body()) {
        byte[] buf = new byte[256 * 1024];
        for (int n; (n = in.read(buf)) > 0; ) {
          bytes += n;
        }
      }
      rows += Long.parseLong(page.headers().firstValue("Sforce-NumberOfRecords").orElseThrow());
      locator = page.headers().firstValue("Sforce-Locator").orElseThrow();
    } while (!locator.equals("null"));
    double fetchSeconds = (System.nanoTime() - t1) / 1e9;
    System.out.printf(
        "bulk query [%s]: job %.2f s; %,d rows, %,d MB in %.2f s = %,.0f rows/s, %.0f MB/s (pages of %,d)%n",
        soql,
        jobSeconds,
        rows,
        bytes >> 20,
        fetchSeconds,
        rows / fetchSeconds,
        (bytes / 1048576.0) / fetchSeconds,
        maxRecords);
  }

  private static void restQuery(String base, String token, String soql, int pages)
      throws Exception {
    long t0 = System.nanoTime();
    String url =
        base + "/services/data/v59.0/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8);
    long rows = 0;
    long bytes = 0;
    for (int i = 0; i < pages && url != null; i++) {
      HttpResponse<byte[]> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      bytes += r.body().length;
      JsonNode page = JSON.readTree(r.body());
      rows += page.path("records").size();
      url = page.path("done").asBoolean() ? null : base + page.path("nextRecordsUrl").asString();
    }
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        "REST query [%s]: %,d rows in %d pages, %,d MB in %.2f s = %,.0f rows/s (client parses JSON)%n",
        soql, rows, pages, bytes >> 20, s, rows / s);
  }

  /** The same client reading the same volume from a plain JDK HTTP server: the loopback ceiling. */
  private static void baseline() throws Exception {
    byte[] page = new byte[8 * 1024 * 1024];
    java.util.Arrays.fill(page, (byte) 'x');
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          ex.sendResponseHeaders(200, page.length);
          try (var out = ex.getResponseBody()) {
            out.write(page);
          }
        });
    server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    try {
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
      long bytes = 0;
      long t0 = System.nanoTime();
      for (int i = 0; i < 64; i++) {
        try (InputStream in =
            HTTP.send(
                    HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofInputStream())
                .body()) {
          byte[] buf = new byte[256 * 1024];
          for (int n; (n = in.read(buf)) > 0; ) {
            bytes += n;
          }
        }
      }
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "baseline: JDK HttpServer, static 8 MB bodies: %,d MB in %.2f s = %.0f MB/s%n",
          bytes >> 20, s, (bytes / 1048576.0) / s);
    } finally {
      server.stop(0);
    }
  }
}

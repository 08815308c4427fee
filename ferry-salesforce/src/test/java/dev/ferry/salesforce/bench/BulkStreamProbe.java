package dev.ferry.salesforce.bench;

import dev.ferry.core.sf.BulkJob;
import dev.ferry.core.sf.QueryResultPage;
import dev.ferry.core.sf.SfRecord;
import dev.ferry.core.soql.Soql;
import dev.ferry.salesforce.HttpSalesforceApi;
import dev.ferry.salesforce.SalesforceConfig;
import dev.ferry.salesforce.auth.Credentials;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams every row of a Bulk API 2.0 query into nothing and reports what it cost: the client-side
 * half of the memory proof (run in a small heap) and of the benchmark. Prints one {@code key=value}
 * line.
 *
 * <pre>
 * java -Xmx64m -cp ... BulkStreamProbe BASE_URL "SOQL" [maxRecords|auto] [gzip|plain]
 *     [--job JOB_ID] [--repeat N] [--urls FILE] [--curl]
 * </pre>
 *
 * Logs in with the emulator's default user unless FERRY_PROBE_USERNAME/PASSWORD/CLIENT_ID/SECRET
 * are set. {@code --job} reads an existing finished job again (its locators stay valid); {@code
 * --urls} writes the result page URLs; {@code --curl} fetches the same pages with curl to /dev/null
 * after every round (rounds alternate, so both sides see the same machine noise).
 */
public final class BulkStreamProbe {
  private BulkStreamProbe() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println(
          "usage: BulkStreamProbe BASE_URL SOQL [maxRecords|auto] [gzip|plain] [--job ID] [--repeat N] [--urls FILE] [--curl]");
      System.exit(2);
    }
    String base = args[0];
    String soql = args[1];
    Integer maxRecords =
        args.length > 2 && !args[2].equals("auto") ? Integer.valueOf(args[2]) : null;
    boolean gzip = args.length > 3 && args[3].equals("gzip");
    String jobId = option(args, "--job");
    int repeat = Integer.parseInt(orElse(option(args, "--repeat"), "1"));
    String urlsFile = option(args, "--urls");
    boolean curl = List.of(args).contains("--curl");

    SalesforceConfig settings =
        SalesforceConfig.builder()
            .loginUrl(base)
            .credentials(
                new Credentials.UsernamePassword(
                    env("FERRY_PROBE_CLIENT_ID", "emulator-client"),
                    env("FERRY_PROBE_CLIENT_SECRET", "emulator-secret"),
                    env("FERRY_PROBE_USERNAME", "admin@example.com"),
                    env("FERRY_PROBE_PASSWORD", "password")))
            .acceptGzip(gzip)
            .jobPollInitial(Duration.ofMillis(200))
            .jobPollMax(Duration.ofSeconds(2))
            .build();
    try (HttpSalesforceApi api = HttpSalesforceApi.create(settings)) {
      if (jobId == null) {
        BulkJob job = api.createQueryJob(Soql.ofText(soql), false);
        jobId = job.id();
        api.awaitQueryJob(jobId, Duration.ofMinutes(30), () -> false);
      }
      for (int round = 1; round <= repeat; round++) {
        System.gc();
        long started = System.nanoTime();
        long rows = 0;
        long chars = 0;
        int pages = 0;
        List<String> urls = new ArrayList<>();
        String locator = null;
        do {
          urls.add(resultsUrl(base, settings.dataPath(), jobId, locator, maxRecords));
          try (QueryResultPage page = api.queryResults(jobId, locator, maxRecords)) {
            while (page.hasNext()) {
              SfRecord r = page.next();
              rows++;
              for (String v : r.values()) if (v != null) chars += v.length();
            }
            locator = page.nextLocator();
            pages++;
          }
        } while (locator != null);
        long ms = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        System.out.printf(
            "round=%d ferry rows=%d pages=%d chars=%d ms=%d rows_per_s=%d heap_peak_mb=%d max_heap_mb=%d job=%s%n",
            round,
            rows,
            pages,
            chars,
            ms,
            rows * 1000 / ms,
            heapPeakMb(),
            Runtime.getRuntime().maxMemory() / (1024 * 1024),
            jobId);
        if (urlsFile != null) Files.write(Path.of(urlsFile), urls);
        if (curl) curlRound(round, base, urls, rows);
      }
    }
  }

  /** The same pages with curl to /dev/null: the baseline of what moving the bytes costs. */
  private static void curlRound(int round, String base, List<String> urls, long rows)
      throws IOException {
    String token = token(base);
    long started = System.nanoTime();
    long bytes = 0;
    for (String url : urls) {
      Process p =
          new ProcessBuilder(
                  "curl",
                  "-s",
                  "-o",
                  "/dev/null",
                  "-w",
                  "%{size_download}",
                  "-H",
                  "Authorization: Bearer " + token,
                  "-H",
                  "Accept: text/csv",
                  url)
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      try {
        if (p.waitFor() != 0) throw new IOException("curl failed: " + out);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      bytes += Long.parseLong(out);
    }
    long ms = Math.max(1, (System.nanoTime() - started) / 1_000_000);
    System.out.printf(
        "round=%d curl rows=%d bytes=%d ms=%d rows_per_s=%d%n",
        round, rows, bytes, ms, rows * 1000 / ms);
  }

  private static String token(String base) throws IOException {
    var http = java.net.http.HttpClient.newHttpClient();
    String form =
        "grant_type=password&client_id="
            + env("FERRY_PROBE_CLIENT_ID", "emulator-client")
            + "&client_secret="
            + env("FERRY_PROBE_CLIENT_SECRET", "emulator-secret")
            + "&username="
            + java.net.URLEncoder.encode(
                env("FERRY_PROBE_USERNAME", "admin@example.com"),
                java.nio.charset.StandardCharsets.UTF_8)
            + "&password="
            + java.net.URLEncoder.encode(
                env("FERRY_PROBE_PASSWORD", "password"), java.nio.charset.StandardCharsets.UTF_8);
    try {
      String body =
          http.send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(base + "/services/oauth2/token"))
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString())
              .body();
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
      if (!m.find()) throw new IOException("no access_token in the token response");
      return m.group(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static String resultsUrl(
      String base, String dataPath, String job, String locator, Integer max) {
    StringBuilder s =
        new StringBuilder(base)
            .append(dataPath)
            .append("/jobs/query/")
            .append(job)
            .append("/results");
    char sep = '?';
    if (locator != null) {
      s.append(sep)
          .append("locator=")
          .append(java.net.URLEncoder.encode(locator, java.nio.charset.StandardCharsets.UTF_8));
      sep = '&';
    }
    if (max != null) s.append(sep).append("maxRecords=").append(max);
    return s.toString();
  }

  /** Peak heap use since start (all heap pools), in MB. */
  static long heapPeakMb() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
    }
    return peak / (1024 * 1024);
  }

  private static String option(String[] args, String name) {
    for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return args[i + 1];
    return null;
  }

  private static String orElse(String v, String fallback) {
    return v == null ? fallback : v;
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}

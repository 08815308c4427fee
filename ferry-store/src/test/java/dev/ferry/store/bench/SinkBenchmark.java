package dev.ferry.store.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.model.TableDesigner;
import dev.ferry.core.model.TableSpec;
import dev.ferry.core.store.DeleteMode;
import dev.ferry.core.store.MergeResult;
import dev.ferry.core.store.SinkBatch;
import dev.ferry.core.store.SinkOptions;
import dev.ferry.core.store.SinkTarget;
import dev.ferry.store.StoreDataSources;
import dev.ferry.store.control.ControlSchema;
import dev.ferry.store.control.JdbcConnectionStore;
import dev.ferry.store.control.JdbcMappingStore;
import dev.ferry.store.schema.JdbcSchemaAdmin;
import dev.ferry.store.sink.JdbcTableSink;
import dev.ferry.testkit.PostgresServer;
import dev.ferry.testkit.sf.Describes;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reload throughput of {@link JdbcTableSink} (Bulk CSV pages, one transaction per page, with the
 * {@link SinkOptions#newRows()} hint a reload into an empty table gives) against the same pages
 * loaded by {@code psql \copy} straight into an identical table (same columns, indexes and
 * triggers; its session also sets xmlbinary = hex so neither side writes the trigger log). Rounds
 * alternate; the best and the median of each are printed.
 *
 * <p>Arguments: {@code [rows (1000000)] [rows per page (100000)] [rounds (3)]}. The server is the
 * embedded one unless {@code FERRY_TEST_JDBC_URL} names another; psql must be on the PATH.
 */
public final class SinkBenchmark {
  private static final String COPY_OPTIONS =
      "FORMAT csv, HEADER true, FORCE_NULL ("
          + String.join(", ", ContactCsv.COLUMNS.subList(1, ContactCsv.COLUMNS.size()))
          + ")";

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int perPage = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int pages = Math.max(1, rows / perPage);

    Path dir = Files.createTempDirectory("ferry-bench-");
    long t0 = System.nanoTime();
    List<Path> files = ContactCsv.write(dir, pages, perPage, 42);
    long bytes = 0;
    for (Path f : files) bytes += Files.size(f);
    System.out.printf(
        "data: %,d rows in %d pages, %,d bytes of CSV (generated in %d ms)%n",
        (long) pages * perPage, pages, bytes, (System.nanoTime() - t0) / 1_000_000);

    PostgresServer server = PostgresServer.get();
    String db = server.createDatabase("sinkbench");
    String url = server.jdbcUrl(db);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(4);
    String init = System.getProperty("ferry.bench.initSql");
    if (init != null) config.setConnectionInitSql(init);
    try (HikariDataSource ds = StoreDataSources.pooled(config)) {
      ControlSchema.migrate(ds);
      JdbcSchemaAdmin admin = new JdbcSchemaAdmin(ds);
      TableSpec table =
          TableDesigner.herokuConnect()
              .design(
                  Describes.contact(),
                  MappingConfig.of(Access.READ_WRITE, fields())
                      .withIndexes(Map.of("Id", true, "SystemModstamp", false))
                      .withUpsertField("Contact_UUID__c"),
                  Map.of("Account", Describes.account()));
      admin.bootstrap("salesforce", null);
      admin.bootstrap("raw", null);
      admin.createTable("salesforce", table);
      admin.createTable("raw", table); // identical: same DDL, indexes and triggers
      InstantSource clock = InstantSource.system();
      var connection = new JdbcConnectionStore(ds, clock).create("bench", "salesforce", Map.of());
      MappingId mapping =
          new JdbcMappingStore(ds, clock)
              .create(connection.id(), "Contact", MappingConfig.of(Access.READ_WRITE, fields()))
              .id();
      SinkTarget target = new SinkTarget(mapping, "salesforce", table, DeleteMode.REMOVE);
      JdbcTableSink sink = new JdbcTableSink(ds, clock);
      System.out.println("server: " + scalar(ds, "SELECT version()"));
      System.out.println(
          "server settings: fsync="
              + scalar(ds, "SHOW fsync")
              + " synchronous_commit="
              + scalar(ds, "SHOW synchronous_commit")
              + " shared_buffers="
              + scalar(ds, "SHOW shared_buffers"));

      List<Long> raw = new ArrayList<>();
      List<Long> ferry = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        exec(ds, "TRUNCATE raw.contact");
        long r = psqlCopy(url, files);
        raw.add(r);
        exec(ds, "TRUNCATE salesforce.contact"); // a table that is empty when the reload begins
        sink.beginReload(target);
        long f = sinkLoad(sink, target, files, SinkOptions.newRows());
        ferry.add(f);
        check(ds, (long) pages * perPage);
        System.out.printf(
            "round %d: psql \\copy %,d ms (%,.0f rows/s) | Ferry sink %,d ms (%,.0f rows/s) | ratio %.2f%n",
            round, r, rate(pages * perPage, r), f, rate(pages * perPage, f), (double) r / f);
      }
      exec(ds, "TRUNCATE salesforce.contact");
      sink.beginReload(target);
      long merged = sinkLoad(sink, target, files, SinkOptions.DEFAULT);
      System.out.printf(
          "reload through the staging table instead (no newRows hint): %,d ms (%,.0f rows/s)%n",
          merged, rate(pages * perPage, merged));
      long remerge = remerge(sink, target, files);
      System.out.printf(
          "re-merge of the same pages into the full table (drift re-poll, all rows untouched): %,d ms (%,.0f rows/s)%n",
          remerge, rate(pages * perPage, remerge));
      System.out.printf(
          "best: psql %,d ms, Ferry %,d ms, ratio %.2f | median: psql %,d ms, Ferry %,d ms, ratio %.2f%n",
          min(raw),
          min(ferry),
          (double) min(raw) / min(ferry),
          median(raw),
          median(ferry),
          (double) median(raw) / median(ferry));
    } finally {
      server.dropDatabase(db);
      for (Path f : files) Files.deleteIfExists(f);
      Files.deleteIfExists(dir);
    }
  }

  private static List<String> fields() {
    List<String> f = new ArrayList<>(ContactCsv.HEADER);
    f.replaceAll(x -> x.equals("Account.External_Id__c") ? "Account__External_Id__c" : x);
    f.removeIf(x -> x.startsWith("Mailing"));
    f.add("MailingAddress");
    return f;
  }

  /** One transaction per page, like a reload committing each Bulk result page. */
  private static long sinkLoad(
      JdbcTableSink sink, SinkTarget target, List<Path> files, SinkOptions options)
      throws IOException {
    long t0 = System.nanoTime();
    for (Path f : files) {
      try (SinkBatch b = sink.open(target, options);
          Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        b.addCsv(r);
        MergeResult m = b.commit(null);
        if (m.inserted() != m.staged()) throw new IllegalStateException("not all inserted: " + m);
      }
    }
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private static long remerge(JdbcTableSink sink, SinkTarget target, List<Path> files)
      throws IOException {
    long t0 = System.nanoTime();
    for (Path f : files) {
      try (SinkBatch b = sink.open(target);
          Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        b.addCsv(r);
        MergeResult m = b.commit(null);
        if (m.untouched() != m.staged())
          throw new IllegalStateException("re-merge changed rows: " + m);
      }
    }
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** All pages in one psql session, each its own \copy (= its own transaction). */
  private static long psqlCopy(String jdbcUrl, List<Path> files) throws Exception {
    URI u = URI.create(jdbcUrl.substring("jdbc:".length()));
    String user = "postgres";
    for (String kv : u.getQuery() == null ? new String[0] : u.getQuery().split("&")) {
      if (kv.startsWith("user=")) user = kv.substring(5);
    }
    StringBuilder script = new StringBuilder();
    for (Path f : files) {
      script
          .append("\\copy raw.contact (")
          .append(String.join(", ", ContactCsv.COLUMNS))
          .append(") FROM '")
          .append(f)
          .append("' WITH (")
          .append(COPY_OPTIONS)
          .append(")\n");
    }
    Path sql = Files.createTempFile("ferry-bench-", ".sql");
    Files.writeString(sql, script);
    ProcessBuilder pb =
        new ProcessBuilder(
                "psql",
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                u.getHost(),
                "-p",
                String.valueOf(u.getPort()),
                "-U",
                user,
                "-d",
                u.getPath().substring(1),
                "-f",
                sql.toString())
            .inheritIO();
    pb.environment().put("PGOPTIONS", "-c xmlbinary=hex");
    long t0 = System.nanoTime();
    int exit = pb.start().waitFor();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    Files.delete(sql);
    if (exit != 0) throw new IllegalStateException("psql failed with exit code " + exit);
    return ms;
  }

  private static void check(HikariDataSource ds, long expected) throws Exception {
    for (String t : List.of("raw.contact", "salesforce.contact")) {
      long n = Long.parseLong(scalar(ds, "SELECT count(*) FROM " + t));
      if (n != expected)
        throw new IllegalStateException(t + " has " + n + " rows, expected " + expected);
    }
    String diff =
        scalar(
            ds,
            "SELECT count(*) FROM (SELECT "
                + String.join(", ", ContactCsv.COLUMNS)
                + " FROM raw.contact"
                + " EXCEPT SELECT "
                + String.join(", ", ContactCsv.COLUMNS)
                + " FROM salesforce.contact) d");
    if (!diff.equals("0"))
      throw new IllegalStateException(diff + " rows differ between the two loads");
    String log = scalar(ds, "SELECT count(*) FROM salesforce._trigger_log");
    if (!log.equals("0")) throw new IllegalStateException("trigger log has " + log + " entries");
  }

  private static double rate(long rows, long ms) {
    return rows * 1000.0 / Math.max(1, ms);
  }

  private static long min(List<Long> xs) {
    return xs.stream().mapToLong(Long::longValue).min().orElseThrow();
  }

  private static long median(List<Long> xs) {
    List<Long> s = xs.stream().sorted().toList();
    return s.get(s.size() / 2);
  }

  private static void exec(HikariDataSource ds, String sql) throws Exception {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static String scalar(HikariDataSource ds, String sql) throws Exception {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private SinkBenchmark() {}
}

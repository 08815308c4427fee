package dev.ferry.app.demo;

import dev.ferry.app.config.DatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application written for Heroku Connect, using the demo's read-write Invoice__c table with
 * ordinary SQL: every few seconds it issues a few invoices and marks a synced one paid, then
 * reports what Ferry wrote to Salesforce since (the trigger log's outcomes). It uses its own plain
 * JDBC session, so its changes are captured like any application's.
 */
public final class DemoApplication implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DemoApplication.class);
  static final String TABLE = "salesforce.invoice__c";

  private final DatabaseUrl database;
  private final int perTick;
  private final InstantSource clock;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("demo-app").factory());
  private final ConcurrentLinkedQueue<String> news = new ConcurrentLinkedQueue<>();
  private final AtomicLong inserted = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private Instant reportedUntil;

  private DemoApplication(DatabaseUrl database, int perTick, InstantSource clock) {
    this.database = database;
    this.perTick = perTick;
    this.clock = clock;
    this.reportedUntil = clock.instant();
  }

  static DemoApplication start(
      DatabaseUrl database, int perTick, Duration every, InstantSource clock) {
    DemoApplication app = new DemoApplication(database, perTick, clock);
    app.timer.scheduleWithFixedDelay(
        app::tick, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    return app;
  }

  private void tick() {
    try (Connection c = connect()) {
      if (!tableExists(c)) return;
      reportWrites(c);
      long n = inserted.get();
      try (PreparedStatement p =
          c.prepareStatement(
              "INSERT INTO "
                  + TABLE
                  + " (name, invoice_number__c, amount__c, status__c, issued_on__c)"
                  + " VALUES (?, ?, ?, 'Draft', current_date)")) {
        for (int i = 1; i <= perTick; i++) {
          p.setString(1, "App invoice " + (n + i));
          p.setString(2, "APP-" + clock.millis() + "-" + (n + i));
          p.setBigDecimal(3, java.math.BigDecimal.valueOf(100 + (n + i) % 900, 0));
          p.addBatch();
        }
        p.executeBatch();
      }
      inserted.addAndGet(perTick);
      int paid;
      try (PreparedStatement p =
          c.prepareStatement(
              "UPDATE "
                  + TABLE
                  + " SET status__c = 'Paid', paid__c = true WHERE id = (SELECT id FROM "
                  + TABLE
                  + " WHERE sfid IS NOT NULL AND status__c IS DISTINCT FROM 'Paid'"
                  + " ORDER BY id LIMIT 1)")) {
        paid = p.executeUpdate();
      }
      news.add(
          "application inserted "
              + perTick
              + " Invoices"
              + (paid > 0 ? " and marked " + paid + " paid" : "")
              + " in Postgres");
    } catch (SQLException | RuntimeException e) {
      log.atWarn()
          .addKeyValue("error", e.getMessage())
          .log("demo application failed; trying again");
    }
  }

  /** What Ferry wrote to Salesforce for the application since the last report. */
  private void reportWrites(Connection c) throws SQLException {
    Instant until = clock.instant();
    String done =
        " WHERE table_name = 'invoice__c' AND processed_at >= ? AND processed_at < ?"
            + " AND state IN ('SUCCESS', 'FAILED')";
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT count(*) FILTER (WHERE state = 'SUCCESS'),"
                + " count(*) FILTER (WHERE state = 'FAILED') FROM (SELECT state FROM"
                + " salesforce._trigger_log"
                + done
                + " UNION ALL SELECT state FROM salesforce._trigger_log_archive"
                + done
                + ") e")) {
      for (int part = 0; part < 2; part++) {
        p.setTimestamp(1 + part * 2, Timestamp.from(reportedUntil));
        p.setTimestamp(2 + part * 2, Timestamp.from(until));
      }
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        long ok = rs.getLong(1);
        long failed = rs.getLong(2);
        if (ok + failed > 0) {
          written.addAndGet(ok);
          news.add(
              "Ferry wrote "
                  + ok
                  + " Invoice changes to Salesforce"
                  + (failed > 0 ? ", " + failed + " failed (see _hc_err)" : "")
                  + "; sfid and _hc_lastop written back");
        }
      }
    }
    reportedUntil = until;
  }

  private static boolean tableExists(Connection c) throws SQLException {
    try (PreparedStatement p =
            c.prepareStatement("SELECT to_regclass('" + TABLE + "') IS NOT NULL");
        ResultSet rs = p.executeQuery()) {
      return rs.next() && rs.getBoolean(1);
    }
  }

  private Connection connect() throws SQLException {
    Properties props = new Properties();
    if (database.user() != null) props.setProperty("user", database.user());
    if (database.password() != null) props.setProperty("password", database.password());
    props.setProperty("ApplicationName", "ferry-demo-application");
    return DriverManager.getConnection(database.jdbcUrl(), props);
  }

  /** What happened since the last call, for the progress display. */
  List<String> drain() {
    List<String> out = new ArrayList<>();
    for (String s; (s = news.poll()) != null; ) out.add(s);
    return out;
  }

  /** Trigger-log entries Ferry reported written to Salesforce so far. */
  public long written() {
    return written.get();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}

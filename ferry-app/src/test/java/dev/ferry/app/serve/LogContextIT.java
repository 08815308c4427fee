package dev.ferry.app.serve;

import static dev.ferry.app.serve.FerryServer.state;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.ferry.app.log.LogfmtLayout;
import dev.ferry.testkit.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The logs of a whole unit of work — a load, polls, a write to Salesforce — as a real {@code ferry
 * serve} writes them (logfmt): every line of Ferry's about a mapping or a write carries the
 * connection id, and the data movements have Heroku Connect's shape (spec §8.4): {@code
 * ↷SALESFORCE} for reads, {@code ↓DATABASE} for what they did to the table, {@code ↑SALESFORCE} for
 * writes.
 */
class LogContextIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();
  @TempDir static Path dir;

  /** One rendered line per event, with its level and logger. */
  record Line(Level level, String logger, String thread, String text) {}

  static final class Capture extends AppenderBase<ILoggingEvent> {
    final List<Line> lines = new ArrayList<>();
    final LogfmtLayout logfmt = new LogfmtLayout();

    @Override
    public void start() {
      logfmt.setContext(getContext());
      logfmt.start();
      super.start();
    }

    @Override
    protected synchronized void append(ILoggingEvent e) {
      lines.add(new Line(e.getLevel(), e.getLoggerName(), e.getThreadName(), logfmt.doLayout(e)));
    }

    synchronized List<Line> lines() {
      return List.copyOf(lines);
    }
  }

  @Test
  void everyLineOfAMappingOrAWriteCarriesItsConnection() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Capture capture = new Capture();
    capture.setContext(context);
    capture.start();
    root.addAppender(capture);
    String mapping;
    String connection;
    try (var emulator = FerryServer.emulator(Map.of("Account", 25))) {
      Map<String, String> env = FerryServer.environment(PG.jdbcUrl(), emulator, dir);
      env.put("FERRY_LOG_LEVEL", "debug");
      env.put("FERRY_WRITE_DEBOUNCE_MS", "100");
      try (FerryServer server = FerryServer.start(emulator, env, null)) {
        connection = server.connectionId();
        var created =
            server.post(
                "/api/v3/connections/" + connection + "/mappings",
                """
                {"object_name": "Account", "config": {"access": "read_write",
                  "sf_polling_seconds": 1,
                  "fields": {"Id": {}, "SystemModstamp": {}, "Name": {}},
                  "indexes": {"Id": {"unique": true}, "SystemModstamp": {"unique": false}}}}
                """);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        mapping = created.json().path("id").asString();
        server.awaitMapping(mapping, state("DATA_SYNCED"));
        try (Connection db = DriverManager.getConnection(PG.jdbcUrl());
            Statement st = db.createStatement()) {
          st.execute("INSERT INTO salesforce.account (name) VALUES ('Logged Corp')");
          Awaitility.await("the insert reaches Salesforce")
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(200))
              .until(() -> {
                try (ResultSet rs =
                    st.executeQuery(
                        "SELECT sfid FROM salesforce.account WHERE name = 'Logged Corp'")) {
                  return rs.next() && rs.getString(1) != null;
                }
              });
        }
        // the poll after the write reads the record back
        Awaitility.await("a poll reads the written record")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(() ->
                capture.lines().stream()
                    .anyMatch(l -> l.text().contains("Account QUERY ↷SALESFORCE 1 rows")));
      }
    } finally {
      root.detachAppender(capture);
    }

    List<Line> ferry =
        capture.lines().stream()
            .filter(l -> l.logger().startsWith("dev.ferry."))
            .filter(l -> l.level().isGreaterOrEqual(Level.INFO))
            .toList();
    // about a mapping or a write: names the mapping, is a sync line, or ran on a worker (the
    // scheduler's, which runs mappings, or a connection's writer)
    List<Line> aboutMappings =
        ferry.stream()
            .filter(l ->
                l.text().contains(mapping)
                    || l.logger().equals("dev.ferry.sync")
                    || l.thread().startsWith("db-scheduler")
                    || l.thread().startsWith("ferry-writer-"))
            .toList();
    // the run produced lines about the mapping (so the assertion below can fail)
    assertThat(aboutMappings).hasSizeGreaterThan(5);
    assertThat(aboutMappings)
        .as("every line about a mapping or a write names its connection")
        .allSatisfy(l -> assertThat(l.text()).contains("connection=" + connection));
    assertThat(ferry.stream().filter(l -> l.text().contains("mapping=" + mapping)))
        .allSatisfy(l -> assertThat(l.text()).contains("connection=" + connection));

    List<String> all = capture.lines().stream().map(Line::text).toList();
    assertThat(all)
        .as("Heroku Connect's load lines")
        .anyMatch(t -> t.contains("event=\"RELOAD TABLE account\""))
        .anyMatch(t -> t.contains("event=\"Account QUERY ↷SALESFORCE 25 rows"))
        .anyMatch(t -> t.contains(" ↓DATABASE ") && t.contains("level=debug"))
        .anyMatch(t -> t.contains("event=\"RELOAD COMPLETE"));
    assertThat(all)
        .as("Heroku Connect's write line")
        .anyMatch(t ->
            t.contains("event=\"Account INSERT ↑SALESFORCE 1 rows")
                && t.contains("object_type=sync")
                && t.contains("connection=" + connection)
                && t.contains("level=info"));
  }
}

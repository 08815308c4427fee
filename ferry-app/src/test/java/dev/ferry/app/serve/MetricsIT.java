package dev.ferry.app.serve;

import static dev.ferry.app.serve.FerryServer.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.metrics.Scrape;
import dev.ferry.testkit.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} of a real {@code ferry serve}: the scraped values follow what the node does
 * (a REST load, a Bulk load, polls, writes to Salesforce that succeed and fail), and the endpoint
 * takes the API token or the metrics token and nothing else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();
  @TempDir static Path dataDir;

  static final String METRICS_TOKEN = "metrics-token-0123456789";
  static final int ACCOUNTS = 30;
  static final int CONTACTS = 80;

  FerryServer server;
  String connection;

  @BeforeAll
  void start() {
    var emulator = FerryServer.emulator(Map.of("Account", ACCOUNTS, "Contact", CONTACTS));
    Map<String, String> env = FerryServer.environment(PG.jdbcUrl(), emulator, dataDir);
    env.put("FERRY_LARGE_QUERY_THRESHOLD", "50"); // Contact loads through Bulk API 2.0
    env.put("FERRY_METRICS_TOKEN", METRICS_TOKEN);
    env.put("FERRY_WRITE_DEBOUNCE_MS", "100");
    server = FerryServer.start(emulator, env, null);
    connection = server.connectionId();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
      server.emulator.close();
    }
  }

  Scrape scrape() {
    var r = server.getWithAuthorization("/metrics", "Bearer " + METRICS_TOKEN);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
    assertThat(r.raw().headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/plain; version=0.0.4");
    return Scrape.parse(r.raw().body());
  }

  String createMapping(String object, String access, String fields) {
    var r =
        server.post(
            "/api/v3/connections/" + connection + "/mappings",
            """
            {"object_name": "%s", "config": {"access": "%s", "sf_polling_seconds": 2,
              "fields": {%s},
              "indexes": {"Id": {"unique": true}, "SystemModstamp": {"unique": false}}}}
            """
                .formatted(object, access, fields));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return r.json().path("id").asString();
  }

  @Test
  void metricsNeedATokenAndTakeTheApiTokenOrTheMetricsToken() {
    assertThat(server.getWithAuthorization("/metrics", null).status()).isEqualTo(401);
    var wrong = server.getWithAuthorization("/metrics", "Bearer not-a-token-at-all-here");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(server.getWithAuthorization("/metrics", "Bearer " + FerryServer.TOKEN).status())
        .isEqualTo(200);
    assertThat(server.getWithAuthorization("/metrics", "Bearer " + METRICS_TOKEN).status())
        .isEqualTo(200);
    // the metrics token opens /metrics only
    var api = server.getWithAuthorization("/api/v3/connections", "Bearer " + METRICS_TOKEN);
    assertThat(api.status()).isEqualTo(401);
  }

  @Test
  void scrapedValuesFollowLoadsPollsAndWrites() throws Exception {
    Scrape before = scrape();
    assertThat(before.has("jvm_memory_used_bytes")).as("JVM metrics").isTrue();
    assertThat(before.has("hikaricp_connections_active")).as("pool metrics").isTrue();
    assertThat(before.sum("ferry_connection_state", "connection", connection, "state", "IDLE"))
        .isEqualTo(1);

    String account =
        createMapping("Account", "read_write", "\"Id\": {}, \"SystemModstamp\": {}, \"Name\": {}");
    String contact =
        createMapping(
            "Contact", "read_only", "\"Id\": {}, \"SystemModstamp\": {}, \"LastName\": {}");
    server.awaitMapping(account, state("DATA_SYNCED"));
    server.awaitMapping(contact, state("DATA_SYNCED"));

    Scrape loaded = scrape();
    assertThat(loaded.sum("ferry_rows_read_total", "mapping", account, "operation", "load"))
        .isEqualTo(ACCOUNTS);
    assertThat(loaded.sum("ferry_rows_read_total", "mapping", contact, "operation", "load"))
        .isEqualTo(CONTACTS);
    assertThat(loaded.find("ferry_rows_read_total", "mapping", account))
        .allSatisfy(s -> assertThat(s.labels()).containsEntry("object", "Account"));
    assertThat(loaded.sum("ferry_salesforce_api_calls_total", "kind", "query")).isPositive();
    assertThat(loaded.sum("ferry_salesforce_api_calls_total", "kind", "bulk-query")).isPositive();
    assertThat(loaded.sum("ferry_salesforce_api_calls_total", "kind", "auth")).isPositive();
    assertThat(loaded.sum("ferry_bulk_jobs_started_total", "type", "query")).isGreaterThan(0);
    assertThat(
            loaded.sum("ferry_bulk_jobs_finished_total", "type", "query", "state", "JobComplete"))
        .isGreaterThan(0);
    assertThat(loaded.sum("ferry_load_duration_seconds_count", "mapping", contact, "api", "bulk"))
        .isEqualTo(1);
    // the stored-state gauges are read at most every VitalsCache.TTL (5 s)
    Awaitility.await("the state gauges show the loaded mapping")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> {
          Scrape s = scrape();
          assertThat(
                  s.sum(
                      "ferry_mapping_state",
                      "mapping",
                      account,
                      "object",
                      "Account",
                      "state",
                      "DATA_SYNCED"))
              .isEqualTo(1);
          assertThat(s.find("ferry_mapping_state", "mapping", account)).hasSize(1);
          assertThat(s.find("ferry_mapping_poll_lag_seconds", "mapping", account)).hasSize(1);
          assertThat(s.sum("ferry_mapping_poll_lag_seconds", "mapping", account))
              .isBetween(0.0, 3600.0);
        });

    // a poll runs every 2 s: the poll counter moves and the lag stays small
    Awaitility.await("a poll of Account")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> scrape().sum("ferry_poll_duration_seconds_count", "mapping", account) > 0);

    // writes, held while the connection is paused: the backlog shows them waiting
    var paused = server.post("/api/v3/connections/" + connection + "/actions/pause", "");
    assertThat(paused.status()).as(paused.raw().body()).isIn(200, 202, 204);
    // one the org accepts, one it rejects (Account.Name is required)
    try (Connection db = DriverManager.getConnection(PG.jdbcUrl());
        Statement st = db.createStatement()) {
      st.execute("INSERT INTO salesforce.account (name) VALUES ('Metrics Corp')");
      st.execute("INSERT INTO salesforce.account (name) VALUES (NULL)");
    }
    Awaitility.await("the backlog shows the waiting writes")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> {
          Scrape s = scrape();
          assertThat(s.sum("ferry_trigger_log_entries", "connection", connection, "state", "NEW"))
              .isEqualTo(2);
          assertThat(s.sum("ferry_connection_state", "connection", connection, "state", "PAUSED"))
              .isEqualTo(1);
        });
    var resumed = server.post("/api/v3/connections/" + connection + "/actions/resume", "");
    assertThat(resumed.status()).as(resumed.raw().body()).isIn(200, 202, 204);
    Awaitility.await("the writes are counted")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> {
          Scrape s = scrape();
          assertThat(
                  s.sum(
                      "ferry_sf_rows_written_total",
                      "connection",
                      connection,
                      "table",
                      "account",
                      "outcome",
                      "success"))
              .isEqualTo(1);
          assertThat(
                  s.sum(
                      "ferry_sf_rows_written_total",
                      "connection",
                      connection,
                      "table",
                      "account",
                      "outcome",
                      "failed"))
              .isEqualTo(1);
          assertThat(s.sum("ferry_salesforce_api_calls_total", "kind", "composite")).isPositive();
        });

    // the backlog gauges exist for the connection and drain to zero
    Awaitility.await("the trigger log drains")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> {
          Scrape s = scrape();
          assertThat(s.find("ferry_trigger_log_entries", "connection", connection)).hasSize(2);
          assertThat(s.sum("ferry_trigger_log_entries", "connection", connection)).isZero();
          assertThat(s.sum("ferry_trigger_log_oldest_age_seconds", "connection", connection))
              .isZero();
        });
  }
}

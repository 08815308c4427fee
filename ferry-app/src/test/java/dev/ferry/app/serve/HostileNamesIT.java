package dev.ferry.app.serve;

import static dev.ferry.app.serve.FerryServer.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.PostgresExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * Object and field names that attack SQL or SOQL, through a real {@code ferry serve}: names
 * Salesforce allows but PostgreSQL reserves ({@code user}, {@code group}, {@code order}, {@code
 * select__c}) work, quoted, through create → DDL → load → poll → write → reload, with values full
 * of quotes and backslashes; names Salesforce would never allow (quotes, semicolons, slashes, 64+
 * characters) are refused with an error naming them, before the name reaches a URL, SOQL or SQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileNamesIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();
  @TempDir static Path dataDir;

  static final String EVIL_FIELD = "Evil\"; DROP TABLE salesforce.account; --__c";
  static final String LONG_FIELD = "L" + "o".repeat(62) + "ng__c";
  static final String HOSTILE_VALUE = "it's \"quoted\" \\ back\\slash'; DROP TABLE x; --";

  FerryServer server;
  String connection;

  @BeforeAll
  void start() throws Exception {
    var emulator = FerryServer.emulator(Map.of("Account", 5, "User", 3));
    addField(emulator.baseUrl(), "Account", "{\"name\":\"Order\",\"type\":\"string\"}");
    addField(emulator.baseUrl(), "Account", "{\"name\":\"Select__c\",\"type\":\"string\"}");
    server =
        FerryServer.start(emulator, FerryServer.environment(PG.jdbcUrl(), emulator, dataDir), null);
    connection = server.connectionId();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
      server.emulator.close();
    }
  }

  static void addField(URI emulator, String object, String json) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(emulator + "/__emulator/schema/" + object + "/fields"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  FerryServer.Response create(String object, String access, String fields) {
    return server.post(
        "/api/v3/connections/" + connection + "/mappings",
        """
        {"object_name": %s, "config": {"access": "%s", "sf_polling_seconds": 1,
          "fields": {%s},
          "indexes": {"Id": {"unique": true}, "SystemModstamp": {"unique": false}}}}
        """
            .formatted(dev.ferry.app.hc.Json.MAPPER.writeValueAsString(object), access, fields));
  }

  @Test
  void reservedWordsWorkQuotedFromLoadToWriteAndBack() throws Exception {
    var user = create("User", "read_only", "\"Id\": {}, \"SystemModstamp\": {}, \"Username\": {}");
    assertThat(user.status()).as(user.raw().body()).isEqualTo(201);
    var group = create("Group", "read_only", "\"Id\": {}, \"SystemModstamp\": {}, \"Name\": {}");
    assertThat(group.status()).as(group.raw().body()).isEqualTo(201);
    var account =
        create(
            "Account",
            "read_write",
            "\"Id\": {}, \"SystemModstamp\": {}, \"Name\": {}, \"Order\": {}, \"Select__c\": {}");
    assertThat(account.status()).as(account.raw().body()).isEqualTo(201);
    String accountId = account.json().path("id").asString();
    server.awaitMapping(user.json().path("id").asString(), state("DATA_SYNCED"));
    server.awaitMapping(group.json().path("id").asString(), state("DATA_SYNCED"));
    server.awaitMapping(accountId, state("DATA_SYNCED"));

    try (Connection db = DriverManager.getConnection(PG.jdbcUrl())) {
      // 3 + the API user, who may be younger than the load's safety lag: then the next poll
      Awaitility.await("every User in salesforce.\"user\"")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> count(db, "SELECT count(*) FROM salesforce.\"user\"") == 4);
      assertThat(count(db, "SELECT count(*) FROM salesforce.account")).isEqualTo(5);
      try (PreparedStatement p =
          db.prepareStatement(
              "INSERT INTO salesforce.account (name, \"order\", select__c) VALUES (?, ?, ?)")) {
        p.setString(1, HOSTILE_VALUE);
        p.setString(2, HOSTILE_VALUE);
        p.setString(3, HOSTILE_VALUE);
        p.executeUpdate();
      }
      Awaitility.await("the hostile row reaches Salesforce")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() ->
              count(
                      db,
                      "SELECT count(*) FROM salesforce.account WHERE sfid IS NOT NULL"
                          + " AND _hc_lastop = 'SYNCED' AND select__c IS NOT NULL")
                  == 1);
      // reload: the table is read again from Salesforce, so the values made the round trip
      var reload = server.post("/api/v3/mappings/" + accountId + "/actions/reload", "");
      assertThat(reload.status()).as(reload.raw().body()).isIn(200, 202, 204);
      Awaitility.await("the reload brings the row back from Salesforce")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(300))
          .until(() ->
              server
                      .get("/api/v3/mappings/" + accountId)
                      .json()
                      .path("state")
                      .asString()
                      .equals("DATA_SYNCED")
                  && count(db, "SELECT count(*) FROM salesforce.account") == 6);
      try (PreparedStatement p =
          db.prepareStatement(
              "SELECT name, \"order\", select__c FROM salesforce.account WHERE select__c IS NOT"
                  + " NULL")) {
        try (ResultSet rs = p.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo(HOSTILE_VALUE);
          assertThat(rs.getString(2)).isEqualTo(HOSTILE_VALUE);
          assertThat(rs.getString(3)).isEqualTo(HOSTILE_VALUE);
        }
      }
    }
  }

  @Test
  void namesSalesforceWouldNotAllowAreRefusedByName() {
    var evilObject =
        create("Account\"; DROP TABLE x; --", "read_only", "\"Id\": {}, \"SystemModstamp\": {}");
    assertThat(evilObject.status()).isIn(400, 422);
    assertThat(evilObject.message()).contains("Account\"; DROP TABLE x; --").contains("object");

    var path = create("Account/../../limits", "read_only", "\"Id\": {}, \"SystemModstamp\": {}");
    assertThat(path.status()).isIn(400, 422);
    assertThat(path.message()).contains("Account/../../limits");

    var longObject =
        create("A" + "b".repeat(70) + "__c", "read_only", "\"Id\": {}, \"SystemModstamp\": {}");
    assertThat(longObject.status()).isIn(400, 422);
    assertThat(longObject.message()).contains("at most 63");

    var evilField =
        create(
            "Account",
            "read_only",
            "\"Id\": {}, \"SystemModstamp\": {}, "
                + dev.ferry.app.hc.Json.MAPPER.writeValueAsString(EVIL_FIELD)
                + ": {}");
    assertThat(evilField.status()).isIn(400, 422);
    assertThat(evilField.message()).contains(EVIL_FIELD);

    var longField =
        create(
            "Account",
            "read_only",
            "\"Id\": {}, \"SystemModstamp\": {}, \"" + LONG_FIELD + "\": {}");
    assertThat(longField.status()).isIn(400, 422);
    assertThat(longField.message()).contains(LONG_FIELD).contains("at most 63");

    try (Connection db = DriverManager.getConnection(PG.jdbcUrl())) {
      assertThat(count(db, "SELECT count(*) FROM ferry.mapping WHERE object_name LIKE '%;%'"))
          .isZero();
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }

  static long count(Connection db, String sql) throws java.sql.SQLException {
    try (var st = db.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

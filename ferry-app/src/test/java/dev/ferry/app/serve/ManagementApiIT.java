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
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Every endpoint of the management API against a real {@code ferry serve} composition: embedded
 * PostgreSQL, the emulator over HTTP, the real engine and client. Happy paths, auth failures and
 * bad input, each with Heroku Connect's error body.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementApiIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();
  @TempDir static Path dataDir;

  static final int ACCOUNTS = 40;
  static final int CONTACTS = 120;

  FerryServer server;
  String connection;

  @BeforeAll
  void start() {
    var emulator =
        FerryServer.emulator(
            Map.of("Account", ACCOUNTS, "Contact", CONTACTS, "Lead", 12, "Case", 5));
    Map<String, String> env = FerryServer.environment(PG.jdbcUrl(), emulator, dataDir);
    // Above 50 rows a load goes through Bulk API 2.0: Contact does, so abort has a job to stop.
    env.put("FERRY_LARGE_QUERY_THRESHOLD", "50");
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

  static String mapping(String object, String fields) {
    return """
    {"object_name": "%s", "config": {"access": "read_only", "sf_polling_seconds": 2,
      "fields": {%s},
      "indexes": {"Id": {"unique": true}, "SystemModstamp": {"unique": false}}}}
    """
        .formatted(object, fields);
  }

  static final String ACCOUNT_FIELDS =
      "\"Id\": {}, \"IsDeleted\": {}, \"SystemModstamp\": {}, \"Name\": {}, \"Industry\": {}";

  String createMapping(String body) {
    var r = server.post("/api/v3/connections/" + connection + "/mappings", body);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return r.json().path("id").asString();
  }

  // ---- authentication

  @Test
  void theApiRequiresTheBearerToken() {
    var missing = server.getWithAuthorization("/api/v3/connections", null);
    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.message()).contains("Authorization: Bearer");
    assertThat(missing.raw().headers().firstValue("WWW-Authenticate")).hasValue("Bearer");

    var wrong = server.getWithAuthorization("/api/v3/connections", "Bearer not-the-token-at-all");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.message()).isEqualTo("Invalid API token");

    var basic = server.getWithAuthorization("/api/v3/connections", "Basic " + FerryServer.TOKEN);
    assertThat(basic.status()).isEqualTo(401);

    var right = server.getWithAuthorization("/api/v3/connections", "bearer " + FerryServer.TOKEN);
    assertThat(right.status()).isEqualTo(200);

    var health = server.getWithAuthorization("/health", null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("status").asString()).isEqualTo("UP");
  }

  // ---- connections

  @Test
  void listsAndShowsTheConnectionFromTheEnvironment() {
    var list = server.get("/api/v3/connections");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().path("count").asInt()).isGreaterThanOrEqualTo(1);
    JsonNode env = null;
    for (JsonNode c : list.json().path("results")) {
      if (c.path("id").asString().equals(connection)) env = c;
    }
    assertThat(env).as("the connection from the environment is listed").isNotNull();
    assertThat(env.path("schema_name").asString()).isEqualTo("salesforce");
    assertThat(env.path("name").asString()).isEqualTo("default");
    assertThat(env.path("db_key").asString()).isEqualTo("DATABASE_URL");
    assertThat(env.path("database").path("database").asString()).isEqualTo(PG.databaseName());
    assertThat(env.path("organization_id").asString()).startsWith("00D");
    assertThat(env.path("detail_url").asString()).isEqualTo("/api/v3/connections/" + connection);
    assertThat(env.has("mappings")).isFalse();

    var shallow = server.get("/api/v3/connections/" + connection);
    assertThat(shallow.status()).isEqualTo(200);
    assertThat(shallow.json().path("state").asString()).isIn("IDLE", "PAUSED");
    assertThat(shallow.json().has("mappings")).isFalse();
    var deep = server.get("/api/v3/connections/" + connection + "?deep=true");
    assertThat(deep.json().path("mappings").isArray()).isTrue();
  }

  @Test
  void unknownOrMalformedConnectionIds() {
    var malformed = server.get("/api/v3/connections/not-a-uuid");
    assertThat(malformed.status()).isEqualTo(404);
    assertThat(malformed.message()).contains("not-a-uuid").contains("UUID");
    var unknown = server.get("/api/v3/connections/00000000-0000-0000-0000-000000000000");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.message()).contains("00000000-0000-0000-0000-000000000000");
    var pause =
        server.post("/api/v3/connections/00000000-0000-0000-0000-000000000000/actions/pause", "");
    assertThat(pause.status()).isEqualTo(404);
    var route = server.get("/api/v3/nothing-here");
    assertThat(route.status()).isEqualTo(404);
    assertThat(route.message()).isEqualTo("Not found: GET /api/v3/nothing-here");
  }

  @Test
  void createsAnotherConnectionWithSecretsEncryptedAtRest() throws Exception {
    var o = server.emulator.options();
    String body =
        """
        {"name": "second", "schema_name": "sf_second", "credentials": {
          "login_url": "%s", "client_id": "%s", "client_secret": "%s",
          "username": "%s", "password": "%s"}}
        """
            .formatted(
                server.emulator.baseUrl(),
                o.clientId(),
                o.clientSecret(),
                o.username(),
                o.password());
    var created = server.post("/api/v3/connections", body);
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    assertThat(created.json().path("state").asString()).isEqualTo("IDLE");
    assertThat(created.json().path("schema_name").asString()).isEqualTo("sf_second");
    assertThat(created.raw().body()).doesNotContain(o.password()).doesNotContain(o.clientSecret());

    try (Connection c = PG.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT credentials FROM ferry.connection")) {
      List<String> blobs = new ArrayList<>();
      while (rs.next())
        blobs.add(new String(rs.getBytes(1), java.nio.charset.StandardCharsets.ISO_8859_1));
      assertThat(blobs).hasSizeGreaterThanOrEqualTo(2);
      assertThat(blobs)
          .allSatisfy(b -> assertThat(b).doesNotContain(o.password(), o.clientSecret()));
    }
    var again = server.post("/api/v3/connections", body);
    assertThat(again.status()).isIn(409, 422);
    assertThat(again.message()).contains("sf_second");
  }

  @Test
  void badConnectionRequestsAreRefusedWithEveryProblem() {
    var notJson = server.post("/api/v3/connections", "{name: ");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.message()).contains("not valid JSON");

    var bad =
        server.post(
            "/api/v3/connections",
            """
            {"schema_name": "Bad Schema", "credentials": {"flow": "magic", "client_id": "x",
              "colour": "blue"}}
            """);
    assertThat(bad.status()).isEqualTo(400);
    List<String> errors = new ArrayList<>();
    bad.json().path("errors").forEach(e -> errors.add(e.asString()));
    assertThat(errors)
        .anyMatch(e -> e.contains("name is required"))
        .anyMatch(e -> e.contains("schema_name"))
        .anyMatch(e -> e.contains("credentials.flow"))
        .anyMatch(e -> e.contains("credentials.colour"));

    var o = server.emulator.options();
    var refused =
        server.post(
            "/api/v3/connections",
            """
            {"name": "wrong", "schema_name": "sf_wrong", "credentials": {
              "login_url": "%s", "client_id": "%s", "client_secret": "%s",
              "username": "%s", "password": "not-the-password"}}
            """
                .formatted(
                    server.emulator.baseUrl(), o.clientId(), o.clientSecret(), o.username()));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.message())
        .contains("Salesforce login at")
        .contains("authentication failure");
  }

  @Test
  void pauseResumeAndRestartFollowTheConnectionState() {
    String base = "/api/v3/connections/" + connection + "/actions/";
    var pause = server.post(base + "pause", "");
    assertThat(pause.status()).as(pause.raw().body()).isEqualTo(202);
    assertThat(server.get("/api/v3/connections/" + connection).json().path("state").asString())
        .isEqualTo("PAUSED");
    assertThat(server.post(base + "pause", "").status()).as("pausing is idempotent").isEqualTo(202);
    var resume = server.post(base + "resume", "");
    assertThat(resume.status()).as(resume.raw().body()).isEqualTo(202);
    assertThat(server.get("/api/v3/connections/" + connection).json().path("state").asString())
        .isEqualTo("IDLE");
    var resumeAgain = server.post(base + "resume", "");
    assertThat(resumeAgain.status()).isEqualTo(409);
    assertThat(resumeAgain.message()).contains("not PAUSED");
    var restart = server.post(base + "restart", "");
    assertThat(restart.status()).as(restart.raw().body()).isEqualTo(202);

    // A connection without credentials can be neither paused nor recovered.
    var unauthorized =
        server.post("/api/v3/connections", "{\"name\": \"later\", \"schema_name\": \"sf_later\"}");
    assertThat(unauthorized.status()).as(unauthorized.raw().body()).isEqualTo(201);
    assertThat(unauthorized.json().path("state").asString()).isEqualTo("NEED_AUTHENTICATION");
    String other = "/api/v3/connections/" + unauthorized.json().path("id").asString() + "/actions/";
    var cannotPause = server.post(other + "pause", "");
    assertThat(cannotPause.status()).isEqualTo(409);
    assertThat(cannotPause.message()).contains("NEED_AUTHENTICATION");
    var cannotRecover = server.post(other + "restart", "");
    assertThat(cannotRecover.status()).isEqualTo(409);
    assertThat(cannotRecover.message()).contains("not authorized");
  }

  // ---- mappings

  @Test
  void aNewMappingLoadsAndShowsStateCountsAndTimes() {
    var created =
        server.post(
            "/api/v3/connections/" + connection + "/mappings", mapping("Account", ACCOUNT_FIELDS));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    JsonNode m = created.json();
    String id = m.path("id").asString();
    assertThat(m.path("object_name").asString()).isEqualTo("Account");
    assertThat(m.path("connection").path("id").asString()).isEqualTo(connection);
    assertThat(m.path("detail_url").asString()).isEqualTo("/api/v3/mappings/" + id);
    assertThat(m.path("config").path("access").asString()).isEqualTo("read_only");
    assertThat(m.path("config").path("fields").propertyNames())
        .containsExactly("Id", "IsDeleted", "SystemModstamp", "Name", "Industry");
    assertThat(m.path("config").path("revision").asInt()).isGreaterThanOrEqualTo(1);

    JsonNode synced =
        server.awaitMapping(
            id, x -> state("DATA_SYNCED").test(x) && !x.path("times").path("sf_poll").isNull());
    assertThat(synced.path("counts").path("db").asLong()).isEqualTo(ACCOUNTS);
    assertThat(synced.path("counts").path("sf").asLong()).isEqualTo(ACCOUNTS);
    assertThat(synced.path("state_description").asString()).isEqualTo("OK");

    var deep = server.get("/api/v3/connections/" + connection + "?deep=true");
    List<String> ids = new ArrayList<>();
    deep.json().path("mappings").forEach(x -> ids.add(x.path("id").asString()));
    assertThat(ids).contains(id);

    var duplicate =
        server.post(
            "/api/v3/connections/" + connection + "/mappings", mapping("Account", ACCOUNT_FIELDS));
    assertThat(duplicate.status()).isIn(409, 422);
    assertThat(duplicate.message()).containsIgnoringCase("account");
  }

  @Test
  void badMappingRequestsAreRefusedWithClearMessages() {
    String path = "/api/v3/connections/" + connection + "/mappings";
    var notJson = server.post(path, "{\"object_name\": ");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.message()).contains("not valid JSON at line 1");

    var noConfig = server.post(path, "{\"object_name\": \"Account\"}");
    assertThat(noConfig.status()).isEqualTo(400);
    assertThat(noConfig.message()).contains("config is required");

    var badValue =
        server.post(
            path,
            mapping("Account", ACCOUNT_FIELDS)
                .replace("\"sf_polling_seconds\": 2", "\"sf_polling_seconds\": \"soon\""));
    assertThat(badValue.status()).isEqualTo(400);
    assertThat(badValue.message()).contains("sf_polling_seconds must be a whole number");

    var unknownObject = server.post(path, mapping("Nope__c", "\"Id\": {}, \"SystemModstamp\": {}"));
    assertThat(unknownObject.status()).isEqualTo(422);
    assertThat(unknownObject.message()).contains("Nope__c");

    var unknownField =
        server.post(
            path, mapping("Opportunity", "\"Id\": {}, \"SystemModstamp\": {}, \"Bogus__c\": {}"));
    assertThat(unknownField.status()).isEqualTo(422);
    assertThat(unknownField.message()).contains("Bogus__c");

    var noConnection =
        server.post(
            "/api/v3/connections/00000000-0000-0000-0000-000000000000/mappings",
            mapping("Account", ACCOUNT_FIELDS));
    assertThat(noConnection.status()).isEqualTo(404);

    assertThat(server.get("/api/v3/mappings/nope").status()).isEqualTo(404);
    var unknown = server.get("/api/v3/mappings/00000000-0000-0000-0000-000000000001");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.message()).contains("00000000-0000-0000-0000-000000000001");
  }

  @Test
  void reloadAndAbortFollowTheAbortTable() {
    String id =
        createMapping(
            mapping(
                "Contact",
                "\"Id\": {}, \"IsDeleted\": {}, \"SystemModstamp\": {}, \"LastName\": {}, \"Email\": {}"));
    server.awaitMapping(id, state("DATA_SYNCED"));
    // paused, so no poll starts meanwhile: DATA_SYNCED has nothing to abort
    assertThat(server.post("/api/v3/connections/" + connection + "/actions/pause", "").status())
        .isEqualTo(202);
    server.awaitMapping(id, state("DATA_SYNCED")); // a poll already running ends
    var nothing = server.post("/api/v3/mappings/" + id + "/actions/abort", "");
    assertThat(nothing.status()).isEqualTo(409);
    assertThat(nothing.message()).isNotBlank();
    assertThat(server.post("/api/v3/connections/" + connection + "/actions/resume", "").status())
        .isEqualTo(202);

    emulatorControl("/__emulator/bulk/hold", "{\"hold\": true}");
    try {
      var reload = server.post("/api/v3/mappings/" + id + "/actions/reload", "");
      assertThat(reload.status()).as(reload.raw().body()).isEqualTo(202);
      server.awaitMapping(id, state("WAIT_BULK_LOAD"));
      var abort = server.post("/api/v3/mappings/" + id + "/actions/abort", "");
      assertThat(abort.status()).as(abort.raw().body()).isEqualTo(202);
      server.awaitMapping(id, state("ABORTED"));
    } finally {
      emulatorControl("/__emulator/bulk/hold", "{\"hold\": false}");
    }
    var reload = server.post("/api/v3/mappings/" + id + "/actions/reload", "");
    assertThat(reload.status()).isEqualTo(202);
    JsonNode synced = server.awaitMapping(id, state("DATA_SYNCED"));
    assertThat(synced.path("counts").path("db").asLong()).isEqualTo(CONTACTS);
    assertThat(server.post("/api/v3/mappings/nope/actions/reload", "").status()).isEqualTo(404);
  }

  @Test
  void deletingAMappingRemovesIt() {
    String id =
        createMapping(
            mapping(
                "Case", "\"Id\": {}, \"IsDeleted\": {}, \"SystemModstamp\": {}, \"Subject\": {}"));
    var deleted = server.delete("/api/v3/mappings/" + id);
    assertThat(deleted.status()).as(deleted.raw().body()).isEqualTo(204);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> server.get("/api/v3/mappings/" + id).status() == 404);
    assertThat(server.delete("/api/v3/mappings/" + id).status()).isEqualTo(404);
  }

  @Test
  void exportAndImportUseHerokuConnectsFormat() {
    String lead =
        """
        {"object_name": "Lead", "config": {"access": "read_only", "sf_polling_seconds": 2,
          "sf_notify_enabled": false, "sf_max_daily_api_calls": 30000,
          "fields": {"Id": {}, "IsDeleted": {}, "SystemModstamp": {}, "LastName": {}},
          "indexes": {"Id": {"unique": true}, "SystemModstamp": {"unique": false}}}}
        """;
    String base = "/api/v3/connections/" + connection + "/actions/";
    var imported = server.post(base + "import", "{\"version\": 1, \"mappings\": [" + lead + "]}");
    assertThat(imported.status()).as(imported.raw().body()).isEqualTo(200);
    assertThat(imported.json().path("applied").asBoolean()).isTrue();
    assertThat(imported.json().path("changes").get(0).path("object_name").asString())
        .isEqualTo("Lead");
    assertThat(imported.json().path("changes").get(0).path("action").asString())
        .isEqualTo("CREATE");

    String withCompany = lead.replace("\"LastName\": {}", "\"LastName\": {}, \"Company\": {}");
    var dryRun =
        server.post(
            base + "import?dry_run=true", "{\"version\": 1, \"mappings\": [" + withCompany + "]}");
    assertThat(dryRun.status()).as(dryRun.raw().body()).isEqualTo(200);
    assertThat(dryRun.json().path("applied").asBoolean()).isFalse();
    assertThat(dryRun.json().path("changes").get(0).path("action").asString()).isEqualTo("UPDATE");
    assertThat(dryRun.json().path("changes").get(0).path("added_fields").get(0).asString())
        .isEqualTo("Company");

    var export = server.get(base + "export");
    assertThat(export.status()).isEqualTo(200);
    assertThat(export.json().path("version").asInt()).isEqualTo(1);
    assertThat(export.json().path("connection").path("organization_id").asString())
        .startsWith("00D");
    JsonNode exportedLead = null;
    for (JsonNode m : export.json().path("mappings")) {
      if (m.path("object_name").asString().equals("Lead")) exportedLead = m;
    }
    assertThat(exportedLead).isNotNull();
    assertThat(exportedLead.path("config").path("fields").propertyNames())
        .containsExactly("Id", "IsDeleted", "SystemModstamp", "LastName");

    // A document with problems changes nothing, and says every problem.
    String broken =
        "{\"version\": 1, \"mappings\": ["
            + withCompany
            + ", {\"object_name\": \"Case\", \"config\": {\"access\": \"both\", \"fields\": {\"Id\": {}}}}]}";
    var refused = server.post(base + "import", broken);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.message()).contains("mappings[1] (Case): config.access");
    var unknownField =
        server.post(
            base + "import",
            "{\"version\": 1, \"mappings\": ["
                + withCompany.replace("\"Company\": {}", "\"Company\": {}, \"Nope__c\": {}")
                + "]}");
    assertThat(unknownField.status()).isEqualTo(422);
    assertThat(unknownField.message()).contains("Nope__c");
    assertThat(server.get(base + "export").json().path("mappings"))
        .isEqualTo(export.json().path("mappings"));
    var notJson = server.post(base + "import", "not json");
    assertThat(notJson.status()).isEqualTo(400);
  }

  private void emulatorControl(String path, String body) {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(server.emulator.baseUrl() + path))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

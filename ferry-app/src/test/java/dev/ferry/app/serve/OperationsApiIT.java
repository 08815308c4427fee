package dev.ferry.app.serve;

import static dev.ferry.app.serve.FerryServer.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.EmulatorControls;
import dev.ferry.testkit.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The operations endpoints of the management API (write errors and retry, diagnostics,
 * notifications, schemas, schema diff, PATCH, authorize, history, OpenAPI) against a real {@code
 * ferry serve}: real situations (a write Salesforce rejects, a mapping whose field was deleted,
 * changes stuck behind it) and bad input, each with Heroku Connect's error body. Each test uses its
 * own connection (schema), so connection-wide checks see only its own situation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsApiIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();
  @TempDir static Path dataDir;

  FerryServer server;
  EmulatorControls controls;
  String envConnection;

  @BeforeAll
  void start() {
    var emulator =
        FerryServer.emulator(Map.of("Account", 20, "Contact", 30, "Lead", 10, "Case", 5));
    Map<String, String> env = FerryServer.environment(PG.jdbcUrl(), emulator, dataDir);
    env.put("FERRY_DESCRIBE_CHECK_SECONDS", "1");
    server = FerryServer.start(emulator, env, null);
    controls = new EmulatorControls(emulator.baseUrl());
    envConnection = server.connectionId();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
      server.emulator.close();
    }
  }

  // ---- helpers

  String credentials() {
    var o = server.emulator.options();
    return """
    {"login_url": "%s", "client_id": "%s", "client_secret": "%s",
     "username": "%s", "password": "%s"}
    """
        .formatted(
            server.emulator.baseUrl(), o.clientId(), o.clientSecret(), o.username(), o.password());
  }

  /** A new authorized connection of the emulator's org in its own schema; returns its id. */
  String connection(String schema) {
    var r =
        server.post(
            "/api/v3/connections",
            "{\"name\": \""
                + schema
                + "\", \"schema_name\": \""
                + schema
                + "\", \"credentials\": "
                + credentials()
                + "}");
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return r.json().path("id").asString();
  }

  String map(String connection, String object, String access, String fields, String extra) {
    String body =
        """
        {"object_name": "%s", "config": {"access": "%s", "sf_polling_seconds": 1,
          "fields": {%s}, "indexes": {"Id": {"unique": true}}%s}}
        """
            .formatted(object, access, fields, extra);
    var r = server.post("/api/v3/connections/" + connection + "/mappings", body);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return r.json().path("id").asString();
  }

  static void sql(String statement) throws Exception {
    try (Connection c = PG.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  /** Starts a diagnosis, polls its result URL (202 while running) and returns the 200 body. */
  JsonNode diagnose(String connection) {
    var started = server.post("/api/v3/connections/" + connection + "/validations", "");
    assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
    String url = started.json().path("result_url").asString();
    assertThat(url).startsWith("/api/v3/connections/" + connection + "/validations/");
    JsonNode[] done = new JsonNode[1];
    Awaitility.await("diagnosis")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> {
          var r = server.get(url);
          assertThat(r.status()).as(r.raw().body()).isIn(200, 202);
          if (r.status() == 202) {
            assertThat(r.json().path("state").asString()).isEqualTo("RUNNING");
            return false;
          }
          done[0] = r.json();
          return true;
        });
    return done[0];
  }

  /**
   * The check with {@code ruleId} in the group ({@code errors}, {@code warnings}, ...), or null.
   */
  static JsonNode check(JsonNode results, String group, String ruleId) {
    for (JsonNode c : results.path(group)) {
      if (c.path("rule_id").asString().equals(ruleId)) return c;
    }
    return null;
  }

  static String groupOf(JsonNode results, String ruleId) {
    for (String g : List.of("errors", "warnings", "passes", "skips")) {
      if (check(results, g, ruleId) != null) return g;
    }
    return "absent";
  }

  // ---- authentication

  @Test
  void everyOperationsEndpointRequiresTheTokenButTheOpenApiDocument() {
    String c = "/api/v3/connections/" + envConnection;
    String m = "/api/v3/mappings/00000000-0000-0000-0000-000000000001";
    List<String[]> routes =
        List.of(
            new String[] {"GET", c + "/errors"},
            new String[] {"POST", c + "/errors/retry"},
            new String[] {"GET", m + "/errors"},
            new String[] {"POST", m + "/errors/retry"},
            new String[] {"POST", c + "/validations"},
            new String[] {"GET", c + "/validations/00000000-0000-0000-0000-000000000002"},
            new String[] {"GET", m + "/validations"},
            new String[] {"GET", c + "/notifications"},
            new String[] {"POST", c + "/notifications/acknowledge"},
            new String[] {"GET", c + "/schema-diff?target_version=62.0"},
            new String[] {"GET", c + "/schemas/Contact"},
            new String[] {"PATCH", c},
            new String[] {"POST", c + "/actions/authorize"},
            new String[] {"GET", m + "/history"});
    for (String[] r : routes) {
      var none = server.withAuthorization(r[0], r[1], null);
      assertThat(none.status()).as(r[0] + " " + r[1]).isEqualTo(401);
      assertThat(none.message()).contains("Authorization: Bearer");
      var wrong = server.withAuthorization(r[0], r[1], "Bearer wrong-token");
      assertThat(wrong.status()).as(r[0] + " " + r[1]).isEqualTo(401);
      assertThat(wrong.message()).isEqualTo("Invalid API token");
    }
    var doc = server.withAuthorization("GET", "/api/v3/openapi.json", null);
    assertThat(doc.status()).isEqualTo(200);
    assertThat(doc.json().path("openapi").asString()).startsWith("3.");
    assertThat(doc.json().path("paths").has("/connections/{connection}/validations")).isTrue();
  }

  // ---- write errors, retry, and their diagnosis

  @Test
  void aRejectedWriteIsListedDiagnosedAndRetried() throws Exception {
    String conn = connection("sf_ops_writes");
    String contact =
        map(
            conn,
            "Contact",
            "read_write",
            "\"Id\": {}, \"IsDeleted\": {}, \"SystemModstamp\": {}, \"LastName\": {},"
                + " \"Email\": {}",
            "");
    server.awaitMapping(contact, state("DATA_SYNCED"));
    String errors = "/api/v3/connections/" + conn + "/errors";
    assertThat(server.get(errors).json().path("count").asLong()).isZero();

    controls.recordErrors(1, "FIELD_CUSTOM_VALIDATION_EXCEPTION");
    sql("INSERT INTO sf_ops_writes.contact (lastname, email) VALUES ('Rejected', 'r@x.test')");
    Awaitility.await("the write fails")
        .atMost(Duration.ofSeconds(60))
        .until(() -> server.get(errors).json().path("count").asLong() == 1);

    JsonNode list = server.get(errors).json();
    JsonNode e = list.path("results").get(0);
    long entry = e.path("id").asLong();
    assertThat(entry).isPositive();
    assertThat(e.path("table_name").asString()).isEqualTo("contact");
    assertThat(e.path("record_id").asInt()).isPositive();
    assertThat(e.path("message").asString()).contains("FIELD_CUSTOM_VALIDATION_EXCEPTION");
    assertThat(e.path("created_at").asString()).endsWith("+00:00");
    assertThat(server.get("/api/v3/mappings/" + contact + "/errors").json()).isEqualTo(list);

    JsonNode red = diagnose(conn);
    assertThat(groupOf(red, "FAILED_WRITES")).isEqualTo("errors");
    JsonNode failed = check(red, "errors", "FAILED_WRITES");
    assertThat(failed.path("display_name").asString()).isEqualTo("Failed Writes");
    assertThat(failed.path("status").asString()).isEqualTo("RED");
    assertThat(failed.path("message").asString()).contains("1 write to Salesforce failed");
    assertThat(failed.path("doc_url").asString()).isEqualTo("docs/diagnostics.md#failed-writes");
    JsonNode mappingChecks = red.path("mappings").path("Contact");
    assertThat(mappingChecks.path("mapping_id").asString()).isEqualTo(contact);
    assertThat(groupOf(mappingChecks, "MAPPING_FAILED_WRITES")).isEqualTo("errors");
    assertThat(groupOf(mappingChecks, "MAPPING_STATE")).isEqualTo("passes");
    // read_write Contact without upsert_field: Heroku Connect's Upsert Field warning
    assertThat(groupOf(mappingChecks, "UPSERT_FIELD")).isEqualTo("warnings");
    assertThat(groupOf(red, "CONNECTION_STATE")).isEqualTo("passes");
    assertThat(groupOf(red, "TRIGGER_LOG_BACKLOG")).isEqualTo("passes");

    // bad retries
    String retry = errors + "/retry";
    var notJson = server.post(retry, "{entry");
    assertThat(notJson.status()).isEqualTo(400);
    var badId = server.post(retry, "{\"entry_id\": \"seven\"}");
    assertThat(badId.status()).isEqualTo(400);
    assertThat(badId.message()).contains("entry_id must be a positive whole number");
    var unknownKey = server.post(retry, "{\"entry\": 1}");
    assertThat(unknownKey.status()).isEqualTo(400);
    assertThat(unknownKey.message()).contains("entry is not a known key");
    var noSuch = server.post(retry, "{\"entry_id\": " + (entry + 100000) + "}");
    assertThat(noSuch.status()).isEqualTo(404);
    assertThat(noSuch.message()).contains(String.valueOf(entry + 100000));
    var mappingWithEntry =
        server.post("/api/v3/mappings/" + contact + "/errors/retry", "{\"entry_id\": 1}");
    assertThat(mappingWithEntry.status()).isEqualTo(400);

    // the retry of that entry queues the row again; Salesforce accepts it this time
    var retried = server.post(retry, "{\"entry_id\": " + entry + "}");
    assertThat(retried.status()).as(retried.raw().body()).isEqualTo(202);
    assertThat(retried.json().path("requeued").asInt()).isEqualTo(1);
    assertThat(retried.json().path("captured").asInt()).isEqualTo(1);
    Awaitility.await("the retried write succeeds")
        .atMost(Duration.ofSeconds(60))
        .until(() -> server.get(errors).json().path("count").asLong() == 0);
    var nothingLeft = server.post("/api/v3/mappings/" + contact + "/errors/retry", "");
    assertThat(nothingLeft.status()).isEqualTo(202);
    assertThat(nothingLeft.json().path("requeued").asInt()).isZero();
    assertThat(groupOf(diagnose(conn), "FAILED_WRITES")).isEqualTo("passes");

    assertThat(server.get("/api/v3/connections/" + conn + "/validations/not-a-uuid").status())
        .isEqualTo(404);
    assertThat(
            server
                .get("/api/v3/connections/" + conn + "/validations/" + java.util.UUID.randomUUID())
                .status())
        .isEqualTo(404);
    assertThat(server.get("/api/v3/mappings/nope/errors").status()).isEqualTo(404);
  }

  // ---- a mapping in BAD_CONFIG: diagnosis, notification, backlog behind it, history

  @Test
  void aDeletedFieldIsBadConfigRedNotifiedAndHoldsBackWrites() throws Exception {
    String conn = connection("sf_ops_bad");
    controls.addField("Account", "{\"name\":\"Tier__c\",\"type\":\"string\",\"length\":20}");
    String account =
        map(
            conn,
            "Account",
            "read_write",
            "\"Id\": {}, \"IsDeleted\": {}, \"SystemModstamp\": {}, \"Name\": {},"
                + " \"Tier__c\": {}",
            "");
    server.awaitMapping(account, state("DATA_SYNCED"));
    controls.removeField("Account", "Tier__c");
    JsonNode bad = server.awaitMapping(account, state("BAD_CONFIG"));
    assertThat(bad.path("error").asString()).contains("Tier__c");

    JsonNode checks = server.get("/api/v3/mappings/" + account + "/validations").json();
    assertThat(checks.path("object_name").asString()).isEqualTo("Account");
    JsonNode state = check(checks, "errors", "MAPPING_STATE");
    assertThat(state).isNotNull();
    assertThat(state.path("status").asString()).isEqualTo("RED");
    assertThat(state.path("message").asString()).contains("BAD_CONFIG").contains("Tier__c");
    assertThat(state.path("doc_url").asString()).isEqualTo("docs/diagnostics.md#mapping-state");
    assertThat(groupOf(checks, "POLL_LAG")).isEqualTo("skips");

    // the state error became a notification
    String notifications = "/api/v3/connections/" + conn + "/notifications";
    JsonNode listed = server.get(notifications).json();
    List<String> types = new ArrayList<>();
    listed.path("results").forEach(n -> types.add(n.path("event_type").asString()));
    assertThat(types).contains("mapping_error");
    JsonNode n = listed.path("results").get(types.indexOf("mapping_error"));
    assertThat(n.path("message").asString()).contains("Account").contains("BAD_CONFIG");
    assertThat(n.path("mapping_id").asString()).isEqualTo(account);
    assertThat(n.path("id").asLong()).isPositive();
    assertThat(server.get(notifications + "?event_type=drift_repaired").json().path("results"))
        .isEmpty();
    assertThat(server.get(notifications + "?after=2999-01-01T00:00:00Z").json().path("results"))
        .isEmpty();
    assertThat(
            server
                .get(notifications + "?before=2999-01-01T00:00:00Z&page_size=1")
                .json()
                .path("results")
                .size())
        .isEqualTo(1);
    var badAfter = server.get(notifications + "?after=yesterday");
    assertThat(badAfter.status()).isEqualTo(400);
    assertThat(badAfter.message()).contains("after must be an ISO-8601 date-time");
    var badSize = server.get(notifications + "?page_size=0");
    assertThat(badSize.status()).isEqualTo(400);
    assertThat(badSize.message()).contains("page_size");
    var ack = server.post(notifications + "/acknowledge?event_type=mapping_error", "");
    assertThat(ack.status()).as(ack.raw().body()).isEqualTo(204);
    List<String> after = new ArrayList<>();
    server
        .get(notifications)
        .json()
        .path("results")
        .forEach(x -> after.add(x.path("event_type").asString()));
    assertThat(after).doesNotContain("mapping_error");
    assertThat(server.get("/api/v3/connections/" + envConnection + "/notifications").status())
        .isEqualTo(200);

    // a change captured now waits behind the BAD_CONFIG mapping: the backlog ages
    sql(
        "UPDATE sf_ops_bad.account SET name = 'Changed' WHERE id = (SELECT min(id) FROM"
            + " sf_ops_bad.account)");
    assertThat(groupOf(diagnose(conn), "TRIGGER_LOG_BACKLOG")).isEqualTo("passes");
    sql("UPDATE sf_ops_bad._trigger_log SET created_at = now() - interval '10 minutes'");
    JsonNode yellow = diagnose(conn);
    assertThat(groupOf(yellow, "TRIGGER_LOG_BACKLOG")).isEqualTo("warnings");
    assertThat(check(yellow, "warnings", "TRIGGER_LOG_BACKLOG").path("message").asString())
        .contains("1 change wait");
    sql("UPDATE sf_ops_bad._trigger_log SET created_at = now() - interval '2 hours'");
    JsonNode red = diagnose(conn);
    assertThat(groupOf(red, "TRIGGER_LOG_BACKLOG")).isEqualTo("errors");
    assertThat(groupOf(red.path("mappings").path("Account"), "MAPPING_STATE")).isEqualTo("errors");

    // history (Ferry extra): newest first, with the reason
    JsonNode history = server.get("/api/v3/mappings/" + account + "/history?limit=3").json();
    assertThat(history.path("results").size()).isBetween(1, 3);
    JsonNode last = history.path("results").get(0);
    assertThat(last.path("state").asString()).isEqualTo("BAD_CONFIG");
    assertThat(last.path("previous_state").asString()).isNotBlank();
    assertThat(last.path("at").asString()).endsWith("+00:00");
    assertThat(server.get("/api/v3/mappings/" + account + "/history?limit=0").status())
        .isEqualTo(400);
    assertThat(server.get("/api/v3/mappings/" + account + "/history?limit=x").status())
        .isEqualTo(400);
  }

  // ---- schemas, schema diff

  @Test
  void describesAnObjectAndDiffsTheMappingsAcrossVersions() throws Exception {
    String conn = connection("sf_ops_schema");
    var schema = server.get("/api/v3/connections/" + conn + "/schemas/Contact");
    assertThat(schema.status()).as(schema.raw().body()).isEqualTo(200);
    assertThat(schema.json().path("name").asString()).isEqualTo("Contact");
    JsonNode lastName = null;
    for (JsonNode f : schema.json().path("fields")) {
      if (f.path("name").asString().equals("LastName")) lastName = f;
    }
    assertThat(lastName).isNotNull();
    assertThat(lastName.path("type").asString()).isEqualTo("string");
    assertThat(lastName.path("required").asBoolean()).isTrue();
    assertThat(lastName.path("createable").asBoolean()).isTrue();
    assertThat(lastName.path("external_id").asBoolean()).isFalse();
    var unknown = server.get("/api/v3/connections/" + conn + "/schemas/Nope__c");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.message()).contains("Nope__c");
    assertThat(server.get("/api/v3/connections/" + conn + "/schemas/bad-name").status())
        .isEqualTo(400);

    String lead =
        map(conn, "Lead", "read_only", "\"Id\": {}, \"SystemModstamp\": {}, \"LastName\": {}", "");
    server.awaitMapping(lead, state("DATA_SYNCED"));
    String diff = "/api/v3/connections/" + conn + "/schema-diff?target_version=";
    var same = server.get(diff + "62.0");
    assertThat(same.status()).as(same.raw().body()).isEqualTo(200);
    assertThat(same.json().path("current_api_version").asString()).isEqualTo("62.0");
    assertThat(same.json().path("target_api_version").asString()).isEqualTo("62.0");
    assertThat(same.json().path("guid").asString()).hasSize(36);
    JsonNode m = same.json().path("mappings").get(0);
    assertThat(m.path("name").asString()).isEqualTo("Lead");
    assertThat(m.path("fields_have_changed").asBoolean()).isFalse();
    assertThat(m.path("has_unsafe_changes").asBoolean()).isFalse();
    assertThat(m.path("action_undetermined").asBoolean()).isFalse();
    assertThat(m.path("result_message").asString()).isEqualTo("No action required");
    assertThat(server.get(diff + "66.0").status()).isEqualTo(200);

    assertThat(server.get(diff + "sixty").status()).isEqualTo(400);
    var missing = server.get("/api/v3/connections/" + conn + "/schema-diff");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.message()).contains("target_version is required");
    var older = server.get(diff + "50.0");
    assertThat(older.status()).isEqualTo(422);
    assertThat(older.message()).contains("downgrades");
    var unserved = server.get(diff + "99.0");
    assertThat(unserved.status()).isEqualTo(422);
    assertThat(unserved.message()).contains("does not serve API version 99.0");
  }

  @Test
  void aMappedFieldGoneFromSalesforceIsAnUnsafeSchemaChange() throws Exception {
    String conn = connection("sf_ops_diff");
    controls.addField("Case", "{\"name\":\"Severity__c\",\"type\":\"string\",\"length\":20}");
    String cases =
        map(
            conn,
            "Case",
            "read_only",
            "\"Id\": {}, \"SystemModstamp\": {}, \"Subject\": {}, \"Severity__c\": {}",
            "");
    server.awaitMapping(cases, state("DATA_SYNCED"));
    controls.removeField("Case", "Severity__c");
    var diff = server.get("/api/v3/connections/" + conn + "/schema-diff?target_version=64.0");
    assertThat(diff.status()).as(diff.raw().body()).isEqualTo(200);
    JsonNode m = diff.json().path("mappings").get(0);
    assertThat(m.path("fields_have_changed").asBoolean()).isTrue();
    assertThat(m.path("has_unsafe_changes").asBoolean()).isTrue();
    assertThat(m.path("result_message").asString())
        .startsWith("Action required")
        .contains("Severity__c");
  }

  // ---- PATCH and authorize

  @Test
  void patchRenamesAndMovesAnEmptyConnectionButNotOneWithMappings() throws Exception {
    String conn = connection("sf_ops_patch");
    String path = "/api/v3/connections/" + conn;
    var renamed = server.patch(path, "{\"name\": \"renamed\", \"db_key\": \"DATABASE_URL\"}");
    assertThat(renamed.status()).as(renamed.raw().body()).isEqualTo(200);
    assertThat(renamed.json().path("name").asString()).isEqualTo("renamed");
    var moved = server.patch(path, "{\"schema_name\": \"sf_ops_moved\"}");
    assertThat(moved.status()).as(moved.raw().body()).isEqualTo(200);
    assertThat(moved.json().path("schema_name").asString()).isEqualTo("sf_ops_moved");
    try (Connection c = PG.dataSource().getConnection();
        var rs =
            c.createStatement()
                .executeQuery(
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema ="
                        + " 'sf_ops_moved' AND table_name = '_trigger_log'")) {
      rs.next();
      assertThat(rs.getInt(1)).as("the new schema is bootstrapped").isEqualTo(1);
    }
    // a mapping created now lives in the new schema, and its writes are captured there
    String lead =
        map(conn, "Lead", "read_only", "\"Id\": {}, \"SystemModstamp\": {}, \"LastName\": {}", "");
    server.awaitMapping(lead, state("DATA_SYNCED"));
    var refused = server.patch(path, "{\"schema_name\": \"sf_ops_elsewhere\"}");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.message()).contains("1 mapping(s)").contains("sf_ops_moved");

    var badKey = server.patch(path, "{\"db_key\": \"HEROKU_POSTGRESQL_RED_URL\"}");
    assertThat(badKey.status()).isEqualTo(422);
    assertThat(badKey.message()).contains("db_key").contains("DATABASE_URL");
    var badSchema = server.patch(path, "{\"schema_name\": \"Bad Schema\", \"colour\": 1}");
    assertThat(badSchema.status()).isEqualTo(400);
    assertThat(badSchema.json().path("errors").toString())
        .contains("schema_name")
        .contains("colour is not a known key");
    assertThat(server.patch(path, "{}").status()).isEqualTo(400);
    var taken = server.patch(path, "{\"name\": \"default\"}");
    assertThat(taken.status()).isEqualTo(422);
    assertThat(taken.message()).contains("default");
    assertThat(
            server
                .patch("/api/v3/connections/" + java.util.UUID.randomUUID(), "{\"name\": \"x\"}")
                .status())
        .isEqualTo(404);
  }

  @Test
  void authorizeStoresNewCredentialsWithoutEchoingThem() {
    var created =
        server.post(
            "/api/v3/connections", "{\"name\": \"later\", \"schema_name\": \"sf_ops_auth\"}");
    assertThat(created.status()).isEqualTo(201);
    String conn = created.json().path("id").asString();
    String path = "/api/v3/connections/" + conn + "/actions/authorize";

    // not authorized yet: schemas cannot be described, diagnosis says why
    assertThat(server.get("/api/v3/connections/" + conn + "/schemas/Contact").status())
        .isEqualTo(409);
    JsonNode unauthorized = diagnose(conn);
    assertThat(groupOf(unauthorized, "CONNECTION_STATE")).isEqualTo("errors");
    assertThat(groupOf(unauthorized, "MUST_USE_RECENT_API_VERSION")).isEqualTo("skips");
    assertThat(groupOf(unauthorized, "NUMBER_OF_MAPPINGS")).isEqualTo("warnings");
    assertThat(groupOf(unauthorized, "API_BUDGET")).isEqualTo("skips");

    var o = server.emulator.options();
    var wrong =
        server.post(
            path,
            credentials()
                .replace(
                    "\"password\": \"" + o.password() + "\"",
                    "\"password\": \"not-the-password\""));
    assertThat(wrong.status()).isEqualTo(422);
    assertThat(wrong.message()).contains("Salesforce login at").doesNotContain("not-the-password");
    var incomplete = server.post(path, "{\"credentials\": {\"flow\": \"password\"}}");
    assertThat(incomplete.status()).isEqualTo(400);
    assertThat(incomplete.message()).contains("client_id");
    assertThat(server.post(path, "[]").status()).isEqualTo(400);

    var ok = server.post(path, "{\"credentials\": " + credentials() + "}");
    assertThat(ok.status()).as(ok.raw().body()).isEqualTo(202);
    assertThat(ok.json().path("state").asString()).isEqualTo("IDLE");
    assertThat(ok.raw().body()).doesNotContain(o.password()).doesNotContain(o.clientSecret());
    assertThat(server.post(path, credentials()).status())
        .as("the bare credentials object is accepted too")
        .isEqualTo(202);
    // the client's default 62.0 is four releases behind the emulator's latest 66.0
    JsonNode behind = diagnose(conn);
    assertThat(groupOf(behind, "CONNECTION_STATE")).isEqualTo("passes");
    assertThat(check(behind, "warnings", "MUST_USE_RECENT_API_VERSION").path("message").asString())
        .contains("Your connection is using version 62.0")
        .contains("latest available Salesforce API version is 66.0");
    String withVersion = credentials().replace("}", ", \"api_version\": \"%s\"}");
    assertThat(server.post(path, withVersion.formatted("99.0")).status()).isEqualTo(202);
    assertThat(check(diagnose(conn), "errors", "MUST_USE_RECENT_API_VERSION")).isNotNull();
    assertThat(server.post(path, withVersion.formatted("66.0")).status()).isEqualTo(202);
    assertThat(check(diagnose(conn), "passes", "MUST_USE_RECENT_API_VERSION")).isNotNull();
  }
}

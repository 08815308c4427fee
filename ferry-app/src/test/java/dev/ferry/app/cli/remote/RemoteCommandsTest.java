package dev.ferry.app.cli.remote;

import static dev.ferry.app.cli.remote.FakeFerry.C1;
import static dev.ferry.app.cli.remote.FakeFerry.C2;
import static dev.ferry.app.cli.remote.FakeFerry.M1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.hc.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection commands against a scripted HTTP server: the requests they send (paths, query,
 * bodies, token), what they print, and their exit codes.
 */
class RemoteCommandsTest {
  FakeFerry api;
  @TempDir Path dir;

  @BeforeEach
  void start() throws Exception {
    api = new FakeFerry();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  // ---- the client: token, and failures classified

  @Test
  void sendsTheTokenAndClassifiesFailures() {
    api.oneConnection();
    api.on(
        "POST /api/v3/connections/" + C1 + "/actions/pause",
        500,
        "{\"message\": \"Internal error; see the server log (error id 1a2b3c4d)\"}");
    var failed = api.ferry("pause");
    assertThat(failed.exit()).isEqualTo(ExitCodes.SERVER);
    assertThat(failed.err())
        .isEqualTo(
            "ferry pause: Ferry failed on POST /api/v3/connections/"
                + C1
                + "/actions/pause (HTTP 500): Internal error; see the server log (error id 1a2b3c4d)"
                + System.lineSeparator());
    assertThat(api.requests)
        .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + FakeFerry.TOKEN));

    api.on(
        "POST /api/v3/connections/" + C1 + "/actions/resume",
        409,
        "{\"message\": \"The connection is not paused\"}");
    var refused = api.ferry("resume");
    assertThat(refused.exit()).isEqualTo(ExitCodes.REFUSED);
    assertThat(refused.err())
        .isEqualTo("ferry resume: The connection is not paused" + System.lineSeparator());

    api.on(
        "POST /api/v3/connections/" + C1 + "/actions/restart",
        400,
        "{\"message\": \"2 problems: a; b\", \"errors\": [\"a\", \"b\"]}");
    var many = api.ferry("recover");
    assertThat(many.exit()).isEqualTo(ExitCodes.REFUSED);
    assertThat(many.err()).contains("2 problems:").contains("  - a").contains("  - b");

    api.on("GET /api/v3/connections/" + C1 + "/errors", 200, "<html>proxy</html>");
    var notJson = api.ferry("write-errors");
    assertThat(notJson.exit()).isEqualTo(ExitCodes.SERVER);
    assertThat(notJson.err()).contains("not JSON");
  }

  @Test
  void aRefusedTokenIsExitCodeThree() {
    api.on("GET /api/v3/connections", 401, "{\"message\": \"Invalid API token\"}");
    var run = api.ferry("state");
    assertThat(run.exit()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(run.err())
        .contains("HTTP 401")
        .contains("Invalid API token")
        .contains("FERRY_API_TOKEN");
    assertThat(run.err()).doesNotContain(FakeFerry.TOKEN);
  }

  @Test
  void theUrlMayEndInApiV3AndFlagsBeatTheEnvironment() {
    api.oneConnection();
    var env =
        new CliEnvironment(
            Map.of("FERRY_URL", "http://127.0.0.1:1", "FERRY_API_TOKEN", "x".repeat(16)),
            p -> null);
    var run = api.ferry(env, "state", "--url", api.url() + "/api/v3/", "--token", FakeFerry.TOKEN);
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(api.requests.getFirst().authorization()).isEqualTo("Bearer " + FakeFerry.TOKEN);
    var bad = api.ferry(env, "state", "--url", "ftp://nowhere");
    assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("an http(s) URL");
  }

  // ---- choosing the connection

  @Test
  void severalConnectionsNeedTheConnectionOption() {
    api.twoConnections();
    api.on("POST /api/v3/connections/" + C2 + "/actions/pause", 202, "{}");
    var ambiguous = api.ferry("pause");
    assertThat(ambiguous.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(ambiguous.err())
        .contains("Multiple connections found")
        .contains("default [" + C1 + "] IDLE")
        .contains("eu [" + C2 + "] IDLE");
    assertThat(api.actions()).isEmpty();

    assertThat(api.ferry("pause", "--connection", "eu").exit()).isZero();
    assertThat(api.ferry("pause", "--connection", "EU").exit()).isZero();
    assertThat(api.ferry("pause", "--connection", C2).exit()).isZero();
    assertThat(api.actions()).hasSize(3).allSatisfy(r -> assertThat(r.target()).contains(C2));

    var unknown = api.ferry("pause", "--connection", "us");
    assertThat(unknown.exit()).isEqualTo(ExitCodes.REFUSED);
    assertThat(unknown.err()).contains("No connection 'us'").contains("eu [" + C2 + "]");
  }

  @Test
  void aMappingIsNamedByObjectNameInAnyCaseOrById() {
    api.oneConnection();
    api.on("POST /api/v3/mappings/" + M1 + "/actions/reload", 202, "{}");
    assertThat(api.ferry("mapping:reload", "contact").out())
        .isEqualTo("Reload of Contact requested." + System.lineSeparator());
    api.on(
        "GET /api/v3/mappings/" + M1,
        200,
        "{\"id\": \""
            + M1
            + "\", \"object_name\": \"Contact\", \"state\": \"POLLING_SF_CHANGES\"}");
    assertThat(api.ferry("mapping:state", M1).out().strip()).isEqualTo("POLLING_SF_CHANGES");
    var none = api.ferry("mapping:state", "Lead");
    assertThat(none.exit()).isEqualTo(ExitCodes.REFUSED);
    assertThat(none.err())
        .contains("No mapping configured for Lead")
        .contains("(mappings: Contact)");
  }

  // ---- write errors

  @Test
  void writeErrorsAsHerokuConnectsTable() {
    api.oneConnection();
    api.on(
        "GET /api/v3/connections/" + C1 + "/errors",
        200,
        """
        {"count": 2, "results": [
          {"id": 5012, "table_name": "contact", "record_id": 17,
           "message": "FIELD_CUSTOM_VALIDATION_EXCEPTION: Email is required",
           "created_at": "2024-05-01T10:00:00.000000+00:00"},
          {"id": 7, "table_name": "contact", "record_id": 9, "message": "DUPLICATE_VALUE:\\nx",
           "created_at": "2024-05-01T09:00:00.000000+00:00"}]}
        """);
    var run = api.ferry("write-errors");
    assertThat(run.exit()).isZero();
    assertThat(run.out().lines().toList())
        .containsExactly(
            "Trigger Log ID  Table Name  Table ID  Error Message                                         Created",
            "──────────────  ──────────  ────────  ────────────────────────────────────────────────────  ────────────────────────────────",
            "5012            contact     17        FIELD_CUSTOM_VALIDATION_EXCEPTION: Email is required  2024-05-01T10:00:00.000000+00:00",
            "7               contact     9         DUPLICATE_VALUE: x                                    2024-05-01T09:00:00.000000+00:00");

    var json = api.ferry("write-errors", "--json");
    assertThat(Json.parse(json.out(), "out").get(0).path("id").asLong()).isEqualTo(5012);

    api.on("GET /api/v3/mappings/" + M1 + "/errors", 200, "{\"count\": 0, \"results\": []}");
    var none = api.ferry("mapping:write-errors", "Contact");
    assertThat(none.out().strip()).isEqualTo("No write errors in the last 24 hours");
  }

  @Test
  void retryQueuesTheConnectionsOneMappingsOrOneEntrysFailedWrites() {
    api.oneConnection();
    api.on(
        "POST /api/v3/connections/" + C1 + "/errors/retry",
        202,
        "{\"requeued\": 3, \"captured\": 2}");
    api.on(
        "POST /api/v3/mappings/" + M1 + "/errors/retry", 202, "{\"requeued\": 1, \"captured\": 1}");

    var all = api.ferry("write-errors:retry");
    assertThat(all.exit()).isZero();
    assertThat(all.out()).contains("Queued again: 3 failed writes").contains("2 row(s) captured");
    var one = api.ferry("write-errors:retry", "--entry", "5012");
    assertThat(one.out()).contains("entry 5012");
    var mapping = api.ferry("write-errors:retry", "Contact", "--json");
    assertThat(Json.parse(mapping.out(), "out").path("requeued").asInt()).isEqualTo(1);

    List<FakeFerry.Request> posts = api.actions();
    assertThat(posts)
        .extracting(FakeFerry.Request::target)
        .containsExactly(
            "/api/v3/connections/" + C1 + "/errors/retry",
            "/api/v3/connections/" + C1 + "/errors/retry",
            "/api/v3/mappings/" + M1 + "/errors/retry");
    assertThat(posts.get(0).body()).isEmpty();
    assertThat(posts.get(1).json().path("entry_id").asLong()).isEqualTo(5012);

    assertThat(api.ferry("write-errors:retry", "Contact", "--entry", "1").exit())
        .isEqualTo(ExitCodes.USAGE);
  }

  // ---- diagnostics

  static final String RESULTS =
      """
      {"errors": [{"rule_id": "FAILED_WRITES", "display_name": "Failed Writes", "status": "RED",
                   "message": "1 write to Salesforce failed in the last 24 hours.",
                   "doc_url": "docs/diagnostics.md#failed-writes"}],
       "warnings": [], "passes": [{"display_name": "Number of Mappings"}], "skips": [],
       "mappings": {"Contact": {"errors": [], "passes": [{"display_name": "Upsert Field"}],
         "warnings": [{"display_name": "Number of Fields", "message": "120 fields"}], "skips": []},
                    "Account": {"errors": [], "warnings": [], "passes": [{"display_name": "Binary Fields"}], "skips": []}}}
      """;

  @Test
  void diagnoseStartsARunPollsItAndExitsFourOnRed() {
    api.oneConnection();
    String result = "/api/v3/connections/" + C1 + "/validations/r1";
    api.on(
        "POST /api/v3/connections/" + C1 + "/validations",
        202,
        "{\"result_url\": \"" + result + "\"}");
    api.on("GET " + result, 202, "{\"state\": \"RUNNING\"}");
    api.on("GET " + result, 200, RESULTS);

    var run = api.ferry("diagnose");
    assertThat(run.exit()).isEqualTo(ExitCodes.RED);
    assertThat(run.out().lines().toList())
        .containsExactly(
            "",
            "=== Connection: default",
            "RED: Failed Writes",
            "1 write to Salesforce failed in the last 24 hours.",
            "docs/diagnostics.md#failed-writes",
            "",
            "=== Contact",
            "YELLOW: Number of Fields",
            "120 fields");
    assertThat(api.requests.stream().filter(r -> r.target().equals(result)).count()).isEqualTo(2);

    var verbose = api.ferry("diagnose", "-v");
    assertThat(verbose.out())
        .contains("GREEN: Number of Mappings")
        .contains("=== Account")
        .contains("GREEN: Binary Fields");

    var json = api.ferry("diagnose", "--json");
    assertThat(json.exit()).isEqualTo(ExitCodes.RED);
    assertThat(Json.parse(json.out(), "out").path("errors").get(0).path("rule_id").asString())
        .isEqualTo("FAILED_WRITES");
  }

  @Test
  void aCleanDiagnosisSaysSoAndAnAbsoluteResultUrlIsAskedOfTheSameServer() {
    api.oneConnection();
    String result = "/api/v3/connections/" + C1 + "/validations/r2";
    api.on(
        "POST /api/v3/connections/" + C1 + "/validations",
        202,
        "{\"result_url\": \"http://elsewhere.example:9/" + result.substring(1) + "\"}");
    api.on(
        "GET " + result,
        200,
        "{\"errors\": [], \"warnings\": [], \"passes\": [], \"skips\": [], \"mappings\": {}}");
    var run = api.ferry("diagnose");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).endsWith("Everything appears to be fine" + System.lineSeparator());
  }

  @Test
  void mappingDiagnose() {
    api.oneConnection();
    api.on(
        "GET /api/v3/mappings/" + M1 + "/validations",
        200,
        "{\"errors\": [{\"display_name\": \"Upsert Field\", \"message\": \"not an external id\"}], \"warnings\": [], \"passes\": [], \"skips\": [{\"display_name\": \"Binary Fields\", \"message\": \"none mapped\"}]}");
    var run = api.ferry("mapping:diagnose", "Contact", "-v");
    assertThat(run.exit()).isEqualTo(ExitCodes.RED);
    assertThat(run.out().lines().toList())
        .containsExactly(
            "",
            "=== Contact",
            "RED: Upsert Field",
            "not an external id",
            "SKIPPED: Binary Fields",
            "none mapped");
  }

  // ---- notifications

  @Test
  void notificationsWithTheirFiltersAndAcknowledge() {
    api.oneConnection();
    String list =
        "/api/v3/connections/"
            + C1
            + "/notifications?page_size=50&after=2024-05-01T00%3A00%3A00Z&event_type=mapping_error";
    api.on(
        "GET " + list,
        200,
        "{\"count\": 1, \"results\": [{\"id\": 42, \"created_at\": \"2024-05-01T10:00:00.000000+00:00\", \"event_type\": \"mapping_error\", \"message\": \"Mapping Account is BAD_CONFIG\"}]}");
    var run =
        api.ferry(
            "notifications",
            "--page-size",
            "50",
            "--after",
            "2024-05-01T00:00:00Z",
            "--event-type",
            "mapping_error");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern("Event Type\\s+Message\\s+Created At")
        .containsPattern("mapping_error\\s+Mapping Account is BAD_CONFIG\\s+2024-05-01T10:00");

    api.on(
        "GET /api/v3/connections/" + C1 + "/notifications?page_size=1000",
        200,
        "{\"count\": 0, \"results\": []}");
    assertThat(api.ferry("notifications").out().strip()).isEqualTo("No notifications.");

    api.on(
        "POST /api/v3/connections/" + C1 + "/notifications/acknowledge?before=2024-06-01", 204, "");
    var ack = api.ferry("notifications:acknowledge", "--before", "2024-06-01");
    assertThat(ack.exit()).as(ack.err()).isZero();
    assertThat(ack.out()).contains("Acknowledged the notifications of default");
  }

  // ---- schema diff

  @Test
  void schemaDiffShowsWhatEachMappingNeeds() {
    api.oneConnection();
    api.on(
        "GET /api/v3/connections/" + C1 + "/schema-diff?target_version=64.0",
        200,
        """
        {"current_api_version": "62.0", "target_api_version": "64.0", "guid": "g",
         "mappings": [
          {"name": "Case", "fields_have_changed": true, "has_unsafe_changes": true,
           "action_undetermined": false, "result_message": "Action required: Severity__c is gone"},
          {"name": "Lead", "fields_have_changed": true, "has_unsafe_changes": false,
           "action_undetermined": true, "result_message": "Action undetermined: cannot describe"},
          {"name": "Contact", "fields_have_changed": false, "has_unsafe_changes": false,
           "action_undetermined": false, "result_message": "No action required"}]}
        """);
    var run = api.ferry("schema-diff", "--target-version", "64");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Current API Version: 62.0")
        .contains("Target API Version:  64.0")
        .containsPattern("Case\\s+Action required\\s+Action required: Severity__c is gone")
        .containsPattern("Lead\\s+Action undetermined")
        .containsPattern("Contact\\s+No changes\\s+No action required");
    var bad = api.ferry("schema-diff", "--target-version", "sixty");
    assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("Invalid --target-version \"sixty\"");
  }

  // ---- db:set

  @Test
  void dbSetPatchesOnlyWhatIsGiven() {
    api.oneConnection();
    api.on(
        "PATCH /api/v3/connections/" + C1,
        200,
        FakeFerry.connection(C1, "prod").replace("\"salesforce\"", "\"sf_eu\""));
    var run = api.ferry("db:set", "--schema", "sf_eu", "--name", "prod");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out().lines().toList())
        .containsExactly("name: prod", "db_key: DATABASE_URL", "schema_name: sf_eu");
    var patch = api.actions().getFirst();
    assertThat(patch.method()).isEqualTo("PATCH");
    assertThat(patch.json().propertyNames()).containsExactlyInAnyOrder("schema_name", "name");
    assertThat(api.ferry("db:set").exit()).isEqualTo(ExitCodes.USAGE);
  }

  // ---- sf:auth

  @Test
  void sfAuthSendsThePasswordFlowsCredentialsAndNeverPrintsThem() throws Exception {
    api.oneConnection();
    api.on(
        "POST /api/v3/connections/" + C1 + "/actions/authorize",
        202,
        FakeFerry.connection(C1, "default"));
    Path password = Files.writeString(dir.resolve("pw"), "hunter2TOKEN\n");
    var env =
        new CliEnvironment(
            api.env(
                Map.of("FERRY_SF_CLIENT_ID", "3MVGkey", "FERRY_SF_CLIENT_SECRET", "s3cret-value")),
            p -> null);
    var run =
        api.ferry(
            env,
            "sf:auth",
            "--username",
            "api@example.com",
            "--password-file",
            password.toString(),
            "-e",
            "sandbox");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "Authorized connection default ["
                + C1
                + "] with the password flow at https://test.salesforce.com; state IDLE.")
        .doesNotContain("hunter2")
        .doesNotContain("s3cret");
    var body = api.actions().getFirst().json();
    assertThat(body.path("flow").asString()).isEqualTo("password");
    assertThat(body.path("login_url").asString()).isEqualTo("https://test.salesforce.com");
    assertThat(body.path("client_id").asString()).isEqualTo("3MVGkey");
    assertThat(body.path("client_secret").asString()).isEqualTo("s3cret-value");
    assertThat(body.path("username").asString()).isEqualTo("api@example.com");
    assertThat(body.path("password").asString()).isEqualTo("hunter2TOKEN");
  }

  @Test
  void sfAuthAsksForMissingSecretsWithoutEchoAndRefusesWhenItCannotAsk() throws Exception {
    api.oneConnection();
    api.on(
        "POST /api/v3/connections/" + C1 + "/actions/authorize",
        202,
        FakeFerry.connection(C1, "default"));
    List<String> asked = new ArrayList<>();
    var prompting =
        new CliEnvironment(
            api.env(Map.of("FERRY_SF_CLIENT_ID", "3MVGkey")),
            p -> {
              asked.add(p);
              return p.startsWith("Refresh") ? "5Aep-refresh".toCharArray() : null;
            });
    var run =
        api.ferry(
            prompting,
            "sf:auth",
            "--flow",
            "refresh-token",
            "--login-url",
            "https://acme.my.salesforce.com");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(asked).containsExactly("Refresh token: ");
    var body = api.actions().getFirst().json();
    assertThat(body.path("flow").asString()).isEqualTo("refresh_token");
    assertThat(body.path("refresh_token").asString()).isEqualTo("5Aep-refresh");
    assertThat(body.has("client_secret")).isFalse();

    var cannotAsk =
        api.ferry(
            new CliEnvironment(api.env(Map.of("FERRY_SF_CLIENT_ID", "k")), p -> null),
            "sf:auth",
            "--username",
            "u@x");
    assertThat(cannotAsk.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(cannotAsk.err()).contains("password is needed");

    var noClientId = api.ferry("sf:auth");
    assertThat(noClientId.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(noClientId.err()).contains("--client-id");
    assertThat(api.actions()).hasSize(1);
  }

  @Test
  void sfAuthReadsTheJwtKeyFileAndRefusesAFileThatIsNotAKey() throws Exception {
    api.oneConnection();
    api.on("POST /api/v3/connections/" + C1 + "/actions/authorize", 202, "{}");
    String pem = "-----BEGIN PRIVATE KEY-----\nMIIabc\n-----END PRIVATE KEY-----\n";
    Path key = Files.writeString(dir.resolve("key.pem"), pem);
    var env =
        new CliEnvironment(
            api.env(
                Map.of(
                    "FERRY_SF_CLIENT_ID",
                    "k",
                    "FERRY_SF_USERNAME",
                    "u@x",
                    "FERRY_SF_JWT_KEY_FILE",
                    key.toString())),
            p -> null);
    var run = api.ferry(env, "sf:auth", "--api-version", "62", "--json");
    assertThat(run.exit()).as(run.err()).isZero();
    var body = api.actions().getFirst().json();
    assertThat(body.path("flow").asString()).isEqualTo("jwt_bearer");
    assertThat(body.path("private_key").asString()).isEqualTo(pem);
    assertThat(body.path("api_version").asString()).isEqualTo("62.0");
    assertThat(run.out()).doesNotContain("MIIabc");

    Path notKey = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n");
    var bad = api.ferry(env, "sf:auth", "--jwt-key-file", notKey.toString());
    assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("is not a PEM private key");

    var both = api.ferry(env, "sf:auth", "-e", "production", "--domain", "acme.my.salesforce.com");
    assertThat(both.exit()).isEqualTo(ExitCodes.USAGE);
  }
}

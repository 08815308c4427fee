package dev.ferry.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.cli.FerryCli;
import dev.ferry.app.cli.remote.CliEnvironment;
import dev.ferry.app.hc.Json;
import dev.ferry.testkit.PostgresExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * The connection commands ({@code ferry info}, {@code ferry import}, ...) run in-process against a
 * real {@code ferry serve} (embedded PostgreSQL, the emulator over HTTP, the real engine), with
 * their output and exit codes as a user or a script sees them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();
  @TempDir static Path dataDir;
  @TempDir Path work;

  FerryServer server;
  String connection;

  @BeforeAll
  void start() {
    var emulator = FerryServer.emulator(Map.of("Account", 30, "Lead", 12, "Case", 5));
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

  record Run(int exit, String out, String err) {
    JsonNode json() {
      return Json.parse(out, "the output");
    }
  }

  Run ferry(String... args) {
    return ferry(Map.of(), args);
  }

  Run ferry(Map<String, String> extraEnv, String... args) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("FERRY_URL", server.node.apiUrl().toString());
    env.put("FERRY_API_TOKEN", FerryServer.TOKEN);
    env.putAll(extraEnv);
    CommandLine cli = FerryCli.commandLine(new CliEnvironment(env, p -> null));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  static final String LEAD =
      """
      {"object_name": "Lead", "config": {"access": "read_only", "sf_polling_seconds": 2,
        "sf_notify_enabled": false, "sf_max_daily_api_calls": 30000,
        "fields": {"Id": {}, "IsDeleted": {}, "SystemModstamp": {}, "LastName": {}},
        "indexes": {"Id": {"unique": true}, "SystemModstamp": {"unique": false}}}}
      """;

  Path file(String name, String text) throws Exception {
    return Files.writeString(work.resolve(name), text);
  }

  void awaitState(String mapping, String state) {
    Awaitility.await(mapping + " " + state)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> ferry("mapping:state", mapping).out().strip().equals(state));
  }

  @Test
  @Order(1)
  void importShowsThePlanThenAppliesIt() throws Exception {
    Path doc = file("lead.json", "{\"version\": 1, \"mappings\": [" + LEAD + "]}");

    Run dry = ferry("import", doc.toString(), "--dry-run");
    assertThat(dry.exit()).as(dry.err()).isZero();
    assertThat(dry.out())
        .contains("Object Name  Action")
        .containsPattern("Lead\\s+CREATE\\s+Id, IsDeleted, SystemModstamp, LastName")
        .contains("Dry run: nothing was changed.");
    assertThat(ferry("mapping:state", "Lead").exit()).isEqualTo(1);

    Run applied = ferry("import", doc.toString());
    assertThat(applied.exit()).as(applied.err()).isZero();
    assertThat(applied.out()).contains("CREATE").contains("1 created, 0 updated, 0 unchanged");
    awaitState("Lead", "DATA_SYNCED");
    awaitState("lead", "DATA_SYNCED");

    Run again = ferry("import", doc.toString());
    assertThat(again.exit()).isZero();
    assertThat(again.out()).contains("UNCHANGED").contains("Nothing to change");

    Run json =
        ferry(
            "import",
            file(
                    "lead2.json",
                    "{\"version\": 1, \"mappings\": ["
                        + LEAD.replace("\"LastName\": {}", "\"LastName\": {}, \"Company\": {}")
                        + "]}")
                .toString(),
            "--dry-run",
            "--json");
    assertThat(json.exit()).isZero();
    assertThat(json.json().path("applied").asBoolean()).isFalse();
    assertThat(json.json().path("changes").get(0).path("added_fields").get(0).asString())
        .isEqualTo("Company");
  }

  @Test
  @Order(2)
  void infoAndStateShowTheConnectionAndItsMappings() {
    Run info = ferry("info");
    assertThat(info.exit()).as(info.err()).isZero();
    assertThat(info.out())
        .contains("=== Connection [" + connection + "] / default (")
        .containsPattern("Object Name\\s+State")
        .containsPattern("─+\\s+─+")
        .containsPattern("Lead\\s+\\w+");

    Run state = ferry("state");
    assertThat(state.exit()).isZero();
    assertThat(state.out())
        .containsPattern("Connection\\s+Database\\s+Schema\\s+State")
        .containsPattern("default\\s+DATABASE_URL\\s+salesforce\\s+(IDLE|PAUSED)");

    Run json = ferry("info", "--json");
    assertThat(json.exit()).isZero();
    JsonNode first = json.json().get(0);
    assertThat(first.path("id").asString()).isEqualTo(connection);
    assertThat(first.path("mappings").get(0).path("object_name").asString()).isEqualTo("Lead");

    Run mapping = ferry("mapping:state", "Lead", "--json");
    assertThat(mapping.json().path("state").asString()).isEqualTo("DATA_SYNCED");
    String id = mapping.json().path("id").asString();
    assertThat(ferry("mapping:state", id).out().strip()).isEqualTo("DATA_SYNCED");
  }

  @Test
  @Order(3)
  void exportWritesHerokuConnectsFileIndentedByFourSpaces() throws Exception {
    Path target = work.resolve("out.json");
    Run run = ferry("export", "-o", target.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("Saved config-file to " + target).contains("(1 mappings)");
    String text = Files.readString(target);
    assertThat(text)
        .startsWith("{\n    \"version\": 1,\n")
        .contains("\n        \"")
        .endsWith("}\n");
    JsonNode doc = Json.parse(text, "the export");
    assertThat(doc.path("mappings").get(0).path("object_name").asString()).isEqualTo("Lead");

    Run stdout = ferry("export", "-o", "-");
    assertThat(stdout.exit()).isZero();
    assertThat(Json.parse(stdout.out(), "stdout").path("mappings")).isEqualTo(doc.path("mappings"));

    // What export wrote, import takes back unchanged.
    Run back = ferry("import", target.toString(), "--dry-run");
    assertThat(back.exit()).as(back.err()).isZero();
    assertThat(back.out()).containsPattern("Lead\\s+UNCHANGED");
  }

  @Test
  @Order(4)
  void pauseResumeAndRecoverMoveTheConnection() {
    Run pause = ferry("pause");
    assertThat(pause.exit()).as(pause.err()).isZero();
    assertThat(pause.out()).contains("Paused connection default [" + connection + "].");
    assertThat(ferry("state", "--json").json().get(0).path("state").asString()).isEqualTo("PAUSED");

    Run again = ferry("pause");
    if (again.exit() != 0) {
      assertThat(again.exit()).isEqualTo(1);
      assertThat(again.err()).startsWith("ferry pause: ").doesNotContain("Exception");
    }

    Run resume = ferry("resume", "--connection", "default");
    assertThat(resume.exit()).as(resume.err()).isZero();
    assertThat(ferry("state", "--json").json().get(0).path("state").asString()).isEqualTo("IDLE");

    Run restart = ferry("restart", "--connection", connection);
    assertThat(restart.exit()).as(restart.err()).isIn(0, 1);
    if (restart.exit() == 1) assertThat(restart.err()).startsWith("ferry restart: ");
    else assertThat(restart.out()).contains("Recovery requested for connection default");
  }

  @Test
  @Order(5)
  void reloadAndDeleteAMappingByItsObjectName() throws Exception {
    Path doc =
        file(
            "case.json",
            "{\"version\": 1, \"mappings\": ["
                + LEAD.replace("Lead", "Case").replace("\"LastName\": {}", "\"Subject\": {}")
                + "]}");
    assertThat(ferry("import", doc.toString()).exit()).isZero();
    awaitState("Case", "DATA_SYNCED");

    Run reload = ferry("mapping:reload", "case");
    assertThat(reload.exit()).as(reload.err()).isZero();
    assertThat(reload.out()).contains("Reload of Case requested.");
    awaitState("Case", "DATA_SYNCED");

    Run abort = ferry("mapping:abort", "Case");
    assertThat(abort.exit()).isEqualTo(1);
    assertThat(abort.err()).startsWith("ferry mapping:abort: ");

    Run noConfirm = ferry("mapping:delete", "Case");
    assertThat(noConfirm.exit()).isEqualTo(2);
    assertThat(noConfirm.err()).contains("--confirm");
    Run wrong = ferry("mapping:delete", "Case", "--confirm", "Lead");
    assertThat(wrong.exit()).isEqualTo(2);
    assertThat(wrong.err()).contains("does not match").contains("Nothing was deleted");
    assertThat(ferry("mapping:state", "Case").exit()).isZero();

    Run delete = ferry("mapping:delete", "Case", "--confirm", "Case");
    assertThat(delete.exit()).as(delete.err()).isZero();
    assertThat(delete.out()).startsWith("Deleted mapping Case [");
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ferry("mapping:state", "Case").exit() == 1);
    assertThat(ferry("mapping:state", "Case").err())
        .contains("No mapping configured for Case")
        .contains("Lead");
  }

  @Test
  @Order(6)
  void failuresHaveMeaningfulExitCodesAndNoStackTraces() throws Exception {
    Run wrongToken = ferry(Map.of("FERRY_API_TOKEN", "not-the-token-0123456789"), "info");
    assertThat(wrongToken.exit()).isEqualTo(3);
    assertThat(wrongToken.err())
        .contains("refused the API token (HTTP 401)")
        .contains("Invalid API token")
        .doesNotContain("not-the-token");

    Run noToken = ferry(Map.of("FERRY_API_TOKEN", ""), "state");
    assertThat(noToken.exit()).isEqualTo(3);
    assertThat(noToken.err()).contains("Authorization required");

    Run shortToken = ferry("state", "--token", "short");
    assertThat(shortToken.exit()).isEqualTo(2);
    assertThat(shortToken.err()).contains("at least 16 characters").doesNotContain("short\"");

    Run unreachable = ferry("info", "--url", "http://127.0.0.1:1");
    assertThat(unreachable.exit()).isEqualTo(3);
    assertThat(unreachable.err())
        .contains("Cannot reach Ferry at http://127.0.0.1:1")
        .contains("FERRY_URL");

    Run noSuchConnection = ferry("pause", "--connection", "nope");
    assertThat(noSuchConnection.exit()).isEqualTo(1);
    assertThat(noSuchConnection.err()).contains("No connection 'nope'").contains(connection);

    Run noSuchMapping = ferry("mapping:reload", "00000000-0000-0000-0000-000000000001");
    assertThat(noSuchMapping.exit()).isEqualTo(1);
    assertThat(noSuchMapping.err()).contains("00000000-0000-0000-0000-000000000001");

    Run badFile = ferry("import", work.resolve("missing.json").toString());
    assertThat(badFile.exit()).isEqualTo(2);
    assertThat(badFile.err()).contains("No such file");

    Run badDocument =
        ferry("import", file("bad.json", "{\"version\": 1, \"mappings\": [{}]}").toString());
    assertThat(badDocument.exit()).isEqualTo(1);
    assertThat(badDocument.err()).startsWith("ferry import: ");

    Run usage = ferry("mapping:state");
    assertThat(usage.exit()).isEqualTo(2);
    assertThat(usage.err()).contains("Missing required parameter");

    for (Run r : new Run[] {wrongToken, unreachable, noSuchConnection, badDocument}) {
      assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }
  }

  @Test
  @Order(7)
  void severalConnectionsNeedTheConnectionOption() {
    var o = server.emulator.options();
    var created =
        server.post(
            "/api/v3/connections",
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
                    o.password()));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    String second = created.json().path("id").asString();

    Run ambiguous = ferry("pause");
    assertThat(ambiguous.exit()).isEqualTo(2);
    assertThat(ambiguous.err())
        .contains("Multiple connections found")
        .contains("--connection")
        .contains("default [" + connection + "]")
        .contains("second [" + second + "]");

    Run info = ferry("info");
    assertThat(info.exit()).isZero();
    assertThat(info.out()).contains("/ default (").contains("/ second (").contains("No mappings");

    Run one = ferry("info", "--connection", "second");
    assertThat(one.out()).contains("/ second (").doesNotContain("/ default (");

    Run byResource = ferry("mapping:state", "Lead", "--resource", "default");
    assertThat(byResource.exit()).as(byResource.err()).isZero();
    assertThat(ferry("mapping:state", "Lead", "--connection", "second").exit()).isEqualTo(1);
  }

  // ---- the operations endpoints (write errors, diagnostics, notifications, schema diff, PATCH,
  // authorize), after a second connection exists: every command names its connection.

  @Test
  @Order(10)
  void writeErrorsAndRetryOnAConnectionWithoutFailedWrites() {
    Run none = ferry("write-errors", "--connection", "default");
    assertThat(none.exit()).as(none.err()).isZero();
    assertThat(none.out().strip()).isEqualTo("No write errors in the last 24 hours");
    Run mapping = ferry("mapping:write-errors", "Lead", "--connection", "default", "--json");
    assertThat(mapping.exit()).as(mapping.err()).isZero();
    assertThat(mapping.json().isArray()).isTrue();
    assertThat(mapping.json().isEmpty()).isTrue();

    Run retry = ferry("write-errors:retry", "--connection", "default");
    assertThat(retry.exit()).as(retry.err()).isZero();
    assertThat(retry.out()).startsWith("Queued again: 0 failed writes");
    Run unknownEntry = ferry("write-errors:retry", "--connection", "default", "--entry", "987654");
    assertThat(unknownEntry.exit()).isEqualTo(1);
    assertThat(unknownEntry.err()).contains("987654");
  }

  @Test
  @Order(11)
  void diagnoseRunsTheServersChecks() {
    Run run = ferry("diagnose", "--connection", "default", "-v");
    assertThat(run.exit()).as(run.err() + run.out()).isIn(0, 4);
    assertThat(run.out()).contains("=== Connection: default").contains("=== Lead");
    assertThat(run.out()).containsPattern("(?m)^(GREEN|YELLOW|RED|SKIPPED): ");
    Run json = ferry("diagnose", "--connection", "default", "--json");
    assertThat(json.exit()).isEqualTo(json.json().path("errors").isEmpty() ? 0 : 4);
    assertThat(json.json().path("mappings").has("Lead")).isTrue();

    Run mapping = ferry("mapping:diagnose", "Lead", "--connection", "default", "-v");
    assertThat(mapping.exit()).as(mapping.err()).isIn(0, 4);
    assertThat(mapping.out()).contains("=== Lead").containsPattern("(?m)^(GREEN|YELLOW|RED): ");
  }

  @Test
  @Order(12)
  void notificationsListAndAcknowledge() {
    Run list = ferry("notifications", "--connection", "default", "--json");
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.json().isArray()).isTrue();
    Run ack = ferry("notifications:acknowledge", "--connection", "default");
    assertThat(ack.exit()).as(ack.err()).isZero();
    assertThat(ack.out()).contains("Acknowledged the notifications of default");
    Run after = ferry("notifications", "--connection", "default");
    assertThat(after.out().strip()).isEqualTo("No notifications.");
    Run badTime = ferry("notifications", "--connection", "default", "--after", "yesterday");
    assertThat(badTime.exit()).isEqualTo(1);
  }

  @Test
  @Order(13)
  void schemaDiffAtTheCurrentVersion() {
    // The emulator serves up to 64.0; a connection without an api_version runs at the client's
    // 62.0.
    String version = "62.0";
    Run run = ferry("schema-diff", "--connection", "default", "--target-version", version);
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Current API Version: " + version)
        .containsPattern("Lead\\s+(No changes|No action required)");
    Run older = ferry("schema-diff", "--connection", "default", "--target-version", "20");
    assertThat(older.exit()).isEqualTo(1);
  }

  @Test
  @Order(14)
  void dbSetRenamesAndSfAuthReauthorizes() throws Exception {
    Run renamed = ferry("db:set", "--connection", "second", "--name", "third");
    assertThat(renamed.exit()).as(renamed.err()).isZero();
    assertThat(renamed.out()).contains("name: third").contains("schema_name: sf_second");
    Run otherDb = ferry("db:set", "--connection", "third", "--db", "OTHER_URL");
    assertThat(otherDb.exit()).isEqualTo(1);

    var o = server.emulator.options();
    Path password = file("password.txt", o.password() + "\n");
    Map<String, String> env =
        Map.of(
            "FERRY_SF_CLIENT_ID", o.clientId(),
            "FERRY_SF_CLIENT_SECRET", o.clientSecret(),
            "FERRY_SF_LOGIN_URL", server.emulator.baseUrl().toString());
    Run auth =
        ferry(
            env,
            "sf:auth",
            "--connection",
            "third",
            "--username",
            o.username(),
            "--password-file",
            password.toString());
    assertThat(auth.exit()).as(auth.err()).isZero();
    assertThat(auth.out())
        .contains("Authorized connection third [")
        .contains("password flow")
        .doesNotContain(o.clientSecret());

    Path wrong = file("wrong.txt", "not-the-password");
    Run refused =
        ferry(
            env,
            "sf:auth",
            "--connection",
            "third",
            "--username",
            o.username(),
            "--password-file",
            wrong.toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("authentication failure").doesNotContain("not-the-password");
  }
}

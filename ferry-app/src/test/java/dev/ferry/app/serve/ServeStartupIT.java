package dev.ferry.app.serve;

import static dev.ferry.app.serve.FerryServer.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.app.config.ConfigSources;
import dev.ferry.app.hc.InvalidDocumentException;
import dev.ferry.app.wiring.Production;
import dev.ferry.app.wiring.Serve;
import dev.ferry.core.error.ConfigException;
import dev.ferry.emulator.Emulator;
import dev.ferry.testkit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Starting {@code ferry serve}: --import, a Heroku-style DATABASE_URL, refusals at start. */
class ServeStartupIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();
  @TempDir static Path dir;
  static Emulator emulator;

  @BeforeAll
  static void emulator() {
    emulator = FerryServer.emulator(Map.of("Account", 25, "Invoice__c", 9));
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  /** postgres://user@host:port/db, as Heroku sets DATABASE_URL. */
  static String herokuStyle(String jdbcUrl) {
    return jdbcUrl.replace("jdbc:postgresql://", "postgres://postgres@").replaceAll("\\?.*$", "");
  }

  static final String EXPORT =
      """
      {"version": 1,
       "connection": {"app_name": "legacy-app", "organization_id": "00D000000000001AAA",
                      "features": {"poll_db_no_merge": true}, "api_version": "59.0"},
       "mappings": [
        {"object_name": "Account", "config": {"access": "read_only", "sf_notify_enabled": false,
          "sf_polling_seconds": 2, "sf_max_daily_api_calls": 30000,
          "fields": {"Id": {}, "IsDeleted": {}, "SystemModstamp": {}, "Name": {}},
          "indexes": {"Id": {"unique": true}, "SystemModstamp": {"unique": false}}}},
        {"object_name": "Invoice__c", "config": {"access": "read_only", "sf_notify_enabled": false,
          "sf_polling_seconds": 2, "sf_max_daily_api_calls": 30000,
          "fields": {"Id": {}, "IsDeleted": {}, "SystemModstamp": {}, "Name": {},
                     "Amount__c": {}, "Account__c": {}},
          "indexes": {"Id": {"unique": true}, "SystemModstamp": {"unique": false}}}}]}
      """;

  @Test
  void importAppliesAHerokuConnectExportAtStart() throws Exception {
    Path file = dir.resolve("legacy-app.json");
    Files.writeString(file, EXPORT);
    Map<String, String> env =
        FerryServer.environment(herokuStyle(PG.jdbcUrl()), emulator, dir.resolve("data"));
    try (FerryServer server = FerryServer.start(emulator, env, file)) {
      var deep = server.get("/api/v3/connections/" + server.connectionId() + "?deep=true");
      assertThat(deep.status()).isEqualTo(200);
      Map<String, String> ids = new HashMap<>();
      deep.json()
          .path("mappings")
          .forEach(m -> ids.put(m.path("object_name").asString(), m.path("id").asString()));
      assertThat(ids).containsOnlyKeys("Account", "Invoice__c");
      JsonNode account = server.awaitMapping(ids.get("Account"), state("DATA_SYNCED"));
      JsonNode invoice = server.awaitMapping(ids.get("Invoice__c"), state("DATA_SYNCED"));
      assertThat(account.path("counts").path("db").asLong()).isEqualTo(25);
      assertThat(invoice.path("counts").path("db").asLong()).isEqualTo(9);
      try (var c = PG.dataSource().getConnection();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery("SELECT count(*) FROM salesforce.invoice__c WHERE sfid IS NOT NULL")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(9);
      }
    }
    // A second start with the same file changes nothing (the import is a PATCH).
    try (FerryServer again = FerryServer.start(emulator, env, file)) {
      var deep = again.get("/api/v3/connections/" + again.connectionId() + "?deep=true");
      assertThat(deep.json().path("mappings").size()).isEqualTo(2);
    }
  }

  @Test
  void anInvalidImportFileStopsTheStartAndAppliesNothing() throws Exception {
    Path file = dir.resolve("broken.json");
    // The second mapping is broken: nothing of the file may be applied, the first included.
    Files.writeString(
        file,
        EXPORT.replace(
            "\"Amount__c\": {}, \"Account__c\": {}},", "\"Amount__c\": {}, \"Account__c\": []},"));
    Map<String, String> env =
        FerryServer.environment(herokuStyle(PG.jdbcUrl()), emulator, dir.resolve("data2"));
    env.put("FERRY_SCHEMA", "sf_broken");
    env.put("FERRY_CONNECTION_NAME", "broken");
    assertThatThrownBy(() -> FerryServer.start(emulator, env, file))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("broken.json: ")
        .hasMessageContaining(
            "(Invoice__c): config.fields.Account__c must be an object ({}), got []");
    // The file is checked before anything starts: not even the connection was created.
    try (var c = PG.dataSource().getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT to_regclass('ferry.connection') IS NOT NULL")) {
        rs.next();
        if (!rs.getBoolean(1)) return; // no control schema at all: nothing was created
      }
      try (ResultSet rs =
          s.executeQuery("SELECT count(*) FROM ferry.connection WHERE name = 'broken'")) {
        rs.next();
        assertThat(rs.getLong(1)).isZero();
      }
    }
  }

  @Test
  void withoutFerryApiTokenATokenIsGeneratedPrintedAndRequired() {
    Map<String, String> env = FerryServer.environment(PG.jdbcUrl(), emulator, dir.resolve("data4"));
    env.remove("FERRY_API_TOKEN");
    env.put("FERRY_SCHEMA", "sf_generated_token");
    env.put("FERRY_CONNECTION_NAME", "generated-token");
    try (FerryServer server = FerryServer.start(emulator, env, null)) {
      String token = server.node.apiToken();
      assertThat(server.node.tokenGenerated()).isTrue();
      assertThat(token).hasSizeGreaterThanOrEqualTo(40).doesNotContain(FerryServer.TOKEN);
      java.io.StringWriter out = new java.io.StringWriter();
      dev.ferry.app.cli.ServeCommand.printBanner(new java.io.PrintWriter(out), server.node);
      assertThat(out.toString())
          .contains(server.node.apiUrl() + "/api/v3")
          .contains(token)
          .contains("Dashboard: " + server.node.apiUrl() + "/dashboard");
      assertThat(
              server
                  .getWithAuthorization("/api/v3/connections", "Bearer " + FerryServer.TOKEN)
                  .status())
          .isEqualTo(401);
      assertThat(server.getWithAuthorization("/api/v3/connections", "Bearer " + token).status())
          .isEqualTo(200);
      assertThat(server.node.apiUrl().getHost()).isEqualTo("127.0.0.1");
    }
  }

  @Test
  void configurationProblemsAreAllReportedBeforeAnythingStarts() {
    Map<String, String> env = new HashMap<>();
    env.put("FERRY_PORT", "http");
    env.put("FERRY_SF_CLIENT_ID", "cid");
    env.put("FERRY_LARGE_QUERY_THRESHOLD", "0");
    assertThatThrownBy(() ->
            Serve.start(
                ConfigSources.of(Map.of(), env), null, Production.options(InstantSource.system())))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(p -> p.startsWith("DATABASE_URL (or --database-url) is required"))
                    .anyMatch(p -> p.startsWith("FERRY_PORT"))
                    .anyMatch(p -> p.startsWith("FERRY_LARGE_QUERY_THRESHOLD"))
                    .anyMatch(p -> p.startsWith("no Salesforce login flow")));
  }

  @Test
  void wrongSalesforceCredentialsStopTheStartWithSalesforcesAnswer() {
    Map<String, String> env = FerryServer.environment(PG.jdbcUrl(), emulator, dir.resolve("data3"));
    env.put("FERRY_SF_PASSWORD", "wrong-password");
    env.put("FERRY_SCHEMA", "sf_wrong_password");
    env.put("FERRY_CONNECTION_NAME", "wrong-password");
    assertThatThrownBy(() -> FerryServer.start(emulator, env, null))
        .hasMessageContaining("authentication failure")
        .hasMessageNotContaining("wrong-password");
  }
}

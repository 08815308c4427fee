package dev.ferry.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.hc.Json;
import dev.ferry.emulator.Emulator;
import dev.ferry.testkit.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every real {@code heroku connect:export} file of {@code ../shared/hc-real/exports/} (written by
 * other people for their own orgs) imports into a running {@code ferry serve} and syncs: one
 * connection (and schema) per file against one emulator whose org holds every object and field the
 * files map ({@link ExportOrg}), each mapping reaches DATA_SYNCED and its table holds every record
 * Salesforce has.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HcExportsConformanceIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();
  @TempDir static Path dataDir;

  private static final int RECORDS_PER_OBJECT = 3;

  private final Map<String, JsonNode> exports = new LinkedHashMap<>();
  private Emulator emulator;
  private FerryServer server;

  @BeforeAll
  void start() throws IOException {
    for (Path p : HcReal.exports()) {
      exports.put(p.getFileName().toString(), Json.MAPPER.readTree(Files.readString(p)));
    }
    ExportOrg org = ExportOrg.of(List.copyOf(exports.values()));
    Path orgFile = dataDir.resolve("exports-org.json");
    Files.writeString(orgFile, Json.MAPPER.writeValueAsString(org.json()));
    emulator =
        Emulator.start(
            FerryServer.emulatorOptions(org.generate(RECORDS_PER_OBJECT)).orgFile(orgFile).build());
    Map<String, String> env = FerryServer.environment(PG.jdbcUrl(), emulator, dataDir);
    env.put("FERRY_POLL_SAFETY_LAG_SECONDS", "0");
    // Each connection's writer keeps one pooled connection for LISTEN: 18 connections would take
    // 18 of the default 20 and starve the loads (a limit of its own, reported; not this test's).
    env.put("FERRY_DATABASE_POOL_SIZE", "48");
    server = FerryServer.start(emulator, env, null);
  }

  @AfterAll
  void stop() {
    if (server != null) server.close();
    if (emulator != null) emulator.close();
  }

  private record Imported(String file, String schema, String mappingId, String object) {}

  @Test
  void everyExportImportsAndEveryMappingSyncsItsRows() throws Exception {
    // One connection (and schema) per file: files map the same objects differently.
    List<String> connections = new ArrayList<>();
    List<Imported> mappings = new ArrayList<>();
    int n = 0;
    for (String file : exports.keySet()) {
      String schema = "hc%02d".formatted(++n);
      String connection = createConnection(schema);
      connections.add(connection);
      mappings.addAll(importInto(connection, schema, file));
    }
    assertThat(mappings).hasSizeGreaterThan(50);

    Map<String, String> notSynced = new LinkedHashMap<>();
    Awaitility.await("every mapping of every export in DATA_SYNCED with all its rows")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> {
          notSynced.clear();
          Map<String, JsonNode> byId = new LinkedHashMap<>();
          for (String connection : connections) {
            for (JsonNode m :
                server
                    .get("/api/v3/connections/" + connection + "?deep=true")
                    .json()
                    .path("mappings")) {
              byId.put(m.path("id").asString(), m);
            }
          }
          try (Connection db = DriverManager.getConnection(PG.jdbcUrl())) {
            for (Imported m : mappings) {
              JsonNode json = byId.get(m.mappingId());
              String state = json.path("state").asString();
              long rows = state.equals("DATA_SYNCED") ? rows(db, m) : -1;
              long expected = emulatorCount(m.object());
              if (!state.equals("DATA_SYNCED") || rows != expected) {
                notSynced.put(
                    m.file() + " " + m.object(),
                    state + " " + rows + "/" + expected + " rows " + json.path("error"));
              }
            }
          }
          return notSynced.isEmpty();
        });
    assertThat(notSynced).isEmpty();
  }

  private List<Imported> importInto(String connection, String schema, String file) {
    JsonNode export = exports.get(file);
    FerryServer.Response imported =
        server.post(
            "/api/v3/connections/" + connection + "/actions/import",
            Json.MAPPER.writeValueAsString(export));
    assertThat(imported.status()).as(file + ": " + imported.raw().body()).isEqualTo(200);
    JsonNode deep = server.get("/api/v3/connections/" + connection + "?deep=true").json();
    assertThat(deep.path("mappings").size())
        .as(file + ": every mapping of the file was created")
        .isEqualTo(export.path("mappings").size());
    List<Imported> out = new ArrayList<>();
    for (JsonNode m : deep.path("mappings")) {
      out.add(
          new Imported(file, schema, m.path("id").asString(), m.path("object_name").asString()));
    }
    return out;
  }

  private String createConnection(String schema) {
    var o = emulator.options();
    ObjectNode body = Json.object();
    body.put("name", schema);
    body.put("schema_name", schema);
    ObjectNode credentials = body.putObject("credentials");
    credentials.put("login_url", emulator.baseUrl().toString());
    credentials.put("flow", "password");
    credentials.put("client_id", o.clientId());
    credentials.put("client_secret", o.clientSecret());
    credentials.put("username", o.username());
    credentials.put("password", o.password());
    FerryServer.Response r = server.post("/api/v3/connections", body.toString());
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return r.json().path("id").asString();
  }

  private static long rows(Connection db, Imported m) throws SQLException {
    String table = m.object().toLowerCase(Locale.ROOT);
    try (Statement st = db.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT count(*) FROM \"" + m.schema() + "\".\"" + table + "\"")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The generated records (the API user is one more User). */
  private static long emulatorCount(String object) {
    return RECORDS_PER_OBJECT + (object.equalsIgnoreCase("User") ? 1 : 0);
  }
}

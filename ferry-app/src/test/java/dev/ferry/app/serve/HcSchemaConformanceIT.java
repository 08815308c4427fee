package dev.ferry.app.serve;

import static dev.ferry.app.serve.FerryServer.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.app.hc.Json;
import dev.ferry.emulator.Emulator;
import dev.ferry.emulator.org.OrgDefinition;
import dev.ferry.testkit.PostgresExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schema Ferry creates against a real {@code pg_dump} of a schema Heroku Connect created
 * ({@code ../shared/hc-real/ddl/01-fragforce-*.sql}, six read-only mappings in schema {@code org}):
 * the same mappings are made in a running {@code ferry serve} against an emulator org whose fields
 * carry the types a real org gives them, and what Ferry created (pg_catalog) is compared with what
 * the dump declares: tables, columns (type, NOT NULL, default), primary keys, indexes, sequences,
 * functions and triggers. Every difference must be listed, with its reason, in
 * docs/postgres-contract.md ("Differences from Heroku Connect's schema"); a listed difference that
 * no longer occurs fails too, so the list stays true.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HcSchemaConformanceIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();
  @TempDir static Path dataDir;

  static final String DUMP = "ddl/01-fragforce-fragforce.org-dev-ffsfdc.sql";
  static final String SCHEMA = "org";
  static final String DIFFERENCES = "## Differences from Heroku Connect's schema";

  /** Picklists of these tables in real orgs (describe length = the dump's varchar length). */
  static final Set<String> PICKLISTS =
      Set.of(
          "account.type",
          "account.accountsource",
          "account.industry",
          "account.billinggeocodeaccuracy",
          "account.shippinggeocodeaccuracy",
          "account.currencyisocode",
          "account.billingstatecode",
          "account.billingcountrycode",
          "account.shippingstatecode",
          "account.shippingcountrycode",
          "contact.currencyisocode",
          "contact.contact_type__c",
          "el_history__c.currencyisocode",
          "el_history__c.year__c",
          "event_participant__c.status__c",
          "fragforce_event__c.currencyisocode",
          "user.usertype");

  /** Audit fields every object has; the org adds them itself. */
  static final Set<String> AUDIT =
      Set.of(
          "createddate", "createdbyid", "lastmodifieddate", "lastmodifiedbyid", "systemmodstamp");

  static final Set<String> HC_SYSTEM = Set.of("sfid", "id", "_hc_lastop", "_hc_err");

  private String dump;
  private Map<String, List<String[]>> tables; // table -> (column, type)
  private Emulator emulator;
  private FerryServer server;
  private final Map<String, String> mappingIds = new LinkedHashMap<>();

  @BeforeAll
  void start() throws Exception {
    dump = Files.readString(HcReal.dir().resolve(DUMP));
    tables = mappedTables(dump);
    Path orgFile = dataDir.resolve("fragforce-org.json");
    Files.writeString(orgFile, Json.MAPPER.writeValueAsString(org(tables)));
    Map<String, Integer> generate = new LinkedHashMap<>();
    for (String t : tables.keySet()) generate.put(objectName(t), 3);
    emulator = Emulator.start(FerryServer.emulatorOptions(generate).orgFile(orgFile).build());
    Map<String, String> env = FerryServer.environment(PG.jdbcUrl(), emulator, dataDir);
    env.put("FERRY_SCHEMA", SCHEMA);
    env.put("FERRY_POLL_SAFETY_LAG_SECONDS", "0");
    server = FerryServer.start(emulator, env, null);
    for (Map.Entry<String, List<String[]>> t : tables.entrySet()) {
      FerryServer.Response r =
          server.post(
              "/api/v3/connections/" + server.connectionId() + "/mappings",
              mapping(t.getKey(), t.getValue()).toString());
      assertThat(r.status()).as(t.getKey() + ": " + r.raw().body()).isEqualTo(201);
      mappingIds.put(t.getKey(), r.json().path("id").asString());
    }
    for (String id : mappingIds.values()) server.awaitMapping(id, state("DATA_SYNCED"));
  }

  @AfterAll
  void stop() {
    if (server != null) server.close();
    if (emulator != null) emulator.close();
  }

  @Test
  void theSchemaFerryCreatesDiffersFromHerokuConnectsOnlyAsDocumented() throws Exception {
    SchemaFacts hc = SchemaFacts.ofDump(dump, SCHEMA);
    SchemaFacts ferry;
    try (Connection db = DriverManager.getConnection(PG.jdbcUrl())) {
      ferry = SchemaFacts.ofDatabase(db, SCHEMA, hc.namedTriggers);
    }
    assertThat(hc.facts).as("the dump was read").hasSizeGreaterThan(250);
    TreeSet<String> differences = new TreeSet<>();
    for (String f : hc.facts) if (!ferry.facts.contains(f)) differences.add("- " + f);
    for (String f : ferry.facts) if (!hc.facts.contains(f)) differences.add("+ " + f);

    TreeSet<String> listed = listedDifferences();
    TreeSet<String> unlisted = new TreeSet<>(differences);
    unlisted.removeAll(listed);
    TreeSet<String> stale = new TreeSet<>(listed);
    stale.removeAll(differences);
    assertThat(unlisted)
        .as(
            "differences from Heroku Connect's schema not listed in docs/postgres-contract.md"
                + " (fix them, or list them with their reason)")
        .isEmpty();
    assertThat(stale)
        .as("differences listed in docs/postgres-contract.md that no longer occur")
        .isEmpty();
  }

  @Test
  void userHasNoIsdeletedColumnSoAnApplicationSeesWhatHerokuConnectGives() throws Exception {
    // Heroku Connect's "user" has no isdeleted (User has no IsDeleted in Salesforce). An
    // application filtering on it gets the error it gets there, not an empty answer.
    try (Connection db = DriverManager.getConnection(PG.jdbcUrl());
        Statement st = db.createStatement()) {
      try (ResultSet rs =
          st.executeQuery(
              "SELECT count(*) FROM org.\"user\" WHERE isactive IS NOT NULL AND sfid IS NOT"
                  + " NULL")) {
        rs.next();
        assertThat(rs.getLong(1)).isGreaterThanOrEqualTo(3);
      }
      assertThatThrownBy(
              () -> st.executeQuery("SELECT sfid, name FROM org.\"user\" WHERE isdeleted = false"))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42703"))
          .hasMessageContaining("isdeleted");
      try (ResultSet rs =
          st.executeQuery("SELECT count(*) FROM org.contact WHERE isdeleted = false")) {
        rs.next();
        assertThat(rs.getLong(1)).as("objects with IsDeleted keep the column").isEqualTo(3);
      }
    }
  }

  /** The mapped tables of the dump (those with an hc_*_logger function) and their columns. */
  static Map<String, List<String[]>> mappedTables(String dump) {
    Map<String, List<String[]>> out = new LinkedHashMap<>();
    Matcher t =
        Pattern.compile("CREATE TABLE org\\.(\"?\\w+\"?) \\((.*?)\\n\\);", Pattern.DOTALL)
            .matcher(dump);
    while (t.find()) {
      String table = t.group(1).replace("\"", "");
      if (!dump.contains("FUNCTION org.hc_" + table + "_logger()")) continue;
      List<String[]> columns = new ArrayList<>();
      for (String line : t.group(2).split(",\\n")) {
        String l = line.strip();
        int sp = l.indexOf(' ');
        columns.add(
            new String[] {l.substring(0, sp), l.substring(sp + 1).replace(" NOT NULL", "")});
      }
      out.put(table, columns);
    }
    assertThat(out).as("mapped tables in the dump").hasSize(6);
    return out;
  }

  /** {@code El_History__c} for {@code el_history__c}; standard objects by their real name. */
  static String objectName(String table) {
    StringBuilder b = new StringBuilder();
    for (String part : table.replace("__c", "").split("_")) {
      b.append(b.isEmpty() ? "" : "_")
          .append(part.substring(0, 1).toUpperCase(Locale.ROOT))
          .append(part.substring(1));
    }
    return table.endsWith("__c") ? b + "__c" : b.toString();
  }

  /** The mapping Heroku Connect had: every column's field, read-only, its indexes. */
  private ObjectNode mapping(String table, List<String[]> columns) {
    ObjectNode body = Json.object();
    body.put("object_name", objectName(table));
    ObjectNode config = body.putObject("config");
    config.put("access", "read_only");
    config.put("sf_polling_seconds", 600);
    ObjectNode fields = config.putObject("fields");
    fields.putObject("Id");
    for (String[] c : columns) {
      if (!HC_SYSTEM.contains(c[0])) fields.putObject(c[0]);
    }
    ObjectNode indexes = config.putObject("indexes");
    Matcher m =
        Pattern.compile(
                "CREATE (UNIQUE )?INDEX (hcu?_idx)_"
                    + Pattern.quote(table)
                    + "_(\\w+) ON org\\.\"?"
                    + Pattern.quote(table)
                    + "\"? ")
            .matcher(dump);
    while (m.find()) {
      if (m.group(3).equals("sfid") || m.group(3).equals("systemmodstamp")) continue;
      indexes.putObject(m.group(3)).put("unique", m.group(1) != null);
    }
    return body;
  }

  /**
   * The default org, with the six objects' fields typed as a real org types them: the dump's
   * varchar(n) a string(n) (picklists a picklist of length n), text a long text area, aboutme a
   * 1000-character text area, booleans, datetimes, dates, doubles and integers as such.
   */
  static ObjectNode org(Map<String, List<String[]>> tables) throws IOException {
    ObjectNode root;
    try (InputStream in = OrgDefinition.class.getResourceAsStream("default-org.json")) {
      root = (ObjectNode) Json.MAPPER.readTree(in);
    }
    ArrayNode objects = (ArrayNode) root.path("objects");
    int prefix = 0;
    for (Map.Entry<String, List<String[]>> t : tables.entrySet()) {
      String name = objectName(t.getKey());
      ObjectNode object = null;
      for (JsonNode o : objects) {
        if (o.path("name").asString().equalsIgnoreCase(name)) object = (ObjectNode) o;
      }
      if (object == null) {
        object = objects.addObject();
        object.put("name", name);
        object.put("keyPrefix", "a9" + (char) ('A' + prefix++));
        object.putArray("fields");
      }
      for (String[] c : t.getValue()) {
        String column = c[0];
        if (HC_SYSTEM.contains(column) || AUDIT.contains(column) || column.equals("isdeleted")) {
          continue;
        }
        ObjectNode f = null;
        for (JsonNode existing : object.path("fields")) {
          if (existing.path("name").asString().equalsIgnoreCase(column)) f = (ObjectNode) existing;
        }
        if (f == null) {
          f = ((ArrayNode) object.path("fields")).addObject();
          f.put("name", column);
        } else if (Set.of("reference", "id").contains(f.path("type").asString())) {
          continue;
        }
        type(f, t.getKey() + "." + column, c[1]);
      }
    }
    return root;
  }

  private static void type(ObjectNode f, String column, String pgType) {
    for (String k : List.of("length", "precision", "scale", "digits", "picklistValues")) {
      f.remove(k);
    }
    Matcher varchar = Pattern.compile("character varying\\((\\d+)\\)").matcher(pgType);
    if (varchar.matches()) {
      int length = Integer.parseInt(varchar.group(1));
      if (PICKLISTS.contains(column)) {
        f.put("type", "picklist");
        f.put("restrictedPicklist", false);
        ArrayNode values = f.putArray("picklistValues");
        String v = "ABCDEFGHIJ".substring(0, Math.min(length, 10));
        values.add(v.substring(0, Math.min(2, length))).add(v.substring(0, 1));
      } else if (column.equals("user.aboutme")) {
        f.put("type", "textarea");
      } else {
        f.put("type", "string");
      }
      f.put("length", length);
      return;
    }
    switch (pgType) {
      case "text" -> {
        f.put("type", "textarea");
        f.put("length", 32768);
      }
      case "boolean" -> f.put("type", "boolean");
      case "timestamp without time zone" -> f.put("type", "datetime");
      case "date" -> f.put("type", "date");
      case "double precision" -> {
        f.put("type", "double");
        f.put("precision", 18);
        f.put("scale", 2);
      }
      case "integer" -> {
        f.put("type", "int");
        f.put("digits", 9);
      }
      default -> throw new AssertionError("no Salesforce type for " + column + " " + pgType);
    }
  }

  /** Every {@code - ...} / {@code + ...} code span of the differences section of the contract. */
  static TreeSet<String> listedDifferences() throws IOException {
    Path doc = HcReal.repositoryRoot().resolve("docs/postgres-contract.md");
    String text = Files.readString(doc);
    int start = text.indexOf(DIFFERENCES);
    assertThat(start).as(DIFFERENCES + " in " + doc).isNotNegative();
    int end = text.indexOf("\n## ", start + DIFFERENCES.length());
    String section = text.substring(start, end < 0 ? text.length() : end);
    TreeSet<String> listed = new TreeSet<>();
    Matcher m = Pattern.compile("`([-+] [^`]+)`").matcher(section);
    while (m.find()) listed.add(m.group(1));
    return listed;
  }
}

package dev.ferry.store.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.ferry.core.model.Access;
import dev.ferry.store.Db;
import dev.ferry.store.Fixtures;
import dev.ferry.store.StoreDataSources;
import dev.ferry.testkit.PostgresExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Change capture as applications see it (spec §4.7, §7.3, §7.4): {@code app} is an application's
 * session (xmlbinary = base64, the default), {@code ferry} is Ferry's (xmlbinary = hex).
 */
class TriggerBehaviourTest {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  static HikariDataSource ferryPool;
  static JdbcSchemaAdmin admin;
  static Db app;
  static Db ferry;

  @BeforeAll
  static void setUp() {
    ferryPool = StoreDataSources.pooled(PG.hikariConfig());
    admin = new JdbcSchemaAdmin(ferryPool);
    app = new Db(PG.dataSource());
    ferry = new Db(ferryPool);
    admin.bootstrap("salesforce", null);
    admin.createTable("salesforce", Fixtures.contact(Access.READ_WRITE));
    admin.createTable("salesforce", Fixtures.account(Access.READ_ONLY));
  }

  @AfterAll
  static void close() {
    ferryPool.close();
  }

  @BeforeEach
  void clean() {
    app.exec(
        "TRUNCATE salesforce.contact, salesforce.account, salesforce._trigger_log",
        "ALTER SEQUENCE salesforce._trigger_log_id_seq RESTART");
  }

  @Test
  void applicationInsertIsCapturedAsNewWithTheWholeRowAndMarksThePendingRow() {
    app.exec(
        "INSERT INTO salesforce.contact (lastname, email, contact_uuid__c)"
            + " VALUES ('O''Brien', 'ob@example.com', 'u-1')");
    Map<String, String> e = onlyEntry();
    assertThat(e)
        .containsEntry("state", "NEW")
        .containsEntry("action", "INSERT")
        .containsEntry("table_name", "contact")
        .containsEntry("sfid", null)
        .containsEntry("old", null);
    assertThat(e.get("record_id")).isEqualTo(app.scalar("SELECT id FROM salesforce.contact"));
    Map<String, String> values = hstore(e.get("values"));
    assertThat(values)
        .containsEntry("lastname", "O'Brien")
        .containsEntry("email", "ob@example.com")
        .containsEntry("contact_uuid__c", "u-1")
        .containsKey("id")
        .containsKey("sfid")
        .doesNotContainKeys("_hc_lastop", "_hc_err");
    assertThat(row("_hc_lastop")).isEqualTo("PENDING");
    assertThat(app.scalar("SELECT txid = txid_current() FROM salesforce._trigger_log"))
        .isEqualTo("f"); // another transaction's txid
  }

  @Test
  void updateCapturesOnlyChangedColumnsAndNoOpUpdatesAreIgnored() {
    ferry.exec(
        "INSERT INTO salesforce.contact (sfid, lastname, email) VALUES ('003000000000001AAA', 'A', 'a@x')");
    app.exec("UPDATE salesforce.contact SET email = 'b@x'");
    app.exec("UPDATE salesforce.contact SET email = 'b@x'");
    app.exec("UPDATE salesforce.contact SET email = NULL");
    List<Map<String, String>> entries = entries();
    assertThat(entries).hasSize(3);
    assertThat(entries.get(0))
        .containsEntry("state", "NEW")
        .containsEntry("action", "UPDATE")
        .containsEntry("sfid", "003000000000001AAA");
    assertThat(hstore(entries.get(0).get("values"))).containsExactly(Map.entry("email", "b@x"));
    assertThat(hstore(entries.get(0).get("old")))
        .containsEntry("email", "a@x")
        .containsEntry("lastname", "A")
        .doesNotContainKeys("_hc_lastop", "_hc_err");
    assertThat(entries.get(1)).containsEntry("state", "IGNORE");
    assertThat(entries.get(1).get("values")).isEmpty();
    assertThat(hstore(entries.get(2).get("values"))).hasSize(1).containsEntry("email", null);
  }

  @Test
  void deleteOfASyncedRowIsNewAndOfANeverSyncedRowIsIgnore() {
    ferry.exec(
        "INSERT INTO salesforce.contact (sfid, lastname) VALUES ('003000000000001AAA', 'A')");
    app.exec("INSERT INTO salesforce.contact (lastname) VALUES ('local only')");
    app.exec("DELETE FROM salesforce.contact WHERE sfid IS NOT NULL");
    app.exec("DELETE FROM salesforce.contact");
    List<Map<String, String>> entries = entries();
    assertThat(entries)
        .extracting(e -> e.get("action") + "/" + e.get("state"))
        .containsExactly("INSERT/NEW", "DELETE/NEW", "DELETE/IGNORE");
    assertThat(entries.get(1)).containsEntry("sfid", "003000000000001AAA");
    assertThat(hstore(entries.get(1).get("old"))).containsEntry("lastname", "A");
  }

  @Test
  void readOnlyMappingsRecordReadonlyEntries() {
    app.exec("INSERT INTO salesforce.account (name) VALUES ('Acme')");
    app.exec("UPDATE salesforce.account SET name = 'Acme Inc'");
    assertThat(entries())
        .extracting(e -> e.get("action") + "/" + e.get("state"))
        .containsExactly("INSERT/READONLY", "UPDATE/READONLY");
  }

  @Test
  void accessChangeRegeneratesTheLogger() {
    admin.setAccess("salesforce", Fixtures.account(Access.READ_WRITE));
    app.exec("INSERT INTO salesforce.account (name) VALUES ('Acme')");
    admin.setAccess("salesforce", Fixtures.account(Access.READ_ONLY));
    app.exec("INSERT INTO salesforce.account (name) VALUES ('Globex')");
    assertThat(entries()).extracting(e -> e.get("state")).containsExactly("NEW", "READONLY");
  }

  @Test
  void ferryWritesAreNeverCapturedAndEndSynced() {
    ferry.exec(
        "INSERT INTO salesforce.contact (sfid, lastname) VALUES ('003000000000001AAA', 'A')");
    assertThat(row("_hc_lastop")).isEqualTo("SYNCED");
    app.exec("UPDATE salesforce.contact SET lastname = 'B'");
    assertThat(row("_hc_lastop")).isEqualTo("PENDING");
    ferry.exec("UPDATE salesforce.contact SET lastname = 'C'");
    assertThat(row("_hc_lastop")).isEqualTo("SYNCED");
    ferry.exec("DELETE FROM salesforce.contact");
    assertThat(entries()).extracting(e -> e.get("action")).containsExactly("UPDATE");
  }

  @Test
  void explicitWriteBackIsKeptUntilTheNextFerryWrite() {
    app.exec("INSERT INTO salesforce.contact (lastname) VALUES ('A')");
    ferry.exec(
        "UPDATE salesforce.contact SET sfid = '003000000000001AAA', _hc_lastop = 'INSERTED'");
    assertThat(row("_hc_lastop")).isEqualTo("INSERTED");
    ferry.exec(
        "UPDATE salesforce.contact SET _hc_lastop = 'FAILED', _hc_err = '{\"message\":\"x\"}'");
    assertThat(row("_hc_lastop")).isEqualTo("FAILED");
    assertThat(row("_hc_err")).isEqualTo("{\"message\":\"x\"}");
    app.exec("UPDATE salesforce.contact SET lastname = 'B'");
    assertThat(row("_hc_lastop")).isEqualTo("PENDING");
    assertThat(row("_hc_err")).isNull();
    ferry.exec("UPDATE salesforce.contact SET lastname = 'C'");
    assertThat(row("_hc_lastop")).isEqualTo("SYNCED");
    assertThat(entries()).hasSize(2); // only the application's insert and update
  }

  @Test
  void customTriggerStyleBase64FlipIsCapturedEvenInAFerrySession() {
    ferry.exec(
        "BEGIN; SET LOCAL xmlbinary TO 'base64';"
            + " INSERT INTO salesforce.contact (lastname) VALUES ('via trigger'); COMMIT");
    assertThat(onlyEntry()).containsEntry("state", "NEW");
    assertThat(row("_hc_lastop")).isEqualTo("PENDING");
  }

  @Test
  void truncateIsNotCaptured() {
    ferry.exec(
        "INSERT INTO salesforce.contact (sfid, lastname) VALUES ('003000000000001AAA', 'A')");
    app.exec("TRUNCATE salesforce.contact");
    assertThat(entries()).isEmpty();
  }

  @Test
  void captureHelpersRequeueARow() {
    ferry.exec(
        "INSERT INTO salesforce.contact (sfid, lastname, email) VALUES ('003000000000001AAA', 'A', 'a@x')");
    String insertId =
        app.scalar(
            "SELECT salesforce.hc_capture_insert_from_row(hstore(c.*), 'contact',"
                + " ARRAY['email', 'id', 'sfid']) FROM salesforce.contact c");
    String updateId =
        app.scalar(
            "SELECT salesforce.hc_capture_update_from_row(hstore(c.*), 'contact', ARRAY['email'])"
                + " FROM salesforce.contact c");
    assertThat(app.scalar("SELECT salesforce.hc_capture_insert_from_row(''::hstore, 'contact')"))
        .isNull();
    List<Map<String, String>> entries = entries();
    assertThat(entries).hasSize(2);
    assertThat(entries.get(0))
        .containsEntry("id", insertId)
        .containsEntry("action", "INSERT")
        .containsEntry("state", "NEW")
        .containsEntry("table_name", "contact");
    assertThat(hstore(entries.get(0).get("values")))
        .containsKeys("id", "sfid", "lastname")
        .doesNotContainKeys("email", "_hc_lastop", "_hc_err");
    assertThat(entries.get(1))
        .containsEntry("id", updateId)
        .containsEntry("action", "UPDATE")
        .containsEntry("sfid", "003000000000001AAA");
    assertThat(hstore(entries.get(1).get("values"))).containsExactly(Map.entry("email", "a@x"));
  }

  private static Map<String, String> onlyEntry() {
    List<Map<String, String>> e = entries();
    assertThat(e).hasSize(1);
    return e.get(0);
  }

  private static List<Map<String, String>> entries() {
    return app.rows(
        "SELECT id, state, action, table_name, record_id, sfid, old, \"values\""
            + " FROM salesforce._trigger_log ORDER BY id");
  }

  private static String row(String column) {
    return app.scalar("SELECT " + column + " FROM salesforce.contact");
  }

  /** Parses hstore text through Postgres itself. */
  private static Map<String, String> hstore(String text) {
    Map<String, String> m = new java.util.TreeMap<>();
    if (text == null) return m;
    for (Map<String, String> r :
        app.rows("SELECT key, value FROM each('" + text.replace("'", "''") + "'::hstore)")) {
      m.put(r.get("key"), r.get("value"));
    }
    return m;
  }
}

package dev.ferry.engine.it;

import static dev.ferry.core.state.MappingState.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.store.Notification;
import dev.ferry.core.store.NotificationFilter;
import dev.ferry.testkit.PostgresExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What applications written for Heroku Connect do to its tables, run against the real engine
 * (PostgreSQL, the emulator over HTTP, the real client): a table the application created before the
 * mapping (from a Rails schema.rb, with a row of its own), foreign keys from application tables to
 * {@code id} and {@code sfid} that a reload must keep valid, and {@code AFTER UPDATE OF col}
 * triggers that must fire only for columns Salesforce changed.
 */
class ApplicationTablesIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  private static final List<String> FIELDS =
      List.of("Id", "SystemModstamp", "IsDeleted", "FirstName", "LastName", "Email", "Phone");

  /** The table as Rails' {@code db:schema:load} creates it from a Heroku Connect schema.rb. */
  private static final String RAILS_CONTACT =
      "CREATE TABLE salesforce.contact (id serial PRIMARY KEY, sfid varchar(18),"
          + " systemmodstamp timestamp, isdeleted boolean, firstname varchar(40),"
          + " lastname varchar(80), email varchar(80), phone varchar(40), _hc_lastop varchar(32),"
          + " _hc_err text, app_notes text)";

  @Test
  void aTableTheApplicationCreatedIsRefusedByNameAndKeepsItsRows() throws Exception {
    try (SyncHarness h = SyncHarness.builder(PG).generate(Map.of("Contact", 5)).start()) {
      h.db.execute("CREATE SCHEMA IF NOT EXISTS salesforce");
      h.db.execute(RAILS_CONTACT);
      h.db.execute("INSERT INTO salesforce.contact (lastname, app_notes) VALUES ('Mine', 'keep')");
      MappingId id = h.map("Contact", MappingConfig.of(Access.READ_WRITE, FIELDS));
      h.advance(Duration.ofSeconds(5));
      h.run(id);

      assertThat(h.state(id)).isEqualTo(BAD_CONFIG);
      assertThat(h.mapping(id).error())
          .contains("salesforce.contact")
          .contains("already exists")
          .contains("ferry_adopt_existing_table");
      assertThat(h.db.rows("SELECT lastname, app_notes FROM salesforce.contact"))
          .containsExactly(Map.of("lastname", "Mine", "app_notes", "keep"));
      List<Notification> notes = h.service.notifications(h.connection, NotificationFilter.ALL, 10);
      assertThat(notes)
          .anySatisfy(n -> {
            assertThat(n.kind()).isEqualTo("mapping_error");
            assertThat(n.message()).contains("BAD_CONFIG").contains("salesforce.contact");
          });
      // no trigger was added to the application's table
      assertThat(
              h.db.count(
                  "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'salesforce.contact'::regclass"
                      + " AND NOT tgisinternal"))
          .isZero();

      // the user asks to adopt it: the mapping recovers, loads, and the row is still there
      h.service.updateMapping(
          id, MappingConfig.of(Access.READ_WRITE, FIELDS).withAdoptExistingTable(true));
      h.runUntil(id, DATA_SYNCED, 3);
      assertThat(h.db.count("SELECT count(*) FROM salesforce.contact")).isEqualTo(5 + 1);
      assertThat(h.db.value("SELECT app_notes FROM salesforce.contact WHERE lastname = 'Mine'"))
          .isEqualTo("keep");
    }
  }

  @Test
  void anAdoptedTableKeepsTheApplicationsRowsAndTheLoadUpdatesTheMatchingOnes() throws Exception {
    try (SyncHarness h = SyncHarness.builder(PG).generate(Map.of("Contact", 5)).start()) {
      String known = contactIds(h).get(0);
      h.db.execute("CREATE SCHEMA IF NOT EXISTS salesforce");
      h.db.execute(RAILS_CONTACT);
      h.db.execute("INSERT INTO salesforce.contact (lastname, app_notes) VALUES ('Mine', 'keep')");
      h.db.execute(
          "INSERT INTO salesforce.contact (sfid, lastname, app_notes) VALUES ('"
              + known
              + "', 'stale copy', 'mine too')");
      h.db.execute(
          "INSERT INTO salesforce.contact (sfid, lastname) VALUES ('003000000000999AAA', 'gone')");
      Map<String, Object> before = idsBySfid(h);

      MappingConfig config =
          MappingConfig.of(Access.READ_WRITE, FIELDS).withAdoptExistingTable(true);
      MappingId id = h.map("Contact", config);
      h.advance(Duration.ofSeconds(5));
      h.run(id);

      assertThat(h.state(id)).isEqualTo(DATA_SYNCED);
      // every application row is still there, the matching one now holds Salesforce's values
      assertThat(h.db.count("SELECT count(*) FROM salesforce.contact")).isEqualTo(5 + 2);
      assertThat(h.db.value("SELECT app_notes FROM salesforce.contact WHERE lastname = 'Mine'"))
          .isEqualTo("keep");
      assertThat(
              h.db.rows(
                  "SELECT lastname <> 'stale copy' AS updated, app_notes, _hc_lastop"
                      + " FROM salesforce.contact WHERE sfid = '"
                      + known
                      + "'"))
          .containsExactly(
              Map.of("updated", true, "app_notes", "mine too", "_hc_lastop", "SYNCED"));
      assertThat(h.db.count("SELECT count(*) FROM salesforce.contact WHERE lastname = 'gone'"))
          .isEqualTo(1);
      assertThat(idsBySfid(h)).containsAllEntriesOf(before);
      // the table is Ferry's now: an application change is captured for Salesforce
      assertThat(h.db.count("SELECT count(*) FROM salesforce._trigger_log")).isZero();
      h.db.execute("UPDATE salesforce.contact SET phone = '555' WHERE sfid = '" + known + "'");
      assertThat(h.db.count("SELECT count(*) FROM salesforce._trigger_log WHERE state = 'NEW'"))
          .isEqualTo(1);
      // a reload keeps the rows Ferry never wrote
      h.service.reload(id);
      h.run(id);
      assertThat(h.state(id)).isEqualTo(DATA_SYNCED);
      assertThat(h.db.count("SELECT count(*) FROM salesforce.contact")).isEqualTo(5 + 2);
      assertThat(idsBySfid(h)).containsAllEntriesOf(before);
    }
  }

  @Test
  void aReloadKeepsIdsAndTheApplicationsForeignKeysToIdAndSfid() throws Exception {
    try (SyncHarness h = SyncHarness.builder(PG).generate(Map.of("Contact", 20)).start()) {
      MappingId id = h.map("Contact", MappingConfig.of(Access.READ_ONLY, FIELDS));
      h.advance(Duration.ofSeconds(5));
      h.run(id);
      assertThat(h.state(id)).isEqualTo(DATA_SYNCED);
      List<String> sfids = contactIds(h);
      // the application's own tables, referring to Heroku Connect's rows by id and by sfid
      h.db.execute(
          "CREATE TABLE public.note (id serial PRIMARY KEY,"
              + " contact_id integer NOT NULL REFERENCES salesforce.contact (id),"
              + " contact_sfid varchar(18) REFERENCES salesforce.contact (sfid), body text)");
      h.db.execute(
          "INSERT INTO public.note (contact_id, contact_sfid, body) SELECT id, sfid, 'hello'"
              + " FROM salesforce.contact WHERE sfid IN ('"
              + sfids.get(0)
              + "', '"
              + sfids.get(1)
              + "')");
      Map<String, Object> before = idsBySfid(h);

      // meanwhile in Salesforce: one record changed, one deleted, one created
      h.update("Contact", sfids.get(0), Map.of("LastName", "Renamed"));
      h.delete("Contact", sfids.get(5));
      String created = h.create("Contact", List.of(Map.of("LastName", "Newcomer"))).get(0);
      h.advance(Duration.ofSeconds(5));

      h.service.reload(id);
      h.run(id);

      assertThat(h.state(id)).isEqualTo(DATA_SYNCED);
      Map<String, Object> after = idsBySfid(h);
      Map<String, Object> expected = new TreeMap<>(before);
      expected.remove(sfids.get(5));
      assertThat(after).containsAllEntriesOf(expected).doesNotContainKey(sfids.get(5));
      assertThat(after).containsKey(created).hasSize(20);
      assertThat(
              h.db.value(
                  "SELECT lastname FROM salesforce.contact WHERE sfid = '" + sfids.get(0) + "'"))
          .isEqualTo("Renamed");
      assertThat(
              h.db.count(
                  "SELECT count(*) FROM public.note n JOIN salesforce.contact c"
                      + " ON c.id = n.contact_id AND c.sfid = n.contact_sfid"))
          .isEqualTo(2);
      assertThat(h.db.count("SELECT count(*) FROM salesforce._trigger_log")).isZero();

      // a record the application still refers to is deleted in Salesforce: its row stays
      h.delete("Contact", sfids.get(1));
      h.advance(Duration.ofSeconds(5));
      h.service.reload(id);
      h.run(id);
      assertThat(h.state(id)).isEqualTo(DATA_SYNCED);
      assertThat(
              h.db.count(
                  "SELECT count(*) FROM public.note n JOIN salesforce.contact c"
                      + " ON c.id = n.contact_id"))
          .isEqualTo(2);
    }
  }

  @Test
  void applicationUpdateTriggersFireOnlyForColumnsSalesforceChanged() throws Exception {
    try (SyncHarness h = SyncHarness.builder(PG).generate(Map.of("Contact", 10)).start()) {
      MappingId id = h.map("Contact", MappingConfig.of(Access.READ_WRITE, FIELDS));
      h.advance(Duration.ofSeconds(5));
      h.run(id);
      assertThat(h.state(id)).isEqualTo(DATA_SYNCED);
      List<String> sfids = contactIds(h);
      h.db.execute("CREATE TABLE public.fired (col text, sfid varchar(18))");
      h.db.execute(
          "CREATE FUNCTION public.remember() RETURNS trigger LANGUAGE plpgsql AS $$"
              + " BEGIN INSERT INTO public.fired VALUES (TG_ARGV[0], NEW.sfid); RETURN NULL; END $$");
      h.db.execute(
          "CREATE TRIGGER app_lastname AFTER UPDATE OF lastname ON salesforce.contact"
              + " FOR EACH ROW EXECUTE FUNCTION public.remember('lastname')");
      h.db.execute(
          "CREATE TRIGGER app_phone AFTER UPDATE OF phone ON salesforce.contact"
              + " FOR EACH ROW EXECUTE FUNCTION public.remember('phone')");
      h.db.execute(
          "CREATE TRIGGER app_any AFTER UPDATE ON salesforce.contact"
              + " FOR EACH ROW EXECUTE FUNCTION public.remember('any')");

      // Salesforce changes the phone of one record and saves another without changing anything
      h.update("Contact", sfids.get(0), Map.of("Phone", "+1 555 0100"));
      String lastName =
          (String)
              h.db.value(
                  "SELECT lastname FROM salesforce.contact WHERE sfid = '" + sfids.get(1) + "'");
      h.update("Contact", sfids.get(1), Map.of("LastName", lastName));
      h.advance(Duration.ofSeconds(5));
      h.run(id);
      assertThat(h.state(id)).isEqualTo(DATA_SYNCED);
      assertThat(h.db.rows("SELECT col, sfid FROM public.fired ORDER BY col, sfid"))
          .containsExactly(
              Map.of("col", "any", "sfid", sfids.get(0)),
              Map.of("col", "any", "sfid", sfids.get(1)), // its systemmodstamp moved
              Map.of("col", "phone", "sfid", sfids.get(0)));

      // a reload of unchanged records updates nothing
      h.db.execute("DELETE FROM public.fired");
      h.advance(Duration.ofSeconds(5));
      h.service.reload(id);
      h.run(id);
      assertThat(h.state(id)).isEqualTo(DATA_SYNCED);
      assertThat(h.db.count("SELECT count(*) FROM public.fired")).isZero();
    }
  }

  private static List<String> contactIds(SyncHarness h) {
    List<String> ids = new java.util.ArrayList<>();
    try (var records =
        h.admin()
            .query(
                dev.ferry.core.soql.Soql.select("Id").from("Contact").orderBy("Id").build(),
                false)) {
      while (records.hasNext()) ids.add(records.next().get("Id"));
    }
    return ids;
  }

  private static Map<String, Object> idsBySfid(SyncHarness h) {
    Map<String, Object> m = new TreeMap<>();
    for (var r : h.db.rows("SELECT sfid, id FROM salesforce.contact WHERE sfid IS NOT NULL")) {
      m.put((String) r.get("sfid"), r.get("id"));
    }
    return m;
  }
}

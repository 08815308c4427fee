package dev.ferry.store.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.ferry.core.error.ConfigException;
import dev.ferry.core.model.Access;
import dev.ferry.core.model.TableSpec;
import dev.ferry.store.Db;
import dev.ferry.store.Fixtures;
import dev.ferry.store.StoreDataSources;
import dev.ferry.testkit.PostgresExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The DDL Ferry creates matches what Heroku Connect dumps show (spec §4). */
class SchemaContractTest {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  static HikariDataSource ferry;
  static JdbcSchemaAdmin admin;
  static Db db;

  @BeforeAll
  static void bootstrap() {
    ferry = StoreDataSources.pooled(PG.hikariConfig());
    admin = new JdbcSchemaAdmin(ferry);
    db = new Db(PG.dataSource());
    admin.bootstrap("salesforce", "00D000000000001EAA");
    admin.bootstrap("salesforce", "00D000000000001EAA"); // idempotent
    admin.createTable("salesforce", Fixtures.contact(Access.READ_WRITE));
  }

  @AfterAll
  static void close() {
    ferry.close();
  }

  @Test
  void systemTablesSequenceAndIndexesHaveHerokuConnectNames() {
    assertThat(
            db.column("SELECT tablename FROM pg_tables WHERE schemaname = 'salesforce' ORDER BY 1"))
        .containsExactly(
            "_hcmeta", "_sf_event_log", "_trigger_log", "_trigger_log_archive", "contact");
    assertThat(
            db.column(
                "SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE nspname = 'salesforce' AND relkind = 'S' ORDER BY 1"))
        .containsExactly(
            "_hcmeta_id_seq", "_sf_event_log_id_seq", "_trigger_log_id_seq", "contact_id_seq");
    assertThat(indexes("_trigger_log"))
        .containsEntry(
            "_trigger_log_idx_created_at",
            "CREATE INDEX _trigger_log_idx_created_at ON salesforce._trigger_log USING btree (created_at)")
        .containsEntry(
            "_trigger_log_idx_state_id",
            "CREATE INDEX _trigger_log_idx_state_id ON salesforce._trigger_log USING btree (state, id)")
        .containsEntry(
            "_trigger_log_idx_state_table_name",
            "CREATE INDEX _trigger_log_idx_state_table_name ON salesforce._trigger_log USING btree (state, table_name) WHERE (((state)::text = 'NEW'::text) OR ((state)::text = 'PENDING'::text))")
        .containsKey("_trigger_log_pkey");
    assertThat(indexes("_trigger_log_archive"))
        .containsKeys(
            "_trigger_log_archive_pkey",
            "_trigger_log_archive_idx_created_at",
            "_trigger_log_archive_idx_record_id",
            "_trigger_log_archive_idx_state_table_name");
    assertThat(indexes("_sf_event_log"))
        .containsKeys("idx__sf_event_log_comp_key", "idx__sf_event_log_sfid");
    assertThat(db.scalar("SELECT org_id FROM salesforce._hcmeta")).isEqualTo("00D000000000001EAA");
    assertThat(columns("_trigger_log"))
        .containsExactly(
            Map.entry("id", "integer"),
            Map.entry("txid", "bigint"),
            Map.entry("created_at", "timestamp with time zone"),
            Map.entry("updated_at", "timestamp with time zone"),
            Map.entry("processed_at", "timestamp with time zone"),
            Map.entry("processed_tx", "bigint"),
            Map.entry("state", "character varying(8)"),
            Map.entry("action", "character varying(7)"),
            Map.entry("table_name", "character varying(128)"),
            Map.entry("record_id", "integer"),
            Map.entry("sfid", "character varying(18)"),
            Map.entry("old", "text"),
            Map.entry("values", "text"),
            Map.entry("sf_result", "integer"),
            Map.entry("sf_message", "text"));
  }

  @Test
  void helperFunctionsAndNotifyTriggerExist() {
    assertThat(db.scalar("SELECT public.get_xmlbinary()")).isEqualTo("base64");
    assertThat(
            db.column(
                "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                    + " WHERE n.nspname = 'salesforce' ORDER BY 1"))
        .containsExactly(
            "hc_capture_insert_from_row",
            "hc_capture_update_from_row",
            "hc_contact_logger",
            "hc_contact_status",
            "tlog_notify_trigger");
    assertThat(triggers("_trigger_log")).containsExactly("tlog_insert_trigger");
    assertThat(db.scalar("SELECT count(*) FROM pg_extension WHERE extname = 'hstore'"))
        .isEqualTo("1");
  }

  @Test
  void contactTableMatchesTheTypeTable() {
    assertThat(columns("contact"))
        .containsExactly(
            Map.entry("account__external_id__c", "character varying(100)"),
            Map.entry("accountid", "character varying(18)"),
            Map.entry("birthdate", "date"),
            Map.entry("contact_uuid__c", "character varying(36)"),
            Map.entry("createddate", "timestamp without time zone"),
            Map.entry("email", "character varying(80)"),
            Map.entry("firstname", "character varying(40)"),
            Map.entry("hasoptedoutofemail", "boolean"),
            Map.entry("isdeleted", "boolean"),
            Map.entry("lastname", "character varying(80)"),
            Map.entry("level__c", "character varying(4099)"),
            Map.entry("mailingcity", "character varying(40)"),
            Map.entry("mailingcountry", "character varying(80)"),
            Map.entry("mailinggeocodeaccuracy", "character varying(255)"),
            Map.entry("mailinglatitude", "double precision"),
            Map.entry("mailinglongitude", "double precision"),
            Map.entry("mailingpostalcode", "character varying(20)"),
            Map.entry("mailingstate", "character varying(80)"),
            Map.entry("mailingstreet", "character varying(255)"),
            Map.entry("name", "character varying(121)"),
            Map.entry("phone", "character varying(40)"),
            Map.entry("score__c", "double precision"),
            Map.entry("systemmodstamp", "timestamp without time zone"),
            Map.entry("sfid", "character varying(18)"),
            Map.entry("id", "integer"),
            Map.entry("_hc_lastop", "character varying(32)"),
            Map.entry("_hc_err", "text"));
    assertThat(
            db.scalar(
                "SELECT collation_name FROM information_schema.columns WHERE table_schema ="
                    + " 'salesforce' AND table_name = 'contact' AND column_name = 'sfid'"))
        .isEqualTo("ucs_basic");
    assertThat(
            db.scalar(
                "SELECT column_default FROM information_schema.columns WHERE table_schema ="
                    + " 'salesforce' AND table_name = 'contact' AND column_name = 'id'"))
        .isEqualTo("nextval('salesforce.contact_id_seq'::regclass)");
  }

  @Test
  void contactIndexesAndTriggersHaveHerokuConnectNames() {
    assertThat(indexes("contact"))
        .containsOnly(
            Map.entry(
                "contact_pkey",
                "CREATE UNIQUE INDEX contact_pkey ON salesforce.contact USING btree (id)"),
            Map.entry(
                "hcu_idx_contact_sfid",
                "CREATE UNIQUE INDEX hcu_idx_contact_sfid ON salesforce.contact USING btree (sfid)"),
            Map.entry(
                "hc_idx_contact_systemmodstamp",
                "CREATE INDEX hc_idx_contact_systemmodstamp ON salesforce.contact USING btree (systemmodstamp)"),
            Map.entry(
                "hc_idx_contact_email",
                "CREATE INDEX hc_idx_contact_email ON salesforce.contact USING btree (email)"),
            Map.entry(
                "hcu_idx_contact_contact_uuid__c",
                "CREATE UNIQUE INDEX hcu_idx_contact_contact_uuid__c ON salesforce.contact USING btree (contact_uuid__c)"));
    assertThat(triggers("contact"))
        .containsExactly("hc_contact_logtrigger", "hc_contact_status_trigger");
    assertThat(
            db.scalar(
                "SELECT pg_get_triggerdef(t.oid) FROM pg_trigger t WHERE tgname = 'hc_contact_logtrigger'"))
        .isEqualTo(
            "CREATE TRIGGER hc_contact_logtrigger AFTER INSERT OR DELETE OR UPDATE ON salesforce.contact"
                + " FOR EACH ROW WHEN (((get_xmlbinary())::text = 'base64'::text))"
                + " EXECUTE FUNCTION salesforce.hc_contact_logger()");
    assertThat(
            db.scalar(
                "SELECT pg_get_triggerdef(t.oid) FROM pg_trigger t WHERE tgname = 'hc_contact_status_trigger'"))
        .isEqualTo(
            "CREATE TRIGGER hc_contact_status_trigger BEFORE INSERT OR UPDATE ON salesforce.contact"
                + " FOR EACH ROW EXECUTE FUNCTION salesforce.hc_contact_status()");
  }

  @Test
  void createTableIsIdempotentButNeverReplacesAForeignTable() {
    admin.createTable("salesforce", Fixtures.contact(Access.READ_WRITE));
    db.exec("CREATE TABLE salesforce.account (id serial primary key, name text)");
    assertThatThrownBy(() -> admin.createTable("salesforce", Fixtures.account(Access.READ_ONLY)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("salesforce.account already exists");
    db.exec("DROP TABLE salesforce.account");
  }

  @Test
  void evolveAddsColumnsWidensVarcharsAndCreatesIndexes() {
    TableSpec account = Fixtures.account(Access.READ_ONLY);
    admin.createTable("salesforce", account);
    db.exec("ALTER TABLE salesforce.account ALTER COLUMN name TYPE varchar(80)");
    db.exec("ALTER TABLE salesforce.account DROP COLUMN annualrevenue");
    db.exec("DROP INDEX salesforce.hcu_idx_account_sfid");
    assertThat(admin.evolveTable("salesforce", account))
        .containsExactly(
            "added column annualrevenue double precision",
            "widened column name to character varying(255)",
            "created index hcu_idx_account_sfid");
    assertThat(admin.evolveTable("salesforce", account)).isEmpty();
    assertThat(admin.tableExists("salesforce", "account")).isTrue();
    admin.dropTable("salesforce", "account");
    assertThat(admin.tableExists("salesforce", "account")).isFalse();
    assertThat(db.count("SELECT count(*) FROM pg_proc WHERE proname LIKE 'hc_account_%'")).isZero();
  }

  private Map<String, String> columns(String table) {
    return admin.columns("salesforce", table);
  }

  private Map<String, String> indexes(String table) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    db.rows(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'salesforce' AND tablename = '"
                + table
                + "' ORDER BY 1")
        .forEach(r -> m.put(r.get("indexname"), r.get("indexdef")));
    return m;
  }

  private java.util.List<String> triggers(String table) {
    return db.column(
        "SELECT tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n"
            + " ON n.oid = c.relnamespace WHERE n.nspname = 'salesforce' AND c.relname = '"
            + table
            + "' AND NOT tgisinternal ORDER BY 1");
  }
}

package dev.ferry.store.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.model.TableDesigner;
import dev.ferry.core.model.TableSpec;
import dev.ferry.core.port.ChangeLog;
import dev.ferry.core.sf.FieldType;
import dev.ferry.core.sf.RecordHeader;
import dev.ferry.core.sf.SfRecord;
import dev.ferry.core.store.ChangeEntry;
import dev.ferry.core.store.DeleteMode;
import dev.ferry.core.store.EntryOutcome;
import dev.ferry.core.store.EntryState;
import dev.ferry.core.store.RowWriteBack;
import dev.ferry.core.store.SinkBatch;
import dev.ferry.core.store.SinkTarget;
import dev.ferry.store.StoreHarness;
import dev.ferry.store.changelog.JdbcChangeLog;
import dev.ferry.testkit.PostgresExtension;
import dev.ferry.testkit.sf.Describes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Names that are SQL keywords or carry quotes, spaces and semicolons are quoted everywhere: DDL,
 * triggers, the notify channel, merge, deletes, claims and write-back.
 */
class HostileIdentifiersTest {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();
  static final String SCHEMA = "Sales \"Force\"; drop table x; --";

  static StoreHarness h;
  static SinkTarget order;
  static SinkTarget user;

  @BeforeAll
  static void setUp() {
    h = new StoreHarness(PG, SCHEMA);
    TableSpec orderTable =
        TableDesigner.herokuConnect()
            .design(
                Describes.object("Order")
                    .field(Describes.f("Select", FieldType.STRING, 40))
                    .field(Describes.f("Group__c", FieldType.STRING, 40).externalId())
                    .build(),
                MappingConfig.of(
                        Access.READ_WRITE, List.of("Id", "SystemModstamp", "Select", "Group__c"))
                    .withIndexes(Map.of("Select", false))
                    .withUpsertField("Group__c"),
                Map.of());
    order =
        h.map(
            orderTable,
            MappingConfig.of(Access.READ_WRITE, List.of("Id", "SystemModstamp")),
            DeleteMode.REMOVE);
    TableSpec userTable =
        TableDesigner.herokuConnect()
            .design(
                Describes.object("User")
                    .without("IsDeleted")
                    .field(Describes.f("Username", FieldType.STRING, 80))
                    .build(),
                MappingConfig.of(Access.READ_ONLY, List.of("Id", "SystemModstamp", "Username")),
                Map.of());
    user =
        h.map(
            userTable,
            MappingConfig.of(Access.READ_ONLY, List.of("Id", "SystemModstamp")),
            DeleteMode.FLAG);
  }

  @AfterAll
  static void close() {
    h.close();
  }

  @Test
  void everythingWorksUnderHostileNames() {
    String orderRef = "\"Sales \"\"Force\"\"; drop table x; --\".\"order\"";
    assertThat(
            h.app.column("SELECT indexname FROM pg_indexes WHERE tablename = 'order' ORDER BY 1"))
        .containsExactly(
            "hc_idx_order_select",
            "hc_idx_order_systemmodstamp",
            "hcu_idx_order_group__c",
            "hcu_idx_order_sfid",
            "order_pkey");

    // capture through the triggers, and the notify channel named after the schema
    ChangeLog log =
        new JdbcChangeLog(h.ferryPool, SCHEMA, () -> Instant.parse("2024-06-01T00:00:00Z"));
    try (ChangeLog.Wakeups w = log.listen()) {
      h.app.exec("INSERT INTO " + orderRef + " (\"select\", group__c) VALUES ('it''s', 'g-1')");
      assertThat(w.await(Duration.ofSeconds(10))).isTrue();
    }
    List<ChangeEntry> claimed = log.claim(10, Set.of("order"));
    assertThat(claimed)
        .singleElement()
        .satisfies(e -> assertThat(e.values()).containsEntry("select", "it's"));
    log.complete(
        List.of(
            new EntryOutcome(
                claimed.get(0).id(),
                EntryState.SUCCESS,
                null,
                null,
                new RowWriteBack(
                    "order", claimed.get(0).recordId(), "801000000000001AAA", "INSERTED", null))));
    assertThat(h.app.scalar("SELECT sfid || ' ' || _hc_lastop FROM " + orderRef))
        .isEqualTo("801000000000001AAA INSERTED");

    // merge, delete and clear
    RecordHeader header = RecordHeader.of("Id", "SystemModstamp", "Select", "Group__c");
    try (SinkBatch b = h.sink.open(order)) {
      b.add(
          new SfRecord(
              header,
              new String[] {"801000000000001AAA", "2024-01-01T00:00:00Z", "from sf", "g-1"}));
      b.add(
          new SfRecord(
              header,
              new String[] {"801000000000002AAA", "2024-01-01T00:00:00Z", "x\"); --", "g-2"}));
      assertThat(b.commit(Instant.parse("2024-01-01T00:00:00Z")).inserted()).isEqualTo(1);
    }
    assertThat(h.app.column("SELECT \"select\" FROM " + orderRef + " ORDER BY sfid"))
        .containsExactly("from sf", "x\"); --");
    assertThat(h.sink.delete(order, List.of("801000000000002AAA"), null).affected()).isEqualTo(1);
    h.empty(order);
    assertThat(h.app.count("SELECT count(*) FROM " + orderRef)).isZero();

    // "user": an object without IsDeleted gets no isdeleted column (as in Heroku Connect), so
    // even in flag mode its deletes remove the row
    RecordHeader u = RecordHeader.of("Id", "SystemModstamp", "Username");
    try (SinkBatch b = h.sink.open(user)) {
      b.add(
          new SfRecord(
              u, new String[] {"005000000000001AAA", "2024-01-01T00:00:00Z", "ada@example.com"}));
      b.commit(null);
    }
    assertThat(h.schema.rowCount(SCHEMA, "user")).isEqualTo(1);
    assertThat(h.sink.delete(user, List.of("005000000000001AAA"), null).affected()).isEqualTo(1);
    assertThat(h.schema.rowCount(SCHEMA, "user")).isZero();
  }

  @Test
  void refusesIdentifiersPostgresCannotHold() {
    assertThatThrownBy(() -> h.schema.bootstrap("x".repeat(64), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 bytes");
    assertThatThrownBy(() -> h.schema.bootstrap("bad\0name", null)).hasMessageContaining("NUL");
  }
}

package dev.ferry.store.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.model.Access;
import dev.ferry.core.model.TypeMode;
import dev.ferry.core.store.DeleteMode;
import dev.ferry.core.store.MergeResult;
import dev.ferry.core.store.SinkBatch;
import dev.ferry.core.store.SinkTarget;
import dev.ferry.core.store.WatermarkKind;
import dev.ferry.store.Fixtures;
import dev.ferry.store.StoreHarness;
import dev.ferry.testkit.PostgresExtension;
import java.time.Instant;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The session zone (Asia/Kathmandu, +05:45) and the JVM zone (America/Los_Angeles in the build)
 * differ from UTC and from each other; values must land as the same instants anyway.
 */
class ExactTypesAndTimeZonesTest {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();
  static StoreHarness h;
  static SinkTarget hc;
  static SinkTarget exact;
  static final Records ROWS =
      new Records("Id", "SystemModstamp", "LastName", "Score__c", "CreatedDate");

  @BeforeAll
  static void setUp() {
    h = new StoreHarness(PG, "salesforce");
    hc =
        h.map(
            Fixtures.contact(Access.READ_ONLY),
            Fixtures.contactConfig(Access.READ_ONLY),
            DeleteMode.REMOVE);
    h.schema.bootstrap("exact", null);
    var config = Fixtures.contactConfig(Access.READ_ONLY);
    var id = h.mappings.create(h.connection, "ContactExact", config).id();
    exact =
        new SinkTarget(
            id, "exact", Fixtures.contact(Access.READ_ONLY, TypeMode.EXACT), DeleteMode.REMOVE);
    h.schema.createTable("exact", exact.table());
  }

  @AfterAll
  static void close() {
    h.close();
  }

  @Test
  void zonesDifferOnPurpose() {
    assertThat(h.app.scalar("SHOW TimeZone")).isEqualTo(PostgresExtension.SESSION_TIME_ZONE);
    assertThat(TimeZone.getDefault().getRawOffset()).isNotZero();
  }

  @Test
  void herokuConnectTypesStoreUtcWallClockWhateverTheSessionZone() {
    MergeResult r = load(hc);
    assertThat(r.maxModstamp()).isEqualTo(Instant.parse("2024-03-10T10:30:00Z"));
    assertThat(h.app.column("SELECT systemmodstamp::text FROM salesforce.contact ORDER BY sfid"))
        .containsExactly("2024-03-10 10:30:00", "2024-03-10 10:00:00");
    assertThat(h.app.column("SELECT score__c::text FROM salesforce.contact ORDER BY sfid"))
        .containsExactly("0.1", "12345678.12");
    assertThat(h.watermarks.read(hc.mapping(), WatermarkKind.CHANGES))
        .contains(Instant.parse("2024-03-10T11:00:00Z"));
  }

  @Test
  void exactTypesKeepInstantsAndDecimals() {
    MergeResult r = load(exact);
    assertThat(r.maxModstamp()).isEqualTo(Instant.parse("2024-03-10T10:30:00Z"));
    assertThat(
            h.app.column(
                "SELECT to_char(systemmodstamp AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')"
                    + " FROM exact.contact ORDER BY sfid"))
        .containsExactly("2024-03-10 10:30:00", "2024-03-10 10:00:00");
    assertThat(h.app.column("SELECT score__c::text FROM exact.contact ORDER BY sfid"))
        .containsExactly("0.10", "12345678.12");
    // a second load of the same data is a no-op: comparisons are instant-exact
    assertThat(load(exact).untouched()).isEqualTo(2);
  }

  private static MergeResult load(SinkTarget target) {
    try (SinkBatch b = h.sink.open(target)) {
      b.add(
          ROWS.row(
              "003A", "2024-03-10T10:30:00.000+0000", "A", "0.1", "2024-03-10T02:00:00.000-0800"));
      b.add(ROWS.row("003B", "2024-03-10T15:45:00.000+05:45", "B", "12345678.12", null));
      return b.commit(Instant.parse("2024-03-10T11:00:00Z"));
    }
  }
}

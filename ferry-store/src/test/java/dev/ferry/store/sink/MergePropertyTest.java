package dev.ferry.store.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.model.Access;
import dev.ferry.core.store.DeleteMode;
import dev.ferry.core.store.SinkBatch;
import dev.ferry.core.store.SinkOptions;
import dev.ferry.core.store.SinkTarget;
import dev.ferry.store.Fixtures;
import dev.ferry.store.StoreHarness;
import dev.ferry.testkit.PostgresExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seeded random batches (repeats, ties, older versions, deletes, the reload hint on and off) merged
 * one after another must leave exactly what a simple model says: per record, the newest version
 * seen (the last one among equal stamps), gone when that version is a delete. Reproduce a failure
 * with {@code -Dferry.seed=<seed>} (printed in the failure message).
 */
class MergePropertyTest {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();
  static final Records ROWS = new Records("Id", "SystemModstamp", "IsDeleted", "LastName");
  static final Long FIXED_SEED = Long.getLong("ferry.seed");
  static StoreHarness h;
  static SinkTarget contact;

  @BeforeAll
  static void setUp() {
    h = new StoreHarness(PG, "salesforce");
    contact =
        h.map(
            Fixtures.contact(Access.READ_ONLY),
            Fixtures.contactConfig(Access.READ_ONLY),
            DeleteMode.REMOVE);
  }

  @AfterAll
  static void close() {
    h.close();
  }

  record Version(int stamp, boolean deleted, String name) {}

  @RepeatedTest(6)
  void mergesAgreeWithTheModel() {
    long seed = FIXED_SEED != null ? FIXED_SEED : new SplittableRandom().nextLong();
    SplittableRandom r = new SplittableRandom(seed);
    h.empty(contact);
    Map<String, Version> model = new TreeMap<>();
    for (int batch = 0; batch < 8; batch++) {
      boolean hint = r.nextBoolean();
      List<String[]> rows = new ArrayList<>();
      int n = 1 + r.nextInt(25);
      for (int i = 0; i < n; i++) {
        String id = "003" + String.format("%015d", r.nextInt(20));
        int stamp = r.nextInt(6); // few distinct stamps: many ties
        boolean deleted = r.nextInt(8) == 0;
        String name = "n" + batch + "-" + i;
        rows.add(new String[] {id, stamp(stamp), Boolean.toString(deleted), name});
      }
      try (SinkBatch b = h.sink.open(contact, new SinkOptions(0, hint))) {
        for (String[] row : rows) b.add(ROWS.row(row));
        b.commit(Instant.parse(stamp(5)));
      }
      apply(model, rows);
      assertThat(table())
          .as("seed %d (run with -Dferry.seed=%d), batch %d, hint %s", seed, seed, batch, hint)
          .isEqualTo(expected(model));
    }
  }

  /** The batch's newest version per record (last among equal stamps), applied if not older. */
  private static void apply(Map<String, Version> model, List<String[]> rows) {
    Map<String, Version> newest = new LinkedHashMap<>();
    for (String[] row : rows) {
      Version v = new Version(stampOf(row[1]), Boolean.parseBoolean(row[2]), row[3]);
      Version seen = newest.get(row[0]);
      if (seen == null || v.stamp() >= seen.stamp()) newest.put(row[0], v);
    }
    newest.forEach((id, v) -> {
      Version stored = model.get(id);
      if (stored != null && v.stamp() < stored.stamp()) return;
      if (v.deleted()) model.remove(id);
      else model.put(id, v);
    });
  }

  private static Map<String, String> expected(Map<String, Version> model) {
    Map<String, String> m = new TreeMap<>();
    model.forEach((id, v) -> m.put(id, v.stamp() + "/" + v.name()));
    return m;
  }

  private static Map<String, String> table() {
    Map<String, String> m = new TreeMap<>();
    for (var row :
        h.app.rows(
            "SELECT sfid, extract(hour FROM systemmodstamp)::int AS s, lastname FROM salesforce.contact")) {
      m.put(row.get("sfid"), row.get("s") + "/" + row.get("lastname"));
    }
    return m;
  }

  private static String stamp(int hour) {
    return "2024-01-02T" + String.format("%02d", hour) + ":00:00.000Z";
  }

  private static int stampOf(String s) {
    return Integer.parseInt(s.substring(11, 13));
  }
}

package dev.ferry.emulator.soql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random ORDER BY clauses (keys, directions, NULLS placement, LIMIT/OFFSET) against a stable sort
 * written here; covers both the full sort and the bounded-heap path for small pages.
 */
class OrderByPropertyTest {
  static LongStream seeds() {
    return Seeds.seeds();
  }

  private record Key(String field, boolean descending, boolean nullsFirst, String soql) {}

  @ParameterizedTest
  @MethodSource("seeds")
  void ordersAsAStableReferenceSort(long seed) {
    Random random = new Random(seed);
    TestOrg org =
        new TestOrg()
            .object(
                new TestObject("Item__c", "a03")
                    .field("Text__c", SoqlType.STRING)
                    .field("Int__c", SoqlType.INT)
                    .field("Stamp__c", SoqlType.DATETIME)
                    .lookup("Parent__c", "Parent__r", "Item__c"));
    String[] texts = {"apple", "Apple", "banana", "Cherry", "cherry", "date", ""};
    List<Map<String, Object>> rows = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    int count = 60 + random.nextInt(200);
    for (int i = 0; i < count; i++) {
      Map<String, Object> v = new HashMap<>();
      if (random.nextInt(4) > 0) v.put("Text__c", texts[random.nextInt(texts.length)]);
      if (random.nextInt(4) > 0) v.put("Int__c", random.nextInt(6));
      if (random.nextInt(4) > 0)
        v.put("Stamp__c", Instant.ofEpochSecond(1_700_000_000L + random.nextInt(5)));
      if (!ids.isEmpty() && random.nextBoolean())
        v.put("Parent__c", ids.get(random.nextInt(ids.size())));
      TestRow stored = org.insert("Item__c");
      v.forEach(stored::set);
      rows.add(v);
      ids.add(stored.id());
    }
    Map<String, Map<String, Object>> byId = new HashMap<>();
    for (int i = 0; i < count; i++) byId.put(ids.get(i), rows.get(i));

    String[] fields = {"Text__c", "Int__c", "Stamp__c", "Parent__r.Text__c", "Id"};
    for (int q = 0; q < 200; q++) {
      List<Key> keys = new ArrayList<>();
      for (int n = 1 + random.nextInt(3); n > 0; n--) {
        String field = fields[random.nextInt(fields.length)];
        boolean descending = random.nextBoolean();
        int nulls = random.nextInt(3);
        boolean nullsFirst = nulls == 0 ? !descending : nulls == 1;
        String soql =
            field
                + (descending ? " DESC" : random.nextBoolean() ? " ASC" : "")
                + (nulls == 0 ? "" : nulls == 1 ? " NULLS FIRST" : " NULLS LAST");
        keys.add(new Key(field, descending, nullsFirst, soql));
      }
      int limit = random.nextInt(3) == 0 ? -1 : random.nextInt(count / 2);
      int offset = random.nextInt(4) == 0 ? random.nextInt(20) : 0;
      StringBuilder soql = new StringBuilder("SELECT Id FROM Item__c ORDER BY ");
      soql.append(String.join(", ", keys.stream().map(Key::soql).toList()));
      if (limit >= 0) soql.append(" LIMIT ").append(limit);
      if (offset > 0) soql.append(" OFFSET ").append(offset);

      Comparator<Integer> order = (a, b) -> 0;
      for (Key key : keys) order = order.thenComparing(comparator(key, ids, rows, byId));
      List<Integer> indexes = new ArrayList<>();
      for (int i = 0; i < count; i++) indexes.add(i);
      indexes.sort(order);
      List<String> expected = new ArrayList<>();
      for (int i = offset; i < indexes.size() && (limit < 0 || expected.size() < limit); i++) {
        expected.add(ids.get(indexes.get(i)));
      }
      assertThat(Rows.ids(org.query(soql.toString())))
          .as("%s\n%s", Seeds.describe(seed), soql)
          .isEqualTo(expected);
    }
  }

  private static Comparator<Integer> comparator(
      Key key,
      List<String> ids,
      List<Map<String, Object>> rows,
      Map<String, Map<String, Object>> byId) {
    return (a, b) -> {
      Object x = value(key.field(), a, ids, rows, byId);
      Object y = value(key.field(), b, ids, rows, byId);
      if (x == null && y == null) return 0;
      if (x == null) return key.nullsFirst() ? -1 : 1;
      if (y == null) return key.nullsFirst() ? 1 : -1;
      int c;
      if (x instanceof String s && !key.field().equals("Id")) {
        c = s.toLowerCase(Locale.ROOT).compareTo(((String) y).toLowerCase(Locale.ROOT));
      } else {
        @SuppressWarnings("unchecked")
        Comparable<Object> comparable = (Comparable<Object>) x;
        c = comparable.compareTo(y);
      }
      return key.descending() ? -c : c;
    };
  }

  private static @Nullable Object value(
      String field,
      int index,
      List<String> ids,
      List<Map<String, Object>> rows,
      Map<String, Map<String, Object>> byId) {
    if (field.equals("Id")) return ids.get(index);
    Map<String, Object> row = rows.get(index);
    if (field.startsWith("Parent__r.")) {
      Object parent = row.get("Parent__c");
      if (parent == null) return null;
      row = byId.get((String) parent);
      field = field.substring("Parent__r.".length());
    }
    Object v = row.get(field);
    return "".equals(v) ? null : v;
  }
}

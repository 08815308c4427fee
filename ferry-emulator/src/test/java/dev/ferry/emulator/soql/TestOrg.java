package dev.ferry.emulator.soql;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory org for tests: a catalog and the records, with the SoqlData visibility rules
 * (deleted rows only for queryAll).
 */
final class TestOrg implements SoqlCatalog, SoqlData {
  private final Map<String, TestObject> objects = new LinkedHashMap<>();
  private final Map<String, List<TestRow>> rows = new HashMap<>();
  private final Map<String, TestRow> byId = new HashMap<>();
  private final Map<String, Integer> sequence = new HashMap<>();

  TestOrg object(TestObject object) {
    objects.put(object.name().toLowerCase(Locale.ROOT), object);
    return this;
  }

  /** Adds a record with the next id of its object's key prefix; values as name, value pairs. */
  TestRow insert(String objectName, Object... nameValues) {
    TestObject object = objects.get(objectName.toLowerCase(Locale.ROOT));
    int n = sequence.merge(object.name(), 1, Integer::sum);
    String id = TestIds.id(object.keyPrefix(), n);
    TestRow row = new TestRow(id, object.name()).deleted(false);
    for (int i = 0; i < nameValues.length; i += 2)
      row.set((String) nameValues[i], nameValues[i + 1]);
    rows.computeIfAbsent(object.name(), k -> new ArrayList<>()).add(row);
    byId.put(id, row);
    return row;
  }

  /** Adds a record with the given id. */
  TestRow insertWithId(String objectName, String id, Object... nameValues) {
    TestObject object = objects.get(objectName.toLowerCase(Locale.ROOT));
    TestRow row = new TestRow(id, object.name()).deleted(false);
    for (int i = 0; i < nameValues.length; i += 2)
      row.set((String) nameValues[i], nameValues[i + 1]);
    rows.computeIfAbsent(object.name(), k -> new ArrayList<>()).add(row);
    byId.put(id, row);
    return row;
  }

  SoqlResult query(String soql) {
    return query(soql, false);
  }

  SoqlResult query(String soql, boolean includeDeleted) {
    return Soql.parse(soql).execute(this, this, includeDeleted, TestOrg.CLOCK);
  }

  SoqlResult query(String soql, InstantSource clock) {
    return Soql.parse(soql).execute(this, this, false, clock);
  }

  /** Tests run "now" at a fixed instant: Wednesday 2024-05-15T10:30:00Z. */
  static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2024-05-15T10:30:00Z"));

  @Override
  public Optional<SoqlObject> object(String name) {
    return Optional.ofNullable(objects.get(name.toLowerCase(Locale.ROOT)));
  }

  @Override
  public Collection<? extends SoqlRow> rows(String objectName, boolean includeDeleted) {
    List<TestRow> all = rows.getOrDefault(objectName, List.of());
    if (includeDeleted) return all;
    return all.stream().filter(r -> !r.isDeleted()).toList();
  }

  @Override
  public Optional<? extends SoqlRow> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public Collection<? extends SoqlRow> children(
      String childObject, String field, String parentId, boolean includeDeleted) {
    List<TestRow> result = new ArrayList<>();
    SoqlField reference =
        objects.get(childObject.toLowerCase(Locale.ROOT)).field(field).orElseThrow();
    for (SoqlRow row : rows(childObject, includeDeleted)) {
      if (parentId.equals(row.get(reference))) result.add((TestRow) row);
    }
    return result;
  }
}

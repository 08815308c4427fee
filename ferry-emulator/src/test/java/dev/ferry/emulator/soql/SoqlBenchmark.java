package dev.ferry.emulator.soql;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A manual benchmark, not a test: 2,000,000 Contact rows (and 20,000 Accounts) in an array-backed
 * store, then the queries the emulator serves at that size, each against a same-run baseline (a
 * plain loop doing the same comparison). Run:
 *
 * <pre>
 * ./mvnw -B -ntp -q -pl ferry-emulator test-compile
 * java -Xmx3g -cp ferry-emulator/target/classes:ferry-emulator/target/test-classes:$HOME/.m2/repository/org/jspecify/jspecify/1.0.0/jspecify-1.0.0.jar \
 *   dev.ferry.emulator.soql.SoqlBenchmark [rows]
 * </pre>
 */
public final class SoqlBenchmark {
  private SoqlBenchmark() {}

  /** Rows keep values in an array; the object maps each catalog field instance to its slot. */
  private static final class Table implements SoqlObject {
    final TestObject schema;
    final Map<SoqlField, Integer> slots = new IdentityHashMap<>();
    final List<ArrayRow> rows = new ArrayList<>();

    Table(TestObject schema) {
      this.schema = schema;
      List<SoqlField> fields = schema.fields();
      for (int i = 0; i < fields.size(); i++) slots.put(fields.get(i), i);
    }

    int slot(String field) {
      return slots.get(schema.field(field).orElseThrow());
    }

    @Override
    public String name() {
      return schema.name();
    }

    @Override
    public List<SoqlField> fields() {
      return schema.fields();
    }

    @Override
    public Optional<SoqlField> field(String name) {
      return schema.field(name);
    }

    @Override
    public Optional<SoqlField> parentRelationship(String relationshipName) {
      return schema.parentRelationship(relationshipName);
    }

    @Override
    public Optional<SoqlChildRelationship> childRelationship(String relationshipName) {
      return schema.childRelationship(relationshipName);
    }
  }

  private static final class ArrayRow implements SoqlRow {
    final Table table;
    final String id;
    final Object[] values;

    ArrayRow(Table table, String id) {
      this.table = table;
      this.id = id;
      this.values = new Object[table.slots.size()];
      values[table.slot("Id")] = id;
      values[table.slot("IsDeleted")] = Boolean.FALSE;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public String objectName() {
      return table.name();
    }

    @Override
    public boolean isDeleted() {
      return false;
    }

    @Override
    public @Nullable Object get(SoqlField field) {
      Integer slot = table.slots.get(field);
      return slot == null ? null : values[slot];
    }
  }

  private static final class Store implements SoqlCatalog, SoqlData {
    final Map<String, Table> tables = new HashMap<>();
    final Map<String, ArrayRow> byId = new HashMap<>();

    void add(Table table) {
      tables.put(table.name().toLowerCase(Locale.ROOT), table);
    }

    @Override
    public Optional<SoqlObject> object(String name) {
      return Optional.ofNullable(tables.get(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Collection<? extends SoqlRow> rows(String objectName, boolean includeDeleted) {
      return tables.get(objectName.toLowerCase(Locale.ROOT)).rows;
    }

    @Override
    public Optional<? extends SoqlRow> byId(String id) {
      return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Collection<? extends SoqlRow> children(
        String childObject, String field, String parentId, boolean includeDeleted) {
      throw new UnsupportedOperationException("not benchmarked");
    }
  }

  public static void main(String[] args) {
    int contacts = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    int accounts = 20_000;
    Store store = new Store();
    Table account = new Table(new TestObject("Account", "001").field("Name", SoqlType.STRING));
    Table contact =
        new Table(
            new TestObject("Contact", "003")
                .field("LastName", SoqlType.STRING)
                .field("Email", SoqlType.EMAIL)
                .lookup("AccountId", "Account", "Account")
                .field("CreatedDate", SoqlType.DATETIME)
                .field("SystemModstamp", SoqlType.DATETIME));
    store.add(account);
    store.add(contact);
    for (int i = 1; i <= accounts; i++) {
      ArrayRow row = new ArrayRow(account, TestIds.id("001", i));
      row.values[account.slot("Name")] = "Account " + i;
      account.rows.add(row);
      store.byId.put(row.id, row);
    }
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    int lastName = contact.slot("LastName");
    int email = contact.slot("Email");
    int accountId = contact.slot("AccountId");
    int created = contact.slot("CreatedDate");
    int modstamp = contact.slot("SystemModstamp");
    for (int i = 1; i <= contacts; i++) {
      ArrayRow row = new ArrayRow(contact, TestIds.id("003", i));
      row.values[lastName] = "Name" + (i % 5000);
      row.values[email] = "c" + i + "@example.com";
      row.values[accountId] = account.rows.get(i % accounts).id;
      Instant stamp = start.plusSeconds(i);
      row.values[created] = stamp;
      row.values[modstamp] = stamp;
      contact.rows.add(row);
      store.byId.put(row.id, row);
    }
    // A window holding 10% of the rows, as an incremental poll or a chunk of a load would.
    Instant from = start.plusSeconds(contacts / 2);
    Instant to = from.plusSeconds(contacts / 10);
    String window =
        "SystemModstamp >= "
            + from
            + " AND SystemModstamp < "
            + to.toString().replace("Z", "+00:00");
    InstantSource clock = InstantSource.fixed(start.plusSeconds(contacts));
    SoqlField modstampField = contact.field("SystemModstamp").orElseThrow();

    System.out.printf(
        "SOQL engine benchmark: %,d Contact rows, %,d Account rows, %d cores, max heap %d MiB, %s%n",
        contacts,
        accounts,
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.version"));
    measure(
        "baseline: plain loop, row.get(SystemModstamp) in window, count",
        () -> {
          long n = 0;
          for (ArrayRow row : contact.rows) {
            Instant v = (Instant) row.get(modstampField);
            if (v != null && v.compareTo(from) >= 0 && v.compareTo(to) < 0) n++;
          }
          return n;
        });
    measure(
        "engine: SELECT Id, LastName, SystemModstamp WHERE <window> (execute)",
        () ->
            run(store, clock, "SELECT Id, LastName, SystemModstamp FROM Contact WHERE " + window)
                .totalSize());
    measure(
        "engine: same, then flatRow() of every match",
        () -> {
          SoqlResult r =
              run(store, clock, "SELECT Id, LastName, SystemModstamp FROM Contact WHERE " + window);
          long n = 0;
          for (int i = 0; i < r.size(); i++) n += r.flatRow(i).size();
          return n;
        });
    measure(
        "engine: <window> ORDER BY SystemModstamp, Id LIMIT 2000 (sync page)",
        () ->
            run(
                    store,
                    clock,
                    "SELECT Id, SystemModstamp FROM Contact WHERE "
                        + window
                        + " ORDER BY SystemModstamp ASC, Id ASC LIMIT 2000")
                .totalSize());
    measure(
        "engine: <window> ORDER BY LastName DESC, Id (full sort of the window)",
        () ->
            run(
                    store,
                    clock,
                    "SELECT Id FROM Contact WHERE " + window + " ORDER BY LastName DESC, Id")
                .totalSize());
    measure(
        "engine: SELECT COUNT() FROM Contact WHERE CreatedDate = LAST_N_DAYS:5",
        () ->
            run(store, clock, "SELECT COUNT() FROM Contact WHERE CreatedDate = LAST_N_DAYS:5")
                .totalSize());
    measure(
        "engine: all rows, Id + Account.Name, flatRow() each (Bulk-style full read)",
        () -> {
          SoqlResult r = run(store, clock, "SELECT Id, Account.Name FROM Contact");
          long n = 0;
          for (int i = 0; i < r.size(); i++) n += r.flatRow(i).get(1) == null ? 0 : 1;
          return n;
        });
    measure(
        "engine: WHERE Account.Name = 'Account 42' (a parent lookup per row)",
        () ->
            run(store, clock, "SELECT Id FROM Contact WHERE Account.Name = 'Account 42'")
                .totalSize());
  }

  private static SoqlResult run(Store store, InstantSource clock, String soql) {
    return Soql.parse(soql).execute(store, store, false, clock);
  }

  /** Three warm-up runs, then the median of five. */
  private static void measure(String name, LongSupplier work) {
    long result = 0;
    for (int i = 0; i < 3; i++) result = work.getAsLong();
    long[] times = new long[5];
    for (int i = 0; i < times.length; i++) {
      long t0 = System.nanoTime();
      result = work.getAsLong();
      times[i] = System.nanoTime() - t0;
    }
    Arrays.sort(times);
    System.out.printf("%-78s %8.1f ms  (result %,d)%n", name, times[2] / 1e6, result);
  }
}

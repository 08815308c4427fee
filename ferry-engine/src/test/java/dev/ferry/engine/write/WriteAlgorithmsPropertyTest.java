package dev.ferry.engine.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.sf.ExternalRef;
import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.store.ChangeEntry;
import dev.ferry.core.store.EntryAction;
import dev.ferry.core.store.EntryOutcome;
import dev.ferry.core.store.EntryState;
import dev.ferry.core.store.RowState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Seeded random sequences of application changes to one row (inserts, updates, deletes, a row id
 * re-used after a delete, with or without an upsert field, synced beforehand or not), written by
 * Ordered and by Merged Writes against an in-memory org and row: whatever the algorithm, Salesforce
 * ends holding exactly the row's final values in exactly one record (none when the row is gone),
 * and every entry ends in a final state. Reproduce a failure with {@code -Dferry.seed=<seed>}.
 */
class WriteAlgorithmsPropertyTest {
  private static final List<String> COLUMNS = List.of("lastname", "firstname", "email");

  @Test
  void orderedAndMergedWritesLeaveSalesforceEqualToTheFinalRow() {
    long seed = Long.getLong("ferry.seed", new Random().nextLong());
    Random random = new Random(seed);
    for (int round = 0; round < 2000; round++) {
      boolean merged = random.nextBoolean();
      boolean upsert = random.nextBoolean();
      Scenario s = Scenario.random(random, upsert);
      try {
        s.write(merged, upsert);
        s.check();
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            "seed "
                + seed
                + " (run with -Dferry.seed="
                + seed
                + "), round "
                + round
                + ", "
                + (merged ? "merged" : "ordered")
                + (upsert ? " with upsert field" : "")
                + ": "
                + s.history
                + " → "
                + e.getMessage(),
            e);
      }
    }
  }

  /** One row's story and the world around it. */
  static final class Scenario {
    final List<String> history = new ArrayList<>();
    final Org org = new Org();
    boolean present;
    Map<String, @Nullable String> row = new LinkedHashMap<>();
    @Nullable String rowSfid;
    final List<ChangeEntry> claimed = new ArrayList<>();
    final Map<Long, EntryState> states = new HashMap<>();
    final List<long[]> successes = new ArrayList<>(); // {entry id}
    final Map<Long, String> successSfid = new HashMap<>();
    final Map<Long, EntryAction> actions = new HashMap<>();
    final Set<String> lineage = new HashSet<>();
    int uuids;

    static Scenario random(Random r, boolean upsert) {
      Scenario s = new Scenario();
      if (r.nextBoolean()) {
        s.present = true;
        s.row = s.values(r, upsert);
        s.rowSfid = s.org.create(s.sfFields(s.row), upsert ? s.row.get("contact_uuid__c") : null);
        s.lineage.add(s.rowSfid);
        s.history.add("synced " + s.rowSfid);
      }
      int ops = 1 + r.nextInt(6);
      for (int i = 0; i < ops; i++) s.step(r, upsert);
      return s;
    }

    Map<String, @Nullable String> values(Random r, boolean upsert) {
      Map<String, @Nullable String> v = new LinkedHashMap<>();
      v.put("id", "1");
      v.put("sfid", null);
      v.put("lastname", "L" + r.nextInt(3));
      v.put("firstname", r.nextBoolean() ? null : "F" + r.nextInt(3));
      v.put("email", r.nextBoolean() ? null : "e" + r.nextInt(3) + "@x");
      v.put("contact_uuid__c", upsert ? "u-" + (++uuids) : null);
      return v;
    }

    void step(Random r, boolean upsert) {
      if (!present) {
        row = values(r, upsert);
        present = true;
        rowSfid = null; // a new row under the same id
        capture(EntryAction.INSERT, null, Map.of(), new LinkedHashMap<>(row));
        history.add("INSERT " + show(row));
        return;
      }
      if (r.nextInt(3) == 0) {
        present = false;
        capture(EntryAction.DELETE, rowSfid, new LinkedHashMap<>(row), Map.of());
        history.add("DELETE");
        return;
      }
      Map<String, @Nullable String> old = new LinkedHashMap<>(row);
      Map<String, @Nullable String> changed = new LinkedHashMap<>();
      for (String c : COLUMNS) {
        if (r.nextInt(3) != 0) continue;
        String v =
            c.equals("lastname") ? "L" + r.nextInt(5) : r.nextBoolean() ? null : c + r.nextInt(5);
        if (!Objects.equals(v, row.get(c))) changed.put(c, v);
      }
      if (changed.isEmpty()) return; // captured as IGNORE: never claimed
      row.putAll(changed);
      capture(EntryAction.UPDATE, rowSfid, old, changed);
      history.add("UPDATE " + show(changed));
    }

    void capture(
        EntryAction action,
        @Nullable String sfid,
        Map<String, @Nullable String> old,
        Map<String, @Nullable String> values) {
      if (action == EntryAction.DELETE && sfid == null) return; // IGNORE
      ChangeEntry e = Entries.entry(action, 1, sfid, old, values);
      claimed.add(e);
      actions.put(e.id(), action);
    }

    void write(boolean merged, boolean upsert) {
      WriteTarget t = Entries.contact(upsert ? "Contact_UUID__c" : null);
      Planner.Plan plan = merged ? Planner.merged(claimed) : Planner.ordered(claimed);
      apply(Outcomes.merged(plan.vanished(), "nothing"));
      for (Planner.Run run : plan.runs()) {
        Resolver.Resolution res = Resolver.resolve(t, run.changes(), Map.of(1, rowState()), merged);
        apply(res.settled());
        for (List<Write> group : res.writes().values()) {
          for (Write w : group) send(w);
        }
      }
    }

    RowState rowState() {
      if (present && rowSfid != null) return new RowState(1, true, rowSfid);
      // the newest successful write recorded on an entry; none after a DELETE
      String sfid = null;
      long newest = -1;
      for (Map.Entry<Long, String> e : successSfid.entrySet()) {
        if (e.getKey() > newest) {
          newest = e.getKey();
          sfid = actions.get(e.getKey()) == EntryAction.DELETE ? null : e.getValue();
        }
      }
      return new RowState(1, present, sfid);
    }

    void send(Write w) {
      String upsertKey = w.op() == SaveOperation.UPSERT ? w.key() : null;
      String id =
          switch (w.op()) {
            case CREATE, UPSERT -> org.create(w.fields(), upsertKey);
            case UPDATE -> org.update(w.sfid(), w.fields());
            case DELETE -> org.delete(w.sfid());
          };
      if (id != null) lineage.add(id);
      apply(id == null ? failed(w) : Outcomes.success(w, id));
    }

    List<EntryOutcome> failed(Write w) {
      return Outcomes.failure(
          w, new dev.ferry.core.sf.RecordError("ENTITY_IS_DELETED", "deleted", List.of()));
    }

    void apply(List<EntryOutcome> outcomes) {
      for (EntryOutcome o : outcomes) {
        assertThat(states.put(o.entryId(), o.state())).as("entry completed twice").isNull();
        if (o.state() == EntryState.SUCCESS) {
          var back = o.writeBack();
          String sfid = back != null && back.sfid() != null ? back.sfid() : captured(o.entryId());
          if (sfid != null) successSfid.put(o.entryId(), sfid);
          if (back != null && present && back.sfid() != null) rowSfid = back.sfid();
        }
      }
    }

    @Nullable String captured(long entryId) {
      return claimed.stream().filter(e -> e.id() == entryId).findFirst().orElseThrow().sfid();
    }

    void check() {
      for (ChangeEntry e : claimed) {
        assertThat(states.get(e.id())).as("state of entry " + e.id()).isNotNull();
        assertThat(states.get(e.id())).as("entry " + e.id()).isNotEqualTo(EntryState.FAILED);
      }
      Set<String> live = new HashSet<>(lineage);
      live.retainAll(org.live.keySet());
      if (!present) {
        assertThat(live).as("records left for a deleted row").isEmpty();
        return;
      }
      assertThat(rowSfid).as("the row's sfid").isNotNull();
      assertThat(live).as("records of the row").containsExactly(rowSfid);
      Map<String, @Nullable Object> record = org.live.get(rowSfid);
      for (String c : COLUMNS) {
        String field = sfName(c);
        assertThat(record.get(field)).as(field).isEqualTo(row.get(c));
      }
    }

    Map<String, @Nullable Object> sfFields(Map<String, @Nullable String> row) {
      Map<String, @Nullable Object> m = new LinkedHashMap<>();
      for (String c : COLUMNS) if (row.get(c) != null) m.put(sfName(c), row.get(c));
      if (row.get("contact_uuid__c") != null) m.put("Contact_UUID__c", row.get("contact_uuid__c"));
      return m;
    }

    static String sfName(String column) {
      return switch (column) {
        case "lastname" -> "LastName";
        case "firstname" -> "FirstName";
        case "email" -> "Email";
        default -> column;
      };
    }

    static String show(Map<String, @Nullable String> m) {
      Map<String, @Nullable String> shown = new LinkedHashMap<>(m);
      shown.remove("id");
      shown.remove("sfid");
      return shown.toString();
    }
  }

  /** Salesforce as far as these writes go. */
  static final class Org {
    final Map<String, Map<String, @Nullable Object>> live = new HashMap<>();
    final Set<String> deleted = new HashSet<>();
    final Map<String, String> byKey = new HashMap<>();
    int ids;

    String create(Map<String, @Nullable Object> fields, @Nullable String key) {
      if (key != null) {
        String existing = byKey.get(key.toLowerCase(Locale.ROOT));
        if (existing != null && live.containsKey(existing)) return update(existing, fields);
      }
      String id = "003S" + (++ids);
      Map<String, @Nullable Object> rec = new HashMap<>();
      for (var f : fields.entrySet()) {
        if (f.getValue() instanceof ExternalRef) continue;
        if (f.getValue() != null) rec.put(f.getKey(), f.getValue());
      }
      live.put(id, rec);
      if (key != null) byKey.put(key.toLowerCase(Locale.ROOT), id);
      return id;
    }

    @Nullable String update(@Nullable String id, Map<String, @Nullable Object> fields) {
      Map<String, @Nullable Object> rec = live.get(id);
      if (rec == null) return null;
      for (var f : fields.entrySet()) {
        if (f.getValue() == null) rec.remove(f.getKey());
        else rec.put(f.getKey(), f.getValue());
      }
      return id;
    }

    @Nullable String delete(@Nullable String id) {
      if (live.remove(id) != null) {
        deleted.add(id);
        return id;
      }
      return deleted.contains(id) ? id : null;
    }
  }
}

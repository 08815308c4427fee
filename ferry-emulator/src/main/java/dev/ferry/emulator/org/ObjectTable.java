package dev.ferry.emulator.org;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The records of one sObject type, in creation order, with value indexes on unique and external-id
 * fields. Not thread-safe: {@link OrgStore} guards every call with its lock.
 */
public final class ObjectTable {
  private final String name;
  private volatile ObjectDef def;
  private final LinkedHashMap<String, StoredRecord> rows = new LinkedHashMap<>();
  private final Map<String, ValueIndex> indexes = new HashMap<>();
  private final Map<String, IndexedByValue> derivedIndexes = new HashMap<>();

  /** Reference field → parent id → child ids, for fields with a child relationship. */
  private final Map<String, Map<String, LinkedHashSet<String>>> refIndexes = new HashMap<>();

  private final Map<String, Long> autoNumbers = new HashMap<>();
  private long version;
  private int deletedCount;

  ObjectTable(ObjectDef def) {
    this.name = def.name();
    this.def = def;
    rebuildIndexes();
  }

  public String name() {
    return name;
  }

  public ObjectDef def() {
    return def;
  }

  /** Changes the schema (field added or removed) and rebuilds the value indexes. */
  void setDef(ObjectDef next) {
    this.def = next;
    rebuildIndexes();
    version++;
  }

  private void rebuildIndexes() {
    indexes.clear();
    derivedIndexes.clear();
    refIndexes.clear();
    for (FieldDef f : def.fieldDefs()) {
      if (f.type() == FieldType.REFERENCE
          && f.slot() >= 0
          && (f.childRelationshipName() != null || f.cascadeDelete())) {
        Map<String, LinkedHashSet<String>> groups = new HashMap<>();
        for (StoredRecord r : rows.values()) {
          Object parent = r.slotValue(f.slot());
          if (parent != null) {
            groups.computeIfAbsent((String) parent, k -> new LinkedHashSet<>()).add(r.id());
          }
        }
        refIndexes.put(f.name(), groups);
      }
      if ((f.unique() || f.externalId()) && f.slot() >= 0) {
        ValueIndex index = new ValueIndex(f);
        for (StoredRecord r : rows.values()) {
          index.add(r.slotValue(f.slot()), r.id());
        }
        indexes.put(f.name(), index);
      }
    }
  }

  public @Nullable StoredRecord get(String id) {
    return rows.get(id);
  }

  /** Inserts or replaces a version; returns the previous version. */
  @Nullable StoredRecord put(StoredRecord record) {
    StoredRecord old = rows.put(record.id(), record);
    if (old != null && old.isDeleted()) {
      deletedCount--;
    }
    if (record.isDeleted()) {
      deletedCount++;
    }
    for (Map.Entry<String, ValueIndex> e : indexes.entrySet()) {
      FieldDef f = def.fieldDefExact(e.getKey());
      if (f == null) {
        continue;
      }
      if (old != null) {
        e.getValue().remove(old.slotValue(f.slot()), old.id());
      }
      e.getValue().add(record.slotValue(f.slot()), record.id());
    }
    for (Map.Entry<String, Map<String, LinkedHashSet<String>>> e : refIndexes.entrySet()) {
      FieldDef f = def.fieldDefExact(e.getKey());
      if (f == null) {
        continue;
      }
      Object before = old == null ? null : old.slotValue(f.slot());
      Object after = record.slotValue(f.slot());
      if (before != null && !before.equals(after)) {
        unlink(e.getValue(), (String) before, record.id());
      }
      if (after != null) {
        e.getValue().computeIfAbsent((String) after, k -> new LinkedHashSet<>()).add(record.id());
      }
    }
    version++;
    return old;
  }

  private static void unlink(Map<String, LinkedHashSet<String>> groups, String parent, String id) {
    LinkedHashSet<String> children = groups.get(parent);
    if (children != null) {
      children.remove(id);
      if (children.isEmpty()) {
        groups.remove(parent);
      }
    }
  }

  /** Removes a record entirely (hard delete); returns it. */
  @Nullable StoredRecord remove(String id) {
    StoredRecord old = rows.remove(id);
    if (old == null) {
      return null;
    }
    if (old.isDeleted()) {
      deletedCount--;
    }
    for (Map.Entry<String, ValueIndex> e : indexes.entrySet()) {
      FieldDef f = def.fieldDefExact(e.getKey());
      if (f != null) {
        e.getValue().remove(old.slotValue(f.slot()), old.id());
      }
    }
    for (Map.Entry<String, Map<String, LinkedHashSet<String>>> e : refIndexes.entrySet()) {
      FieldDef f = def.fieldDefExact(e.getKey());
      Object before = f == null ? null : old.slotValue(f.slot());
      if (before != null) {
        unlink(e.getValue(), (String) before, old.id());
      }
    }
    version++;
    return old;
  }

  public Collection<StoredRecord> all() {
    return rows.values();
  }

  public int size() {
    return rows.size();
  }

  /** Records not in the recycle bin. */
  public int liveCount() {
    return rows.size() - deletedCount;
  }

  /** Ids of the records (deleted ones included) whose field equals the value. */
  List<String> idsWithValue(FieldDef field, Object value) {
    ValueIndex index = indexes.get(field.name());
    if (index != null) {
      return index.find(value);
    }
    return derivedIndex(field).find(value);
  }

  /**
   * Records (any state) whose reference field points at the parent, in creation order. Indexed for
   * fields with a child relationship; other fields are scanned.
   */
  List<StoredRecord> childrenOf(FieldDef field, String parentId) {
    Map<String, LinkedHashSet<String>> groups = refIndexes.get(field.name());
    List<StoredRecord> out = new ArrayList<>();
    if (groups != null) {
      LinkedHashSet<String> ids = groups.get(parentId);
      if (ids != null) {
        for (String id : ids) {
          StoredRecord r = rows.get(id);
          if (r != null) {
            out.add(r);
          }
        }
      }
      return out;
    }
    for (StoredRecord r : rows.values()) {
      if (parentId.equals(r.get(field))) {
        out.add(r);
      }
    }
    return out;
  }

  /** The next number of an auto-number field (never reused, like Salesforce). */
  long nextAutoNumber(String fieldName) {
    long n = autoNumbers.getOrDefault(fieldName, 0L) + 1;
    autoNumbers.put(fieldName, n);
    return n;
  }

  private ValueIndex derivedIndex(FieldDef field) {
    IndexedByValue cached = derivedIndexes.get("val:" + field.name());
    if (cached != null && cached.version == version) {
      return cached.index;
    }
    ValueIndex index = new ValueIndex(field);
    for (StoredRecord r : rows.values()) {
      index.add(r.get(field), r.id());
    }
    derivedIndexes.put("val:" + field.name(), new IndexedByValue(version, index));
    return index;
  }

  void clear() {
    rows.clear();
    autoNumbers.clear();
    deletedCount = 0;
    rebuildIndexes();
    version++;
  }

  private record IndexedByValue(long version, ValueIndex index) {}
}

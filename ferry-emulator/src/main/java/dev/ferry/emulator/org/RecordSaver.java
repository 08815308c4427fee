package dev.ferry.emulator.org;

import dev.ferry.emulator.org.OrgStore.WriteTx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Saves records the way Salesforce does: field-level validation, lookups and external-id
 * relationships, required fields, unique values, defaults, auto-numbers, server-set audit fields,
 * and deletes with the recycle bin and cascades. Every method runs inside a {@link WriteTx} and
 * throws {@link SaveException} for a record Salesforce would refuse, before changing anything.
 */
public final class RecordSaver {
  private final String userId;

  /** A successful save. */
  public record Saved(String id, boolean created) {}

  private enum Mode {
    INSERT,
    UPDATE
  }

  public RecordSaver(String userId) {
    this.userId = userId;
  }

  public Saved insert(WriteTx tx, ObjectDef def, RecordInput input) {
    return insert(tx, def, input, null);
  }

  private Saved insert(
      WriteTx tx, ObjectDef def, RecordInput input, @Nullable FieldDef allowedKeyField) {
    Map<FieldDef, Object> values = resolve(tx, def, input, Mode.INSERT, allowedKeyField);
    ObjectTable table = tx.table(def);
    List<String> missing = new ArrayList<>();
    for (FieldDef f : def.fieldDefs()) {
      if (f.isRequired() && values.get(f) == null && !isAutoFilled(f)) {
        missing.add(f.name());
      }
    }
    if (!missing.isEmpty()) {
      throw new SaveException(
          new SaveError(
              "REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing, missing));
    }
    checkUnique(tx, table, values, null);
    String id = tx.newId(def);
    Object[] row = new Object[def.slotCount()];
    Instant now = tx.now();
    for (FieldDef f : def.fieldDefs()) {
      if (f.slot() < 0) {
        continue;
      }
      Object v;
      if (values.containsKey(f)) {
        v = values.get(f);
        if (v == null && f.type() == FieldType.BOOLEAN) {
          v = Boolean.FALSE;
        }
      } else {
        v = defaultFor(tx, table, f, now);
      }
      row[f.slot()] = v;
    }
    row[0] = id;
    if (def.hasIsDeleted()) row[def.isDeletedSlot()] = Boolean.FALSE;
    tx.put(tx.newVersion(table, row));
    return new Saved(id, true);
  }

  private boolean isAutoFilled(FieldDef f) {
    return f.name().equals(SystemFields.OWNER_ID) || f.autoNumber();
  }

  private @Nullable Object defaultFor(WriteTx tx, ObjectTable table, FieldDef f, Instant now) {
    String name = f.name();
    if (f.isSystem()) {
      return switch (name) {
        case SystemFields.CREATED_DATE,
            SystemFields.LAST_MODIFIED_DATE,
            SystemFields.SYSTEM_MODSTAMP ->
            now;
        case SystemFields.CREATED_BY_ID, SystemFields.LAST_MODIFIED_BY_ID -> userId;
        case SystemFields.IS_DELETED -> Boolean.FALSE;
        default -> null;
      };
    }
    if (name.equals(SystemFields.OWNER_ID) && f.type() == FieldType.REFERENCE) {
      return userId;
    }
    if (f.autoNumber()) {
      return formatAutoNumber(f, tx.nextAutoNumber(table, f));
    }
    if (f.type() == FieldType.PICKLIST || f.type() == FieldType.MULTIPICKLIST) {
      for (PicklistEntry e : f.picklistValues()) {
        if (e.defaultValue()) {
          return e.value();
        }
      }
    }
    return f.defaultValue();
  }

  static String formatAutoNumber(FieldDef f, long n) {
    String format = f.autoNumberFormat() == null ? "{0}" : f.autoNumberFormat();
    int open = format.indexOf('{');
    int close = format.indexOf('}', open + 1);
    if (open < 0 || close < 0) {
      return format + n;
    }
    String zeros = format.substring(open + 1, close);
    String digits = Long.toString(n);
    int width = zeros.length();
    StringBuilder padded = new StringBuilder();
    for (int i = digits.length(); i < width; i++) {
      padded.append('0');
    }
    padded.append(digits);
    return format.substring(0, open) + padded + format.substring(close + 1);
  }

  public Saved update(WriteTx tx, ObjectDef def, String id, RecordInput input) {
    return update(tx, def, id, input, null);
  }

  private Saved update(
      WriteTx tx,
      ObjectDef def,
      String rawId,
      RecordInput input,
      @Nullable FieldDef allowedKeyField) {
    StoredRecord existing = existing(tx, def, rawId);
    Map<FieldDef, Object> values = resolve(tx, def, input, Mode.UPDATE, allowedKeyField);
    List<String> nulled = new ArrayList<>();
    for (Map.Entry<FieldDef, Object> e : values.entrySet()) {
      FieldDef f = e.getKey();
      if (e.getValue() == null && !f.nillable() && f.type() != FieldType.BOOLEAN) {
        nulled.add(f.name());
      }
    }
    if (!nulled.isEmpty()) {
      throw new SaveException(
          new SaveError(
              "REQUIRED_FIELD_MISSING", "Required fields are missing: " + nulled, nulled));
    }
    ObjectTable table = tx.table(def);
    checkUnique(tx, table, values, existing.id());
    Object[] row = existing.copyValues();
    for (Map.Entry<FieldDef, Object> e : values.entrySet()) {
      if (e.getKey().slot() >= 0) {
        row[e.getKey().slot()] = e.getValue();
      }
    }
    touch(def, row, tx.now());
    tx.put(tx.newVersion(table, row));
    return new Saved(existing.id(), false);
  }

  private void touch(ObjectDef def, Object[] row, Instant now) {
    setSystem(def, row, SystemFields.LAST_MODIFIED_DATE, now);
    setSystem(def, row, SystemFields.SYSTEM_MODSTAMP, now);
    setSystem(def, row, SystemFields.LAST_MODIFIED_BY_ID, userId);
  }

  private static void setSystem(ObjectDef def, Object[] row, String name, Object value) {
    FieldDef f = def.fieldDefExact(name);
    if (f != null && f.slot() >= 0) {
      row[f.slot()] = value;
    }
  }

  /** The live record to update or delete; the right error when it is missing or deleted. */
  private StoredRecord existing(WriteTx tx, ObjectDef def, String rawId) {
    String id = SfIds.normalize(rawId);
    if (id == null || !SfIds.keyPrefix(id).equals(def.keyPrefix())) {
      throw new SaveException(
          SaveError.of(
              "MALFORMED_ID", def.name() + " ID: id value of incorrect type: " + rawId, "Id"));
    }
    StoredRecord r = tx.get(id);
    if (r == null) {
      throw new SaveException(
          SaveError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"));
    }
    if (r.isDeleted()) {
      throw new SaveException(SaveError.of("ENTITY_IS_DELETED", "entity is deleted"));
    }
    return r;
  }

  /**
   * Upsert on a key field: the key's value is taken from the input. No match inserts, one match
   * updates, several are an error (the REST layer turns that into 300 Multiple Choices).
   */
  public Saved upsert(WriteTx tx, ObjectDef def, FieldDef key, RecordInput input) {
    Object rawKey = null;
    boolean present = false;
    for (Map.Entry<String, Object> e : input.values().entrySet()) {
      if (e.getKey().equalsIgnoreCase(key.name())) {
        rawKey = e.getValue();
        present = true;
      }
    }
    if (key.type() == FieldType.ID) {
      if (rawKey == null || rawKey.toString().isEmpty()) {
        RecordInput withoutId = without(input, key.name());
        return insert(tx, def, withoutId);
      }
      return update(tx, def, rawKey.toString(), without(input, key.name()), null);
    }
    if (!present || rawKey == null || rawKey.toString().isEmpty()) {
      throw new SaveException(
          SaveError.of("MISSING_ARGUMENT", key.name() + " not specified", key.name()));
    }
    Object keyValue = ValueCoercion.coerce(key, rawKey);
    List<StoredRecord> matches = liveMatches(tx, tx.table(def), key, keyValue);
    if (matches.isEmpty()) {
      return insert(tx, def, input, key);
    }
    if (matches.size() > 1) {
      throw new MultipleMatchesException(
          SaveError.of(
              "DUPLICATE_EXTERNAL_ID",
              key.name()
                  + ": more than one record found for external id field: "
                  + matchIds(matches),
              key.name()),
          matches.stream().map(StoredRecord::id).toList());
    }
    return update(tx, def, matches.get(0).id(), input, key);
  }

  private static String matchIds(List<StoredRecord> matches) {
    return matches.stream().map(StoredRecord::id).toList().toString();
  }

  private static RecordInput without(RecordInput input, String name) {
    LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
    input
        .values()
        .forEach((k, v) -> {
          if (!k.equalsIgnoreCase(name)) {
            copy.put(k, v);
          }
        });
    return new RecordInput(copy, input.fromCsv());
  }

  /** Several records share the upsert key's value. */
  public static final class MultipleMatchesException extends SaveException {
    private final List<String> ids;

    MultipleMatchesException(SaveError error, List<String> ids) {
      super(error);
      this.ids = List.copyOf(ids);
    }

    public List<String> ids() {
      return ids;
    }
  }

  /** Soft delete (recycle bin) or hard delete, cascading to master-detail style children. */
  public Saved delete(WriteTx tx, @Nullable ObjectDef expectedType, String rawId, boolean hard) {
    String id = SfIds.normalize(rawId);
    if (id == null) {
      throw new SaveException(SaveError.of("MALFORMED_ID", "bad id " + rawId));
    }
    StoredRecord r = tx.get(id);
    if (r == null
        || (expectedType != null && !SfIds.keyPrefix(id).equals(expectedType.keyPrefix()))) {
      throw new SaveException(
          SaveError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"));
    }
    if (r.isDeleted() && !hard) {
      throw new SaveException(SaveError.of("ENTITY_IS_DELETED", "entity is deleted"));
    }
    deleteTree(tx, r, hard, tx.now());
    return new Saved(id, false);
  }

  private void deleteTree(WriteTx tx, StoredRecord r, boolean hard, Instant now) {
    ObjectDef def = r.def();
    for (ChildRelationshipDef c : def.childRelationshipDefs()) {
      ObjectTable childTable = tx.table(c.childSObject()).orElse(null);
      if (childTable == null) {
        continue;
      }
      FieldDef field = childTable.def().fieldDefExact(c.field());
      if (field == null) {
        continue;
      }
      for (StoredRecord child : List.copyOf(tx.childrenOf(childTable, field, r.id()))) {
        if (c.cascadeDelete()) {
          if (!child.isDeleted() || hard) {
            deleteTree(tx, child, hard, now);
          }
        } else if (!child.isDeleted() && field.slot() >= 0) {
          // Salesforce clears a plain lookup when its parent is deleted.
          Object[] row = child.copyValues();
          row[field.slot()] = null;
          tx.put(tx.newVersion(childTable, row));
        }
      }
    }
    if (hard || !def.hasIsDeleted()) {
      tx.remove(r); // no recycle bin without IsDeleted: purged at once, getDeleted still lists it
    } else {
      Object[] row = r.copyValues();
      row[def.isDeletedSlot()] = Boolean.TRUE;
      touch(def, row, now);
      tx.put(tx.newVersion(r.table(), row));
    }
    if (!r.isDeleted()) {
      tx.tombstone(r, now);
    }
  }

  // --- resolution -------------------------------------------------------------------------

  private Map<FieldDef, Object> resolve(
      WriteTx tx, ObjectDef def, RecordInput input, Mode mode, @Nullable FieldDef keyField) {
    Map<FieldDef, Object> out = new LinkedHashMap<>();
    List<String> notWritable = new ArrayList<>();
    for (Map.Entry<String, Object> e : input.values().entrySet()) {
      String key = e.getKey();
      Object raw = e.getValue();
      if (key.equalsIgnoreCase("attributes")) {
        continue;
      }
      FieldDef field = def.fieldDefExact(key);
      if (field == null) {
        FieldDef ref = def.relationshipField(key).orElse(null);
        if (ref != null && (raw instanceof Map<?, ?> || raw == null)) {
          if (!(mode == Mode.INSERT ? ref.createable() : ref.updateable())) {
            notWritable.add(ref.name());
            continue;
          }
          out.put(ref, raw == null ? null : resolveRelationship(tx, def, ref, (Map<?, ?>) raw));
          continue;
        }
        throw new SaveException(
            SaveError.of(
                "INVALID_FIELD", "No such column '" + key + "' on sobject of type " + def.name()));
      }
      if (field.type() == FieldType.ID) {
        if (mode == Mode.INSERT) {
          throw new SaveException(
              SaveError.of(
                  "INVALID_FIELD_FOR_INSERT_UPDATE",
                  "Record ID: cannot specify Id in an insert call",
                  "Id"));
        }
        continue;
      }
      if (keyField != null && field == keyField) {
        // the upsert key: stored on insert, unchanged on update
        if (mode == Mode.INSERT) {
          out.put(field, ValueCoercion.coerce(field, raw));
        }
        continue;
      }
      boolean writable = mode == Mode.INSERT ? field.createable() : field.updateable();
      if (!writable) {
        notWritable.add(field.name());
        continue;
      }
      Object value = ValueCoercion.coerce(field, raw);
      if (field.type() == FieldType.REFERENCE && value != null) {
        value = checkReference(tx, def, field, value.toString());
      }
      out.put(field, value);
    }
    if (!notWritable.isEmpty()) {
      throw new SaveException(
          new SaveError(
              "INVALID_FIELD_FOR_INSERT_UPDATE",
              "Unable to create/update fields: "
                  + String.join(", ", notWritable)
                  + ". Please check the security settings of this field and verify that it is"
                  + " read/write for your profile or permission set.",
              notWritable));
    }
    return out;
  }

  private String checkReference(WriteTx tx, ObjectDef def, FieldDef field, String raw) {
    String id = SfIds.normalize(raw);
    if (id == null) {
      throw new SaveException(
          SaveError.of(
              "MALFORMED_ID",
              field.label() + ": id value of incorrect type: " + raw,
              field.name()));
    }
    StoredRecord target = tx.get(id);
    boolean typeMatches =
        tx.schema()
            .byKeyPrefix(SfIds.keyPrefix(id))
            .map(o -> field.referenceTo().stream().anyMatch(t -> t.equalsIgnoreCase(o.name())))
            .orElse(false);
    if (target != null && !typeMatches) {
      throw new SaveException(
          SaveError.of(
              "FIELD_INTEGRITY_EXCEPTION",
              field.label() + ": id value of incorrect type: " + raw,
              field.name()));
    }
    if (target == null || target.isDeleted()) {
      throw new SaveException(
          SaveError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", field.name()));
    }
    return id;
  }

  /** {@code "Account": {"External_Id__c": "X"}} → the Account's id. */
  private String resolveRelationship(WriteTx tx, ObjectDef def, FieldDef ref, Map<?, ?> spec) {
    String targetName = null;
    Object attributes = spec.get("attributes");
    if (attributes instanceof Map<?, ?> a && a.get("type") != null) {
      targetName = a.get("type").toString();
    }
    if (targetName == null) {
      if (ref.isPolymorphic()) {
        throw new SaveException(
            SaveError.of(
                "INVALID_FIELD",
                "Polymorphic relationship "
                    + ref.relationshipName()
                    + " needs attributes.type (or ObjectType: in the CSV header)",
                ref.name()));
      }
      targetName = ref.referenceTo().get(0);
    }
    String finalTarget = targetName;
    boolean allowed = ref.referenceTo().stream().anyMatch(t -> t.equalsIgnoreCase(finalTarget));
    ObjectDef target = tx.schema().find(targetName).orElse(null);
    if (!allowed || target == null) {
      throw new SaveException(
          SaveError.of(
              "INVALID_FIELD",
              "Relationship " + ref.relationshipName() + " cannot point at " + targetName,
              ref.name()));
    }
    Map.Entry<?, ?> keyEntry = null;
    for (Map.Entry<?, ?> e : spec.entrySet()) {
      if (!"attributes".equals(e.getKey())) {
        if (keyEntry != null) {
          throw new SaveException(
              SaveError.of(
                  "INVALID_FIELD",
                  "A relationship by external id names exactly one field of " + target.name(),
                  ref.name()));
        }
        keyEntry = e;
      }
    }
    if (keyEntry == null) {
      throw new SaveException(
          SaveError.of(
              "INVALID_FIELD",
              "A relationship by external id names one field of " + target.name(),
              ref.name()));
    }
    String keyName = keyEntry.getKey().toString();
    FieldDef keyField = target.fieldDef(keyName).orElse(null);
    if (keyField == null || !(keyField.isLookupKey() || keyField.type() == FieldType.ID)) {
      throw new SaveException(
          SaveError.of(
              "INVALID_FIELD",
              "Field name provided, "
                  + keyName
                  + " does not match an External ID, Salesforce Id, or indexed field for "
                  + target.name(),
              ref.name()));
    }
    Object rawValue = keyEntry.getValue();
    if (rawValue == null || rawValue.toString().isEmpty()) {
      return null;
    }
    if (keyField.type() == FieldType.ID) {
      return checkReference(tx, def, ref, rawValue.toString());
    }
    Object value = ValueCoercion.coerce(keyField, rawValue);
    List<StoredRecord> matches = liveMatches(tx, tx.table(target), keyField, value);
    if (matches.isEmpty()) {
      throw new SaveException(
          SaveError.of(
              "INVALID_FIELD",
              "Foreign key external ID: "
                  + rawValue
                  + " not found for field "
                  + keyField.name()
                  + " in entity "
                  + target.name(),
              ref.name()));
    }
    if (matches.size() > 1) {
      throw new SaveException(
          SaveError.of(
              "DUPLICATE_EXTERNAL_ID",
              "Foreign key external ID: "
                  + rawValue
                  + " matched more than one record for field "
                  + keyField.name()
                  + " in entity "
                  + target.name(),
              ref.name()));
    }
    return matches.get(0).id();
  }

  private static List<StoredRecord> liveMatches(
      WriteTx tx, ObjectTable table, FieldDef field, @Nullable Object value) {
    List<StoredRecord> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    for (String id : tx.idsWithValue(table, field, value)) {
      StoredRecord r = table.get(id);
      if (r != null && !r.isDeleted()) {
        out.add(r);
      }
    }
    return out;
  }

  private static void checkUnique(
      WriteTx tx, ObjectTable table, Map<FieldDef, Object> values, @Nullable String selfId) {
    for (Map.Entry<FieldDef, Object> e : values.entrySet()) {
      FieldDef f = e.getKey();
      if (!f.unique() || e.getValue() == null) {
        continue;
      }
      for (StoredRecord other : liveMatches(tx, table, f, e.getValue())) {
        if (!other.id().equals(selfId)) {
          throw new SaveException(
              SaveError.of(
                  "DUPLICATE_VALUE",
                  "duplicate value found: "
                      + f.name()
                      + " duplicates value on record with id: "
                      + other.id()));
        }
      }
    }
  }
}

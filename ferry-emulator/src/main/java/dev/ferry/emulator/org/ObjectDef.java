package dev.ferry.emulator.org;

import dev.ferry.emulator.soql.SoqlChildRelationship;
import dev.ferry.emulator.soql.SoqlField;
import dev.ferry.emulator.soql.SoqlObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The schema of one sObject type: object properties, fields in describe order (each stored field
 * with a stable slot in the record's value array) and child relationships. Immutable; a schema
 * change produces a new ObjectDef whose surviving fields keep their slots.
 */
public final class ObjectDef implements SoqlObject {
  private final ObjectProps props;
  private final List<FieldDef> fields;
  private final Map<String, FieldDef> byLowerName;
  private final Map<String, FieldDef> byName;
  private final Map<String, FieldDef> byLowerRelationship;
  private final List<ChildRelationshipDef> childRelationships;
  private final Map<String, ChildRelationshipDef> childByLowerName;
  private final List<SoqlField> soqlFields;
  private final Map<SoqlField, FieldDef> bySoqlField;
  private final int slotCount;
  private final int isDeletedSlot;

  private ObjectDef(
      ObjectProps props,
      List<FieldDef> fields,
      int slotCount,
      List<ChildRelationshipDef> childRelationships) {
    this.props = props;
    this.fields = List.copyOf(fields);
    this.slotCount = slotCount;
    this.childRelationships = List.copyOf(childRelationships);
    Map<String, FieldDef> lower = new HashMap<>();
    Map<String, FieldDef> exact = new HashMap<>();
    Map<String, FieldDef> rel = new HashMap<>();
    List<SoqlField> soql = new ArrayList<>();
    for (FieldDef f : this.fields) {
      if (lower.put(f.name().toLowerCase(Locale.ROOT), f) != null) {
        throw new IllegalArgumentException(
            "object " + props.name() + ": field " + f.name() + " is defined twice");
      }
      exact.put(f.name(), f);
      if (f.relationshipName() != null) {
        rel.put(f.relationshipName().toLowerCase(Locale.ROOT), f);
      }
      soql.add(f.soqlField());
    }
    Map<String, ChildRelationshipDef> children = new HashMap<>();
    for (ChildRelationshipDef c : this.childRelationships) {
      children.put(c.relationshipName().toLowerCase(Locale.ROOT), c);
    }
    this.byLowerName = lower;
    this.byName = exact;
    this.byLowerRelationship = rel;
    this.childByLowerName = children;
    this.soqlFields = List.copyOf(soql);
    Map<SoqlField, FieldDef> identity = new java.util.IdentityHashMap<>();
    for (FieldDef f : this.fields) {
      identity.put(f.soqlField(), f);
    }
    this.bySoqlField = identity;
    FieldDef id = exact.get("Id");
    if (id == null || id.slot() != 0) {
      throw new IllegalArgumentException("object " + props.name() + ": Id must be the first field");
    }
    FieldDef deleted = exact.get("IsDeleted");
    if (deleted != null && deleted.slot() < 0) {
      throw new IllegalArgumentException(
          "object " + props.name() + ": IsDeleted must be a stored field");
    }
    this.isDeletedSlot = deleted == null ? -1 : deleted.slot();
  }

  /** Slot of IsDeleted (Id is always slot 0); -1 for objects without it (User, Group, ...). */
  public int isDeletedSlot() {
    return isDeletedSlot;
  }

  /**
   * False for objects without IsDeleted (User, Group, RecordType, BusinessHours, Organization in
   * real orgs): they have no recycle bin, a delete purges the record at once (getDeleted still
   * lists it) and queryAll never returns it.
   */
  public boolean hasIsDeleted() {
    return isDeletedSlot >= 0;
  }

  /**
   * A new object from fields in describe order; assigns slots to the stored fields and checks that
   * derived fields refer to fields that exist.
   */
  public static ObjectDef create(ObjectProps props, List<FieldDef> fields) {
    List<FieldDef> slotted = new ArrayList<>();
    int slot = 0;
    for (FieldDef f : fields) {
      slotted.add(f.isDerived() ? f.withSlot(-1) : f.withSlot(slot++));
    }
    ObjectDef def = new ObjectDef(props, slotted, slot, List.of());
    def.checkCompoundParts();
    return def;
  }

  private void checkCompoundParts() {
    for (FieldDef f : fields) {
      if (f.compoundFieldName() != null) {
        FieldDef compound = byLowerName.get(f.compoundFieldName().toLowerCase(Locale.ROOT));
        if (compound == null || !compound.type().isCompound()) {
          throw new IllegalArgumentException(
              "object "
                  + name()
                  + ": field "
                  + f.name()
                  + " names compoundFieldName "
                  + f.compoundFieldName()
                  + ", which is not an address or location field of the object");
        }
      }
    }
  }

  /** This object with its child relationships set (computed by {@link Schema}). */
  ObjectDef withChildRelationships(List<ChildRelationshipDef> children) {
    return new ObjectDef(props, fields, slotCount, children);
  }

  /** This object with one more stored field (a new slot at the end). */
  ObjectDef withField(FieldDef field) {
    List<FieldDef> next = new ArrayList<>(fields);
    int newSlots = slotCount;
    FieldDef slotted;
    if (field.isDerived()) {
      slotted = field.withSlot(-1);
    } else {
      slotted = field.withSlot(newSlots++);
    }
    next.add(slotted);
    ObjectDef def = new ObjectDef(props, next, newSlots, childRelationships);
    def.checkCompoundParts();
    return def;
  }

  /** This object without the field; its slot stays reserved so stored records keep lining up. */
  ObjectDef withoutField(String fieldName) {
    List<FieldDef> next = new ArrayList<>();
    for (FieldDef f : fields) {
      if (!f.name().equalsIgnoreCase(fieldName)) {
        next.add(f);
      }
    }
    return new ObjectDef(props, next, slotCount, childRelationships);
  }

  public ObjectProps props() {
    return props;
  }

  @Override
  public String name() {
    return props.name();
  }

  public String keyPrefix() {
    return props.keyPrefix();
  }

  public boolean isCustom() {
    return props.custom();
  }

  public List<FieldDef> fieldDefs() {
    return fields;
  }

  public int slotCount() {
    return slotCount;
  }

  public List<ChildRelationshipDef> childRelationshipDefs() {
    return childRelationships;
  }

  /** A field by name, case-insensitively. */
  public Optional<FieldDef> fieldDef(String name) {
    return Optional.ofNullable(byLowerName.get(name.toLowerCase(Locale.ROOT)));
  }

  /** A field by its exact canonical name (fast path for the SOQL engine). */
  public @Nullable FieldDef fieldDefExact(String name) {
    FieldDef f = byName.get(name);
    return f != null ? f : byLowerName.get(name.toLowerCase(Locale.ROOT));
  }

  /**
   * The field behind a SoqlField this object handed out (identity lookup: the SOQL engine passes
   * the catalog's own instances); falls back to the name.
   */
  public @Nullable FieldDef fieldDef(SoqlField field) {
    FieldDef f = bySoqlField.get(field);
    return f != null ? f : fieldDefExact(field.name());
  }

  /** The reference field behind a relationship name, case-insensitively. */
  public Optional<FieldDef> relationshipField(String relationshipName) {
    return Optional.ofNullable(byLowerRelationship.get(relationshipName.toLowerCase(Locale.ROOT)));
  }

  /** The external-id / idLookup fields usable as upsert keys or relationship keys. */
  public List<FieldDef> lookupKeys() {
    return fields.stream().filter(FieldDef::isLookupKey).toList();
  }

  /** Components of a compound field, keyed by component role (Street, City, Latitude, ...). */
  public Map<String, FieldDef> compoundParts(FieldDef compound) {
    Map<String, FieldDef> parts = new LinkedHashMap<>();
    for (FieldDef f : fields) {
      if (compound.name().equalsIgnoreCase(f.compoundFieldName())) {
        parts.put(CompoundValues.role(compound, f), f);
      }
    }
    return parts;
  }

  // --- SoqlObject -------------------------------------------------------------------------

  @Override
  public List<SoqlField> fields() {
    return soqlFields;
  }

  @Override
  public Optional<SoqlField> field(String name) {
    return fieldDef(name).map(FieldDef::soqlField);
  }

  @Override
  public Optional<SoqlField> parentRelationship(String relationshipName) {
    return relationshipField(relationshipName).map(FieldDef::soqlField);
  }

  @Override
  public Optional<SoqlChildRelationship> childRelationship(String relationshipName) {
    ChildRelationshipDef c = childByLowerName.get(relationshipName.toLowerCase(Locale.ROOT));
    return c == null
        ? Optional.empty()
        : Optional.of(new SoqlChildRelationship(c.relationshipName(), c.childSObject(), c.field()));
  }

  @Override
  public String toString() {
    return name();
  }
}

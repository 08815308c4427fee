package dev.ferry.emulator.org;

import dev.ferry.emulator.soql.SoqlCatalog;
import dev.ferry.emulator.soql.SoqlObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The org's sObject types. Immutable: schema changes build a new Schema. Child relationships are
 * derived from the reference fields that name a {@code childRelationshipName}.
 */
public final class Schema implements SoqlCatalog {
  private final Map<String, ObjectDef> byLowerName;
  private final Map<String, ObjectDef> byPrefix;
  private final List<ObjectDef> objects;

  private Schema(List<ObjectDef> objects) {
    this.objects = List.copyOf(objects);
    Map<String, ObjectDef> names = new LinkedHashMap<>();
    Map<String, ObjectDef> prefixes = new HashMap<>();
    for (ObjectDef o : objects) {
      if (names.put(o.name().toLowerCase(Locale.ROOT), o) != null) {
        throw new IllegalArgumentException("object " + o.name() + " is defined twice");
      }
      ObjectDef clash = prefixes.put(o.keyPrefix(), o);
      if (clash != null) {
        throw new IllegalArgumentException(
            "objects " + clash.name() + " and " + o.name() + " share key prefix " + o.keyPrefix());
      }
    }
    this.byLowerName = names;
    this.byPrefix = prefixes;
  }

  /** Builds a schema, checking references and computing child relationships. */
  public static Schema of(Collection<ObjectDef> objects) {
    Map<String, ObjectDef> names = new HashMap<>();
    for (ObjectDef o : objects) {
      names.put(o.name().toLowerCase(Locale.ROOT), o);
    }
    Map<String, List<ChildRelationshipDef>> children = new HashMap<>();
    for (ObjectDef o : objects) {
      for (FieldDef f : o.fieldDefs()) {
        for (String target : f.referenceTo()) {
          ObjectDef parent = names.get(target.toLowerCase(Locale.ROOT));
          if (parent == null) {
            throw new IllegalArgumentException(
                "object "
                    + o.name()
                    + ": field "
                    + f.name()
                    + " references "
                    + target
                    + ", which is not an object of the org");
          }
          if (f.childRelationshipName() != null) {
            children
                .computeIfAbsent(parent.name(), k -> new ArrayList<>())
                .add(
                    new ChildRelationshipDef(
                        f.childRelationshipName(),
                        o.name(),
                        f.name(),
                        f.cascadeDelete(),
                        f.restrictedDelete()));
          }
        }
      }
    }
    List<ObjectDef> linked = new ArrayList<>();
    for (ObjectDef o : objects) {
      List<ChildRelationshipDef> mine = children.getOrDefault(o.name(), List.of());
      Map<String, ChildRelationshipDef> unique = new LinkedHashMap<>();
      for (ChildRelationshipDef c : mine) {
        if (unique.put(c.relationshipName().toLowerCase(Locale.ROOT), c) != null) {
          throw new IllegalArgumentException(
              "object " + o.name() + ": child relationship " + c.relationshipName() + " twice");
        }
      }
      linked.add(o.withChildRelationships(mine));
    }
    return new Schema(linked);
  }

  /** Objects in definition order. */
  public List<ObjectDef> objects() {
    return objects;
  }

  public Optional<ObjectDef> find(String name) {
    return Optional.ofNullable(byLowerName.get(name.toLowerCase(Locale.ROOT)));
  }

  public Optional<ObjectDef> byKeyPrefix(String prefix) {
    return Optional.ofNullable(byPrefix.get(prefix));
  }

  /** A schema with one object replaced (same name), relationships recomputed. */
  public Schema replace(ObjectDef changed) {
    List<ObjectDef> next = new ArrayList<>();
    for (ObjectDef o : objects) {
      next.add(o.name().equals(changed.name()) ? changed : o);
    }
    return of(next);
  }

  @Override
  public Optional<SoqlObject> object(String name) {
    return Optional.ofNullable(byLowerName.get(name.toLowerCase(Locale.ROOT)));
  }
}

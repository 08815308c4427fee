package dev.ferry.emulator.soql;

import dev.ferry.emulator.soql.Projection.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the projection tree of a select list. Paths that share a relationship are merged into one
 * nested row placed where the relationship first appears ({@code Account.Name, Id,
 * Account.Industry} gives {@code Account{Name, Industry}, Id}). Names are resolved leniently here:
 * the planner has already reported unknown names, and behind a polymorphic lookup a name the
 * concrete type lacks reads as null.
 */
final class ProjectionCompiler {
  /** One select item, in select-list order. */
  sealed interface Entry {}

  /** A field path by segment names. */
  record PathEntry(List<String> segments) implements Entry {}

  record SubqueryEntry(String key, ChildQuery query) implements Entry {}

  /** TYPEOF: field paths per concrete type (lower-case type name), and the ELSE paths. */
  record TypeofEntry(
      String key,
      SoqlField reference,
      Map<String, List<List<String>>> branches,
      List<List<String>> orElse)
      implements Entry {}

  private final Schema schema;

  ProjectionCompiler(Schema schema) {
    this.schema = schema;
  }

  List<Node> compile(SoqlObject object, List<Entry> entries) {
    return compile(object, entries, false);
  }

  /** behindPolymorphic: {@code Type} names the concrete sObject type, as on the Name entity. */
  private List<Node> compile(SoqlObject object, List<Entry> entries, boolean behindPolymorphic) {
    Map<String, Object> slots = new LinkedHashMap<>();
    int unique = 0;
    for (Entry entry : entries) {
      switch (entry) {
        case PathEntry path -> {
          String first = path.segments().get(0).toLowerCase(Locale.ROOT);
          if (path.segments().size() == 1) {
            slots.putIfAbsent("f:" + first, path.segments().get(0));
          } else {
            @SuppressWarnings("unchecked")
            List<List<String>> tails =
                (List<List<String>>) slots.computeIfAbsent("r:" + first, k -> new ArrayList<>());
            tails.add(path.segments());
          }
        }
        case SubqueryEntry subquery -> slots.put("s:" + unique++, subquery);
        case TypeofEntry typeof -> slots.put("t:" + unique++, typeof);
      }
    }
    List<Node> nodes = new ArrayList<>(slots.size());
    for (Map.Entry<String, Object> slot : slots.entrySet()) {
      Object value = slot.getValue();
      switch (slot.getKey().charAt(0)) {
        case 'f' -> {
          String name = (String) value;
          nodes.add(
              behindPolymorphic && name.equalsIgnoreCase("Type")
                  ? new Projection.FieldNode("Type", Reader.objectType())
                  : field(object, name));
        }
        case 'r' -> {
          @SuppressWarnings("unchecked")
          List<List<String>> paths = (List<List<String>>) value;
          nodes.add(parent(object, paths));
        }
        case 's' -> {
          SubqueryEntry subquery = (SubqueryEntry) value;
          nodes.add(new Projection.SubqueryNode(subquery.key(), subquery.query()));
        }
        default -> nodes.add(typeof((TypeofEntry) value));
      }
    }
    return List.copyOf(nodes);
  }

  private static Node field(SoqlObject object, String name) {
    Optional<SoqlField> field = object.field(name);
    if (field.isEmpty()) return new Projection.MissingNode(name);
    return new Projection.FieldNode(field.get().name(), Reader.field(field.get()));
  }

  private Node parent(SoqlObject object, List<List<String>> paths) {
    String name = paths.get(0).get(0);
    Optional<SoqlField> found = object.parentRelationship(name);
    if (found.isEmpty() || found.get().relationshipName() == null) {
      return new Projection.MissingNode(name);
    }
    SoqlField reference = found.get();
    List<Entry> tails = new ArrayList<>(paths.size());
    for (List<String> path : paths) tails.add(new PathEntry(path.subList(1, path.size())));
    boolean polymorphic = Schema.isPolymorphic(reference);
    return new Projection.ParentNode(
        reference.relationshipName(),
        reference,
        schema.data(),
        type -> schema.lookup(type).map(o -> compile(o, tails, polymorphic)).orElse(List.of()));
  }

  private Node typeof(TypeofEntry typeof) {
    return new Projection.ParentNode(
        typeof.key(),
        typeof.reference(),
        schema.data(),
        type -> {
          List<List<String>> paths =
              typeof.branches().getOrDefault(type.toLowerCase(Locale.ROOT), typeof.orElse());
          List<Entry> entries = new ArrayList<>(paths.size());
          for (List<String> path : paths) entries.add(new PathEntry(path));
          return schema.lookup(type).map(o -> compile(o, entries)).orElse(List.of());
        });
  }
}
